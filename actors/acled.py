"""The actors of an ACLED export (Armed Conflict Location & Event Data: one row per event, naming up to two actors
and their associated actors), brought into the operation's actor registry.

Rows: only those of the operation's country are read (ACLED's ``iso``, a numeric ISO 3166 code, or ``country``, its
name); the others are skipped and the preview says how many. Each actor named by the rows (``actor1``,
``actor2``, and the several names of ``assoc_actor_1`` / ``assoc_actor_2`` separated by ``;``) becomes one row of
the preview, with the number of events that name it in the file and the date of the last one.

Matching: an actor is the registry's actor of the same name, acronym or alias (accents and case aside) among those
the user may change in the operation; otherwise a new actor. A matched actor keeps its name, category, type and
level (the registry's judgement stands); it only gains the areas where ACLED places it. A new actor takes its
category and type from ACLED's interaction code, its areas from the events' admin 1 (or admin 2) names matched to
the gazetteer's P-codes, and the level of its category's default: armed actors Confidential.

ACLED's interaction codes, mapped to the registry's closest categories and types:

====  ==========================  ===================================  =========================================
code  ACLED                       category                             type
====  ==========================  ===================================  =========================================
1     State forces                Domestic military and paramilitary   State forces (police forces: Police)
2     Rebel groups                Non-state armed group                Rebel group
3     Political militias          Non-state armed group                Political militia
4     Identity militias           Non-state armed group                Identity militia
8     External/other forces       Foreign military                     External / other forces (UN: UN military)
5     Rioters                     not recorded
6     Protesters                  not recorded
7     Civilians                   not recorded
====  ==========================  ===================================  =========================================

Rioters, protesters and civilians are not recorded: ACLED names them as crowds or communities ("Protesters
(Central African Republic)", "Civilians (…)", an ethnic group), not as parties CMCoord engages with, and a registry
of named communities beside armed actors is a list that could put them at risk. The preview counts them.

ACLED codes every country's state forces 1 and names them "Military Forces of Rwanda (2000-)": where the country
named is another than the operation's, the actor comes in as foreign military (its type stays state forces). A
name whose country is not recognised ("… of the Central African Republic", ACLED's own spellings) stays domestic
military, as ACLED's code says: a foreign army is never guessed from a name that might be the host's own.
"""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_countries import countries

from cmcoord.gazetteer.models import AdminLevel
from cmcoord.imports.parsing import header_key
from cmcoord.imports.registry import ImportColumn, Kind, register

from .choices import ActorCategory, ActorType
from .imports import ActorImporter

# ACLED interaction code -> (category, type) of the registry; None: not recorded as an actor.
INTERACTIONS = {
    1: (ActorCategory.DOMESTIC_MILITARY, ActorType.STATE_FORCES),
    2: (ActorCategory.NON_STATE_ARMED_GROUP, ActorType.REBEL_GROUP),
    3: (ActorCategory.NON_STATE_ARMED_GROUP, ActorType.POLITICAL_MILITIA),
    4: (ActorCategory.NON_STATE_ARMED_GROUP, ActorType.IDENTITY_MILITIA),
    5: None,
    6: None,
    7: None,
    8: (ActorCategory.FOREIGN_MILITARY, ActorType.EXTERNAL_FORCES),
}
SIDES = (("actor1", "assoc_actor_1", "inter1"), ("actor2", "assoc_actor_2", "inter2"))
_TEXT_DATE = re.compile(r"^(\d{1,2})[\s\-/]+([A-Za-z]+)[\s\-/]+(\d{4})$")  # "15 March 2026", "15-March-2026"
IGNORED = (
    "event_id_no_cnty", "year", "time_precision", "disorder_type", "event_type", "sub_event_type", "interaction",
    "civilian_targeting", "region", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
    "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
_STATE = re.compile(r"^(?:Military|Police|Naval|Air) Forces of (?P<country>[^(]+?)\s*(?:\(.*\))?$", re.IGNORECASE)
_UN = re.compile(r"\bUnited Nations\b|\bUN\b|^MINUS|^MONUSCO|^UNMISS", re.IGNORECASE)


def _column(key: str, header, kind: Kind = Kind.TEXT, hxl: str = "") -> ImportColumn:
    return ImportColumn(key, header, hxl, kind)


def _date(text: str) -> str:
    """An event date as ISO text, or "" where it cannot be read (ACLED writes ISO dates, older files "15 March
    2026")."""
    if re.match(r"^\d{4}-\d{2}-\d{2}$", text or ""):
        return text
    match = _TEXT_DATE.match((text or "").strip())
    if match:
        for pattern in ("%d %B %Y", "%d %b %Y"):
            try:
                return datetime.datetime.strptime(" ".join(match.groups()), pattern).date().isoformat()  # noqa: DTZ007
            except ValueError:
                continue
    return ""


def _code(text: str) -> int | None:
    try:
        return int(float(str(text).strip()))
    except (ValueError, OverflowError):  # "abc", "nan", "1e400"
        return None


def _foreign_state(name: str, country: str) -> bool:
    """Whether ``name`` is ACLED's name of another country's state forces than ``country`` (an ISO code)."""
    match = _STATE.match(name.strip())
    if match is None:
        return False
    named = countries.by_name(match["country"])
    return bool(named) and named != country


@register
class AcledImporter(ActorImporter):
    name = "acled"
    title = gettext_lazy("Actors from ACLED")
    columns = (
        _column("event_id_cnty", gettext_lazy("ACLED event"), hxl="#event+code"),
        _column("event_date", gettext_lazy("Event date"), Kind.DATE, "#date+occurred"),
        _column("actor1", gettext_lazy("Actor 1"), hxl="#group+name+first"),
        _column("assoc_actor_1", gettext_lazy("Associated actors 1"), hxl="#group+name+first+assoc"),
        _column("inter1", gettext_lazy("Interaction code 1"), hxl="#group+first+type+code"),
        _column("actor2", gettext_lazy("Actor 2"), hxl="#group+name+second"),
        _column("assoc_actor_2", gettext_lazy("Associated actors 2"), hxl="#group+name+second+assoc"),
        _column("inter2", gettext_lazy("Interaction code 2"), hxl="#group+second+type+code"),
        _column("country", gettext_lazy("Country"), hxl="#country+name"),
        _column("iso", gettext_lazy("ISO country code"), hxl="#country+code"),
        _column("admin1", gettext_lazy("Admin 1"), hxl="#adm1+name"),
        _column("admin2", gettext_lazy("Admin 2"), hxl="#adm2+name"),
        # Known in an ACLED export, not read: the events themselves are not recorded.
        *(_column(key, key) for key in IGNORED),
    )

    def prepare(self, user, operation) -> dict:
        context = super().prepare(user, operation)
        names: dict[str, set[int]] = {}
        for actor in context["by_id"].values():
            for name in (actor.name, actor.acronym, *actor.alias_list):
                if header_key(name):
                    names.setdefault(header_key(name), set()).add(actor.pk)
        country = operation.country
        context.update(
            country=country.code,
            names=names,
            countries={header_key(str(value)) for value in (country.code, country.alpha3, country.numeric, country.name)
                       if value},
            skipped=[],
            not_recorded={},
            no_code=set(),
        )  # fmt: skip
        return context

    # --- From events to actors --------------------------------------------------------------------------------

    def _ours(self, context, values) -> bool:
        iso = values.get("iso", "")
        if iso:
            code = _code(iso)
            return header_key(str(code) if code is not None else iso) in context["countries"]
        return header_key(values.get("country", "")) in context["countries"]

    def rows(self, context, rows):
        groups: dict = {}
        for number, values, _unsettled in rows:
            if not self._ours(context, values):
                context["skipped"].append(number)
                continue
            named = set()
            for main, associated, inter in SIDES:
                names = [values.get(main, ""), *values.get(associated, "").split(";")]
                names = [" ".join(name.split()) for name in names if name.strip()]
                if not names:
                    continue
                code = _code(values.get(inter, ""))
                if code not in INTERACTIONS:
                    context["no_code"].update(names)
                    continue
                for name in names:
                    if INTERACTIONS[code] is None:
                        context["not_recorded"].setdefault(header_key(name), name)
                        continue
                    found = context["names"].get(header_key(name), set())
                    key = ("actor", next(iter(found))) if len(found) == 1 else ("name", header_key(name))
                    if key in named:
                        continue  # named twice in one event (as actor and associated): one event
                    named.add(key)
                    group = groups.setdefault(
                        key,
                        {"number": number, "name": name, "code": code, "events": 0, "last": "", "admin1": {},
                         "admin2": {}, "ambiguous": len(found) > 1},
                    )  # fmt: skip
                    group["events"] += 1
                    group["last"] = max(group["last"], _date(str(values.get("event_date", ""))))
                    if values.get("admin1"):
                        group["admin1"].setdefault(header_key(values["admin1"]), values["admin1"])
                    if values.get("admin2"):
                        group["admin2"].setdefault(
                            header_key(values["admin2"]), (values["admin2"], values.get("admin1"))
                        )
        return [(group["number"], self._values(context, key, group), False) for key, group in groups.items()]

    def _places(self, context, group) -> tuple[list[str], list[str]]:
        """The admin 1 P-codes of the events' places, and the names the gazetteer does not know."""
        gazetteer = context["gazetteer"]
        codes, unknown = [], []
        for name in group["admin1"].values():
            try:
                code = gazetteer.resolve(name, AdminLevel.ADMIN1).pcode
            except ValidationError:
                unknown.append(name)
                continue
            if code not in codes:
                codes.append(code)
        for name, region in group["admin2"].values():
            try:
                within = gazetteer.resolve(region, AdminLevel.ADMIN1).pcode if region else ""
            except ValidationError:
                within = ""
            try:
                unit = gazetteer.resolve(name, AdminLevel.ADMIN2, within)
            except ValidationError:
                continue  # an admin 2 name only completes the regions: its admin 1 was reported if unknown
            if unit.parent_id and unit.parent.pcode not in codes:
                codes.append(unit.parent.pcode)
        return codes, unknown

    def _values(self, context, key, group) -> dict:
        codes, unknown = self._places(context, group) if context["gazetteer"] else ([], [])
        actor = context["by_id"].get(key[1]) if key[0] == "actor" else None
        values = {"title": group["name"], "_group": group, "_actor": actor, "_unknown": unknown}
        if actor is not None:
            areas = [*actor.area_list, *(code for code in codes if code not in actor.area_list)]
            if areas != actor.area_list:
                values["areas"] = ", ".join(areas)
            return values
        category, actor_type = INTERACTIONS[group["code"]]
        if group["code"] == 1 and group["name"].lower().startswith("police"):
            actor_type = ActorType.POLICE_GENDARMERIE
        if group["code"] == 1 and _foreign_state(group["name"], context["country"]):
            category = ActorCategory.FOREIGN_MILITARY
        elif group["code"] == 8 and _UN.search(group["name"]):
            actor_type = ActorType.UN_PEACEKEEPING_MILITARY
        values.update(
            name=group["name"],
            category=category,
            type=actor_type,
            areas=", ".join(codes),
            description=_("Recorded from ACLED event data (interaction code %(code)s).") % {"code": group["code"]},
        )
        return values

    def detail(self, context, values) -> str:
        group = values["_group"]
        text = ngettext("%(count)s event", "%(count)s events", group["events"]) % {"count": group["events"]}
        if group["last"]:
            text += ", " + _("the last on %(date)s") % {"date": group["last"]}
        if values["_unknown"]:
            text += ". " + _("Not in the gazetteer: %(names)s") % {"names": ", ".join(values["_unknown"])}
        return text

    def notes(self, context) -> list[str]:
        notes = []
        skipped = context["skipped"]
        if skipped:
            shown = ", ".join(str(number) for number in skipped[:10]) + (" …" if len(skipped) > 10 else "")
            notes.append(
                ngettext(
                    "%(count)s row of another country skipped (row %(rows)s).",
                    "%(count)s rows of other countries skipped (rows %(rows)s).",
                    len(skipped),
                )
                % {"count": len(skipped), "rows": shown}
            )
        if context["not_recorded"]:
            names = sorted(context["not_recorded"].values())
            notes.append(
                _("Rioters, protesters and civilians are not recorded as actors: %(names)s.")
                % {"names": ", ".join(names[:10]) + (" …" if len(names) > 10 else "")}
            )
        if context["no_code"]:
            notes.append(
                _("Not recorded, without an ACLED interaction code (1 to 8): %(names)s.")
                % {"names": ", ".join(sorted(context["no_code"])[:10])}
            )
        return notes

    # --- The rows as the actor import checks and saves them ---------------------------------------------------

    def existing(self, context, values):
        if values["_group"]["ambiguous"]:
            raise ValidationError(
                _("Several actors of the registry go by “%(name)s”: give the actor its own name or alias first.")
                % {"name": values["title"]}
            )
        return values["_actor"]

    def form(self, context, values, instance):
        return super().form(context, {k: v for k, v in values.items() if not k.startswith("_") and k != "title"},
                            instance)  # fmt: skip

    def cell_of(self, field_name):
        return ""  # a row of the preview is an actor gathered from several events, not one cell
