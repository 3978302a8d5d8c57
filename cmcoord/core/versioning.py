"""No lost updates: the task log's optimistic locking, for any record with a ``version`` field.

A record carries ``version = models.PositiveIntegerField(default=1, editable=False)`` and is audited by
simple-history (the history keeps the version, so a refused edit can list what changed since the one the user
saw). Its edit form is a :class:`VersionedForm` (the version travels in a hidden field); its edit service calls
:func:`save_versioned`, which claims the next version with one conditional UPDATE (compare-and-swap: of two
simultaneous saves exactly one wins, on PostgreSQL and SQLite alike) and raises :class:`ConcurrentEdit` when
someone saved first; its edit view takes :class:`VersionedEditMixin`, which answers that with HTTP 409, the
user's input kept and what changed listed (``conflict.changes`` in the template). Saving again applies the
user's version knowingly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.http import HttpResponseRedirect, QueryDict
from django.utils.translation import gettext as _

from .access import Action
from .derivations import announce_raised
from .forms import OperationBoundForm, save_with_form
from .inputs import ascii_integer
from .people import person_name
from .scoping import OutOfScope, save_within_scope


@dataclass
class FieldChange:
    field: str
    label: str
    old: str
    new: str


class ConcurrentEdit(Exception):  # noqa: N818 - named for what happened, like Django's ObjectDoesNotExist
    """Someone saved the record after the version this edit started from; nothing was written."""

    def __init__(self, current, changes: list[FieldChange], editors: list[str], since: int | None = None):
        super().__init__("concurrent edit")
        self.current = current
        self.changes = changes
        self.editors = editors
        self.since = since  # the version the refused edit started from: the base of the three-way merge


def field_text(obj, field: str) -> str:
    """A field's value as a reader sees it: a choice's label, a person's name, yes or no."""
    display = getattr(obj, f"get_{field}_display", None)
    if display:
        return str(display())
    value = getattr(obj, field)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if hasattr(value, "get_full_name"):
        return person_name(value)
    return "" if value is None else str(value)


def changes_since(current, version: int, fields: Sequence[str]) -> tuple[list[FieldChange], list[str]]:
    """What differs in ``fields`` between the record as it was at ``version`` and as it is now, and who changed it."""
    records = list(current.history.filter(version__gte=version).select_related("history_user").order_by("history_id"))
    seen = [record for record in records if record.version == version]
    if not seen:
        return [], []
    seen = seen[-1]
    editors = sorted({person_name(r.history_user) for r in records if r.version > version and r.history_user})
    changes = []
    model = type(current)
    for name in fields:
        model_field = model._meta.get_field(name)
        if getattr(seen, model_field.attname) != getattr(current, model_field.attname):
            changes.append(
                FieldChange(name, str(model_field.verbose_name), field_text(seen, name), field_text(current, name))
            )
    return changes, editors


def save_versioned(*, user, instance, expected_version: int, write: Callable, fields: Sequence[str]):
    """Run ``write`` (which saves ``instance``) if nobody saved the record since ``expected_version``.

    Raises :class:`ConcurrentEdit` (nothing written) when someone did, :class:`OutOfScope` when the user may not
    change the record; ``write`` runs inside :func:`save_within_scope`. ``fields`` are compared for the message.
    """
    model = type(instance)
    with transaction.atomic():
        claimed = (
            model._default_manager.restrict(user, Action.CHANGE)
            .filter(pk=instance.pk, version=expected_version)
            .update(version=F("version") + 1)
        )
        if not claimed:
            current = model._default_manager.restrict(user, Action.CHANGE).filter(pk=instance.pk).first()
            if current is None:
                raise OutOfScope(_("You cannot change this record."))
            raise ConcurrentEdit(current, *changes_since(current, expected_version, fields), since=expected_version)
        instance.version = expected_version + 1
        return save_within_scope(user, instance, save=write)


def ascii_version(text: str) -> int | None:
    """A posted version number, or None for anything that is not one."""
    value = ascii_integer(text)
    return value if value is not None and 1 <= value <= 2**31 - 1 else None


OPENED = "opened__"  # prefix of the hidden fields that carry a form's links as it was opened


class VersionedForm(OperationBoundForm):
    """An operation's record form whose edits carry the version they started from (a hidden field), and the links
    (many-to-many fields) as the form showed them: the history does not keep links, so the three-way merge of a
    refused edit takes their starting point from the form itself."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1, max_value=2**31 - 1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["version"].required = True
            self.fields["version"].error_messages["required"] = _("The page was out of date; please reload it.")
            for name in [
                name for name, field in self.fields.items() if isinstance(field, forms.ModelMultipleChoiceField)
            ]:
                opened = self.fields[name].prepare_value(self.get_initial_for_field(self.fields[name], name)) or []
                self.fields[f"{OPENED}{name}"] = forms.CharField(
                    widget=forms.HiddenInput, required=False, initial=",".join(str(pk) for pk in opened)
                )


@dataclass
class Disagreement:
    """A field both the user and someone else changed, to different values: the user must choose."""

    name: str
    label: str
    theirs: str
    mine: str


@dataclass
class Merge:
    """The user's refused edit merged with what was saved meanwhile (:func:`three_way_merge`)."""

    data: QueryDict  # what the form shows next: the user's input, with the fields only others changed taken
    taken: list[str]  # labels of the fields taken from the stored record (the user had not touched them)
    disagreements: list[Disagreement]


def _version_record(current, version: int):
    """The record as it was at ``version`` (from its history), or None when the history no longer has it."""
    seen = current.history.filter(version=version).order_by("-history_id").first()
    return seen.instance if seen is not None else None


def _put(data: QueryDict, bound_field, value) -> None:
    """Set ``bound_field``'s posted value to ``value`` (an unbound form's initial value)."""
    key = bound_field.html_name
    value = bound_field.field.prepare_value(value)
    if isinstance(bound_field.field.widget, forms.CheckboxInput):
        if value:
            data[key] = "on"
        else:
            data.pop(key, None)
    elif isinstance(value, list | tuple):
        data.setlist(key, [str(item) for item in value])
    else:
        data[key] = "" if value is None else str(value)


def _posted_text(bound_field) -> str:
    """What the user posted in a field, as they saw it (a choice's label rather than its value)."""
    value = bound_field.data
    choices = getattr(bound_field.field, "choices", None)
    if choices is not None and not isinstance(value, list | tuple):
        labels = {str(key): str(label) for key, label in bound_field.field.choices}
        return labels.get(str(value), str(value))
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return "" if value is None else str(value)


def form_model_fields(form_class) -> list[str]:
    """The fields a model form edits that are its model's own columns (those a history compares)."""
    concrete = {field.name for field in form_class._meta.model._meta.concrete_fields}
    return [name for name in form_class._meta.fields or () if name in concrete]


def three_way_merge(
    form_class, form_kwargs: dict, data: QueryDict, current, since: int, changed: list[FieldChange], choices=None
):
    """Merge the user's input (``data``, an edit started from version ``since``) with the record as stored now.

    For each field someone else ``changed`` since then: if the user left it as it was, the form takes the stored
    value (saving again never reverts a colleague's change the user did not touch); if the user changed it to the
    same value, nothing to do; if both changed it differently, it is a :class:`Disagreement`, shown side by side,
    until the user chooses (``choices["keep-<field>"]``: "mine" keeps the input, "theirs" takes the stored value).
    Fields only the user changed keep the input. Links others changed are added to ``changed``, to be shown too.
    """
    data = data.copy()
    choices = choices or {}
    base = _version_record(current, since)
    kwargs = {key: value for key, value in form_kwargs.items() if key not in {"data", "files", "instance", "initial"}}
    if base is None:
        return Merge(data, [], [])
    as_it_was = form_class(instance=base, **kwargs)
    as_it_is = form_class(instance=current, **kwargs)
    posted = form_class(data=data, instance=current, **kwargs)
    taken, disagreements = [], []
    for change in changed:
        if change.field not in posted.fields or posted.fields[change.field].disabled:
            continue
        field, mine = posted.fields[change.field], posted[change.field]
        if not field.has_changed(as_it_was[change.field].initial, mine.data):
            _put(data, mine, as_it_is[change.field].initial)
            taken.append(change.label)
        elif field.has_changed(as_it_is[change.field].initial, mine.data):
            disagreements.append(Disagreement(change.field, change.label, change.new, _posted_text(mine)))
    for name, field in posted.fields.items():
        if f"{OPENED}{name}" not in posted.fields or f"{OPENED}{name}" not in data:
            continue
        opened = {pk for pk in data[f"{OPENED}{name}"].split(",") if pk}
        stored = {str(pk) for pk in field.prepare_value(as_it_is[name].initial) or []}
        mine = {str(pk) for pk in posted[name].data or []}
        if stored == opened:
            continue  # nobody else changed these links
        label = str(field.label or name)
        changed.append(FieldChange(name, label, _linked_text(field, opened), _linked_text(field, stored)))
        if mine == opened:
            _put(data, posted[name], sorted(stored))
            taken.append(label)
        elif mine != stored:
            disagreements.append(Disagreement(name, label, _linked_text(field, stored), _linked_text(field, mine)))
    undecided = []
    for disagreement in disagreements:
        choice = choices.get(f"keep-{disagreement.name}")
        if choice == "theirs":
            _put(data, posted[disagreement.name], as_it_is[disagreement.name].initial)
        elif choice != "mine":
            undecided.append(disagreement)
    return Merge(data, taken, undecided)


def form_data(form) -> QueryDict:
    """What ``form`` would post as it stands, unbound (its initial values: the record as stored, or a new record's
    defaults), as the page renders it: a link to a record the user may not read is not among the choices, so it
    is left out (the services keep such links). The base an API edit's fields are laid over."""
    data = QueryDict(mutable=True)
    for bound_field in form:
        _put(data, bound_field, bound_field.initial)
        field, name = bound_field.field, bound_field.html_name
        if not isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
            continue
        values = [value for value in data.getlist(name) if value != ""]  # no links: None, put as ""
        if isinstance(field, forms.ModelMultipleChoiceField) and values:
            key = field.to_field_name or "pk"
            offered = {str(v) for v in field.queryset.filter(**{f"{key}__in": values}).values_list(key, flat=True)}
            values = [value for value in values if value in offered]
        data.setlist(name, values)
    return data


def stale_refusals(form, current, since: int, sent, tracked: Sequence[str]) -> list[str] | None:
    """Of the fields ``sent`` by an edit that started from version ``since`` (``form``: bound to the edit's input over
    the record as stored now), those it must not apply: someone else changed them since and the input differs from
    what they saved. The rule of :func:`three_way_merge` for a field both changed; a field the edit did not send
    keeps the stored value anyway. A field whose history is not kept (links, a summary, fields not ``tracked``) is
    refused wherever the input differs from what is stored, since nobody can tell who changed it. None when the
    history no longer has version ``since``: nothing can be told then, and the whole edit is refused."""
    if _version_record(current, since) is None:
        return None
    changed = {change.field for change in changes_since(current, since, tracked)[0]}
    pickers = getattr(form, "place_pickers", {})
    refused = []
    for name in sent:
        field = form.fields[name]
        if not field.has_changed(form[name].initial, form[name].data):
            continue  # the input is what is stored: nothing to refuse, whoever saved it
        covered = pickers.get(name, (name,))
        if any(model_field in changed or model_field not in tracked for model_field in covered):
            refused.append(name)
    return refused


def _linked_text(field, pks: set[str]) -> str:
    """The records of a links field, by name, as the form offers them (keyed by id, or by the field's
    ``to_field_name``: tasks by reference)."""
    if field.to_field_name:
        records = field.queryset.filter(**{f"{field.to_field_name}__in": pks})
    else:
        records = field.queryset.filter(pk__in=[pk for pk in pks if pk.isascii() and pk.isdigit()])
    return ", ".join(sorted(str(record) for record in records))


class VersionedEditMixin:
    """For create and edit views of a versioned record: saves through ``save_record(form)`` (a service call the
    view defines), shows a service's ValidationError on the form, and answers a concurrent edit with 409."""

    def save_record(self, form):
        raise NotImplementedError

    def get_success_message(self):
        return ""

    def get_form_kwargs(self):
        """After a refused edit, the next save carries the merge's base (``merge_base``) and the user's choice for
        each field both changed: the input is merged again with what is stored (someone may have saved since), a
        choice of "theirs" takes the stored value, and a field still undecided refuses the save (``form_valid``)."""
        kwargs = super().get_form_kwargs()
        self.undecided = None
        record = getattr(self, "object", None)
        base = ascii_version(self.request.POST.get("merge_base", "")) if self.request.method == "POST" else None
        if base is None or record is None or record.pk is None:
            return kwargs
        changed, editors = changes_since(record, base, self.merged_fields())
        merge = three_way_merge(
            self.get_form_class(), kwargs, kwargs["data"], record, base, changed, choices=self.request.POST
        )
        if merge.disagreements:
            self.undecided = ConcurrentEdit(record, changed, editors, since=base)
        return {**kwargs, "data": merge.data}

    def merged_fields(self) -> list[str]:
        """The fields compared to tell the editor what changed under them (the form's model fields)."""
        return form_model_fields(self.get_form_class())

    def form_valid(self, form):
        if getattr(self, "undecided", None) is not None:
            # The form's validation wrote the input into ``self.object``: the stored record is read again.
            current = type(self.object)._default_manager.get(pk=self.object.pk)
            undecided = self.undecided
            return self.conflict(form, ConcurrentEdit(current, undecided.changes, undecided.editors, undecided.since))
        try:
            self.object = save_with_form(form, self.request.user, lambda: self.save_record(form))
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.form_invalid(form)
        except ConcurrentEdit as conflict:
            return self.conflict(form, conflict)
        if message := self.get_success_message():
            messages.success(self.request, message)
        announce_raised(self.request, self.object)  # records made from this one, raised with it
        return HttpResponseRedirect(self.object.get_absolute_url())

    def conflict(self, form, conflict: ConcurrentEdit):
        """Merge the user's input with what was saved meanwhile (:func:`three_way_merge`) and show the form again:
        the fields only others changed take the stored values, the user's own changes are kept, and a field both
        changed waits for the user's choice. The next save starts from the stored version."""
        form_class = self.get_form_class()
        # The form's own arguments (user, operation), not the merge get_form_kwargs makes of a resubmission.
        kwargs = {**super().get_form_kwargs(), "instance": self.get_object()}
        data = self.request.POST.copy()
        for key in [key for key in data if key.startswith("keep-")]:
            del data[key]
        merge = Merge(data, [], [])
        if conflict.since is not None:
            merge = three_way_merge(form_class, kwargs, data, conflict.current, conflict.since, conflict.changes)
            merge.data["merge_base"] = str(conflict.since)
        merge.data["version"] = str(conflict.current.version)
        fresh = form_class(**{**kwargs, "data": merge.data})
        fresh.is_valid()
        fresh.add_error(
            None,
            _("%(who)s saved this %(record)s while you were editing it. Your changes are not saved yet: they are "
              "kept below, and fields you had not changed now show the saved values. Review what changed, then save "
              "again.")
            % {"who": ", ".join(conflict.editors) or _("Someone"), "record": conflict.current._meta.verbose_name},
        )  # fmt: skip
        for disagreement in merge.disagreements:
            fresh.add_error(
                None,
                _("You and %(who)s both changed “%(field)s”: choose which value to keep.")
                % {"who": ", ".join(conflict.editors) or _("someone"), "field": disagreement.label},
            )
        self.object = self.get_object()  # the record as stored, for the page's headings (the form holds the input)
        context = self.get_context_data(form=fresh, conflict=conflict, merge=merge)
        return self.render_to_response(context, status=409)
