"""The place picker: places typed or chosen from the gazetteer of the operation's country (see the package docstring).

Each place is one text input tied to an HTML ``<datalist>`` of the country's current units, "Name (P-code)": a
searchable list in every browser, with no script, and a plain text field where the browser offers no list. The
server resolves what was typed (a P-code, an exact name or alternative name, accents and case aside, or a
"Name (P-code)" option) to one unit and fills the record's name and P-code fields from it. ``static/js/
place_picker.js`` turns the input into a combobox that matches anywhere in the name, as an enhancement only.

A value the record already holds and the user left as it was is kept as stored, so that a record written before its
country's gazetteer was imported (or naming a unit a later import retired) can still be edited. A country without
any unit in the gazetteer gets the same input without a list, and the name and P-code typed are checked by the
place rules of :mod:`cmcoord.core.places` alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from cmcoord.core.search import fold

from .models import AdminLevel, AdminUnit
from .selectors import country_units

#: The four place fields of a record (``cmcoord.core.places.PlaceFields``, tasks): picker → (name, P-code) fields.
PLACE_FIELDS = {"admin1": ("admin1_name", "admin1_pcode"), "admin2": ("admin2_name", "admin2_pcode")}

_WITH_CODE = re.compile(r"^(?P<name>.*?)\s*\(\s*(?P<pcode>[A-Za-z]{2}[0-9]+)\s*\)$")
_CODE = re.compile(r"^[A-Za-z]{2}[0-9]+$")
_SEPARATORS = re.compile(r"[,\n]")


def place_text(name: str, pcode: str) -> str:
    """How a place reads in the picker and on pages: "Ouaka (CF71)", or whichever part is known."""
    if name and pcode:
        return f"{name} ({pcode})"
    return name or pcode


def _key(text: str) -> str:
    """A name as people type it: no accents, any case, apostrophes alike, a hyphen as a space, single spaces (Zemio
    finds Zémio, "ouham pende" finds Ouham-Pendé)."""
    return fold(text.replace("-", " ").replace("\u2010", " "))


@dataclass(frozen=True)
class Chosen:
    """A resolved place: what the record's fields get. ``parent`` is the admin 1 P-code of an admin 2 unit."""

    name: str = ""
    pcode: str = ""
    parent: AdminUnit | None = None


NOWHERE = Chosen()


class CountryGazetteer:
    """The current units of one country, read once (one query), with look-ups by P-code and by name."""

    def __init__(self, user, country):
        self.country = country
        self.units = country_units(user, country.code)
        self.by_pcode = {unit.pcode: unit for unit in self.units}
        self._options: dict[int, list] = {}
        self.by_name: dict[tuple[int, str], list[AdminUnit]] = {}
        for unit in self.units:
            for name in (unit.name, *unit.alternative_name_list):
                named = self.by_name.setdefault((unit.level, _key(name)), [])
                if unit not in named:
                    named.append(unit)

    def __bool__(self):
        return bool(self.units)

    def options(self, level: int) -> list[tuple[str, str, str]]:
        """(value, label, parent P-code) of each unit of ``level``: the datalist of a picker (made once a level: an
        import draws a picker for each of its rows; the list is read only)."""
        if level not in self._options:
            self._options[level] = [
                (str(unit), unit.parent.name if unit.parent_id else "", unit.parent.pcode if unit.parent_id else "")
                for unit in self.units
                if unit.level == level
            ]
        return self._options[level]

    def resolve(self, text: str, level: int, within: str = "") -> AdminUnit:
        """The unit of ``level`` that ``text`` names; ``within`` (an admin 1 P-code) settles a name two districts
        share. Raises a ValidationError that says what to do."""
        match = _WITH_CODE.match(text)
        pcode = match["pcode"].upper() if match else text.upper() if _CODE.match(text) else ""
        if pcode:
            unit = self.by_pcode.get(pcode)
            if unit is None:
                raise self._unknown_code(pcode, level)
        else:
            found = self.by_name.get((level, _key(text)), [])
            if len(found) > 1 and within:
                found = [unit for unit in found if unit.parent_id and unit.parent.pcode == within] or found
            if len(found) > 1:
                raise ValidationError(
                    _("Several admin %(level)s places are called “%(text)s”: choose one from the list (with its "
                      "P-code).") % {"level": level, "text": text},
                    code="ambiguous_place",
                )  # fmt: skip
            if not found:
                other = self.by_name.get((3 - level, _key(text)))
                if other:
                    raise self._wrong_level(other[0], level)
                raise ValidationError(
                    _("“%(text)s” is not an admin %(level)s place of %(country)s in the gazetteer: type part of its "
                      "name and choose from the list, or enter its P-code.")
                    % {"text": text, "level": level, "country": self.country.name},
                    code="unknown_place",
                )  # fmt: skip
            unit = found[0]
        if unit.level != level:
            raise self._wrong_level(unit, level)
        return unit

    def _wrong_level(self, unit: AdminUnit, level: int) -> ValidationError:
        return ValidationError(
            _("%(place)s is an admin %(other)s place, not admin %(level)s.")
            % {"place": unit, "other": unit.level, "level": level},
            code="wrong_level",
        )

    def _unknown_code(self, pcode: str, level: int) -> ValidationError:
        elsewhere = AdminUnit.objects.filter(pcode=pcode).exclude(country=self.country.code).first()
        if elsewhere is not None:
            return ValidationError(
                _("%(pcode)s is %(name)s in %(other)s, not a place of %(country)s.")
                % {"pcode": pcode, "name": elsewhere.name, "other": elsewhere.country.name,
                   "country": self.country.name},
                code="other_country",
            )  # fmt: skip
        if not pcode.startswith(self.country.code):
            return ValidationError(
                _("P-codes of this operation start with %(country)s.") % {"country": self.country.code},
                code="other_country",
            )
        return ValidationError(
            _("%(pcode)s is not an admin %(level)s P-code of %(country)s in the gazetteer.")
            % {"pcode": pcode, "level": level, "country": self.country.name},
            code="unknown_place",
        )


class PlaceInput(forms.TextInput):
    """A text input followed by its ``<datalist>``; without options (no gazetteer) a plain text input."""

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", "spellcheck": "false", **(attrs or {})})
        self.options: list[tuple[str, str, str]] = []
        self.list_id = ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.options:
            context["widget"]["attrs"]["list"] = self.list_id
        return context

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if not self.options:
            return html
        rows = ((value, parent, label) for value, label, parent in self.options)
        options = format_html_join("", '<option value="{}" data-parent="{}">{}</option>', rows)
        return html + format_html('<datalist id="{}">{}</datalist>', self.list_id, options)


class PlaceField(forms.CharField):
    """What the user typed or chose for one place; :class:`PlacePickerMixin` resolves it against the gazetteer."""

    widget = PlaceInput

    def __init__(self, *, level: int, **kwargs):
        self.level = level
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 250)
        super().__init__(**kwargs)


class PlaceListField(forms.MultipleChoiceField):
    """Several admin 1 units of the country, ticked in a list, stored as comma-separated P-codes ("CF71, CF72").

    A posted value may itself list codes separated by commas or new lines (as the plain field used to take them);
    each must be a current unit of the country, or one the record already holds.
    """

    widget = forms.CheckboxSelectMultiple

    def to_python(self, value):
        codes = []
        for entry in super().to_python(value):
            for code in _SEPARATORS.split(entry):
                code = code.strip().upper()
                if code and code not in codes:
                    codes.append(code)
        return codes

    def prepare_value(self, value):
        if isinstance(value, str):
            return [code.strip() for code in _SEPARATORS.split(value) if code.strip()]
        return value

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        for code in value:
            if not self.valid_value(code):
                raise ValidationError(
                    _("“%(code)s” is not an admin 1 P-code of this operation (e.g. %(example)s).")
                    % {"code": code, "example": self.choices[0][0] if self.choices else "CF71"},
                    code="unknown_place",
                )

    def clean(self, value):
        return ", ".join(super().clean(value))


class PlacePickerMixin:
    """Place pickers on the ModelForm of an operation's record (a form with ``self.operation`` and ``self.user``,
    e.g. an ``OperationBoundForm``), put first among its bases.

    ``place_pickers`` maps each picker to the model's (name, P-code) fields, admin 1 first: by default the four
    fields of :class:`cmcoord.core.places.PlaceFields`; the model's fields are taken off the form and filled from
    the picked units. ``place_lists`` names text fields holding comma-separated admin 1 P-codes (an actor's areas):
    each becomes a list of the country's admin 1 units to tick. Model errors of the place fields show on the pickers.
    """

    place_pickers: dict[str, tuple[str, str]] = PLACE_FIELDS
    place_lists: tuple[str, ...] = ()

    def __init__(self, *args, gazetteer: CountryGazetteer | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # ``gazetteer``: the country's, read once for many forms (an import checks each row with one).
        self.gazetteer = gazetteer if gazetteer is not None else CountryGazetteer(self.user, self.operation.country)
        self._chosen: dict[str, Chosen] = {}
        fields = {}
        pickers = {name_field: picker for picker, (name_field, _pcode) in self.place_pickers.items()}
        hidden = {field for pair in self.place_pickers.values() for field in pair}
        for name, field in self.fields.items():
            if name in pickers:
                fields[pickers[name]] = self._picker(pickers[name])
            elif name not in hidden:
                fields[name] = field
            if name in self.place_lists and self.gazetteer:
                fields[name] = self._place_list(name, field)
        self.fields = fields

    def _picker(self, picker: str) -> PlaceField:
        level = list(self.place_pickers).index(picker) + 1
        name_field, pcode_field = self.place_pickers[picker]
        field = PlaceField(level=level, label=capfirst(self._meta.model._meta.get_field(name_field).verbose_name))
        field.initial = place_text(getattr(self.instance, name_field), getattr(self.instance, pcode_field))
        options = self.gazetteer.options(level)
        code = self.gazetteer.country.code
        if options:
            field.widget.options = options
            field.widget.list_id = f"places-{code.lower()}-{picker}"
            field.widget.attrs["data-place-picker"] = str(level)
            field.help_text = _("Type part of the name or the P-code and choose, e.g. %(example)s.") % {
                "example": options[0][0]
            }
        else:
            field.help_text = _(
                "No gazetteer is loaded for %(country)s: type the name and the P-code, e.g. Ouaka (%(code)s11)."
            ) % {"country": self.gazetteer.country.name, "code": code}
        if level == AdminLevel.ADMIN2:
            parent_picker = next(iter(self.place_pickers))
            field.widget.attrs["data-place-parent"] = f"id_{self.add_prefix(parent_picker)}"
        return field

    def _place_list(self, name: str, model_field_form: forms.Field) -> PlaceListField:
        choices = [(unit.pcode, str(unit)) for unit in self.gazetteer.units if unit.level == AdminLevel.ADMIN1]
        offered = {code for code, _label in choices}
        stored = PlaceListField().prepare_value(getattr(self.instance, name) or "")
        unknown = _("%(code)s (not in the gazetteer)")
        choices += [(code, unknown % {"code": code}) for code in stored if code not in offered]
        return PlaceListField(
            choices=choices,
            required=model_field_form.required,
            label=model_field_form.label,
            help_text=_("Tick the admin 1 units (regions) where the actor operates."),
        )

    # --- Resolving what was typed ----------------------------------------------------------------------------

    def clean(self):
        cleaned = super().clean()
        chosen: dict[str, Chosen | None] = {}
        region = None
        for picker in self.place_pickers:  # admin 1 first: it settles a district's name that two regions share
            if picker in self.fields:
                chosen[picker] = self._resolve(picker, cleaned, within=region.pcode if region else "")
                region = region or chosen[picker]
        pickers = list(self.place_pickers)
        if len(pickers) == 2 and all(chosen.get(picker) is not None for picker in pickers):
            admin1, admin2 = pickers
            region, district = chosen[admin1], chosen[admin2]
            if district.parent is not None and not region.pcode:
                chosen[admin1] = Chosen(district.parent.name, district.parent.pcode)  # a district names its region
            elif district.parent is not None and region.pcode and district.parent.pcode != region.pcode:
                self.add_error(
                    admin2,
                    _("%(place)s is in %(parent)s, not in %(chosen)s.")
                    % {"place": place_text(district.name, district.pcode), "parent": district.parent,
                       "chosen": place_text(region.name, region.pcode)},
                )  # fmt: skip
        self._chosen = {picker: place for picker, place in chosen.items() if place is not None}
        return cleaned

    def _resolve(self, picker: str, cleaned: dict, within: str = "") -> Chosen | None:
        """The place a picker names; None when it has an error (added to the form)."""
        if picker in self.errors:
            return None
        text = " ".join((cleaned.get(picker) or "").split())
        name_field, pcode_field = self.place_pickers[picker]
        if text and text == self.get_initial_for_field(self.fields[picker], picker):
            return Chosen(getattr(self.instance, name_field), getattr(self.instance, pcode_field))  # left as it was
        if not text:
            return NOWHERE
        if not self.gazetteer:
            match = _WITH_CODE.match(text)
            if match:
                return Chosen(match["name"], match["pcode"].upper())
            return Chosen("", text.upper()) if _CODE.match(text) else Chosen(text, "")
        try:
            unit = self.gazetteer.resolve(text, self.fields[picker].level, within)
        except ValidationError as error:
            self.add_error(picker, error)
            return None
        return Chosen(unit.name, unit.pcode, unit.parent if unit.parent_id else None)

    def _post_clean(self):
        for picker, place in self._chosen.items():
            name_field, pcode_field = self.place_pickers[picker]
            setattr(self.instance, name_field, place.name)
            setattr(self.instance, pcode_field, place.pcode)
        super()._post_clean()

    def _update_errors(self, errors):
        """The model's errors of a name or P-code field show on the picker that fills it."""
        owner = {field: picker for picker, pair in self.place_pickers.items() for field in pair}
        if hasattr(errors, "error_dict") and owner.keys() & errors.error_dict.keys():
            moved: dict[str, list] = {}
            for field, messages in errors.error_dict.items():
                moved.setdefault(owner.get(field, field), []).extend(messages)
            errors = ValidationError(moved)
        super()._update_errors(errors)
