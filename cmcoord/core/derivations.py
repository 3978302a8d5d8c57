"""A record made from another keeps its source's level: one rule for every "make X from Y".

Some records copy text from another when they are made: a task from an engagement's agreed follow-up (its text
becomes the task's title), an occurrence of a recurring task from its series (title and description). The copy is
as sensitive as what it copies, so the app that makes X from Y declares it once, beside its models::

    derivations.declare(source="engagements.Engagement", derived="protection_tasks.Task",
                        path="follow_up__engagement")

``path`` is the lookup from the derived record to its source. Every write of an operation's record goes through
:func:`cmcoord.core.scoping.save_within_scope`, which then holds the rule, inside the write's transaction:

- **Raising a source raises what was made from it.** Every record derived from it (and from those, in turn) whose
  level is lower is raised to the source's level: one UPDATE per kind of record, however many there are, the next
  version claimed (an edit begun before the raise is refused as a concurrent edit rather than lowering the record
  again), and a history row per record naming who raised the source and why. This is a consequence of the source's
  change, not an edit of the derived record: it happens even where the user could not change the derived record,
  because refusing would let a copy's lower level hold back protecting the source (do no harm), and raising a
  level never shows anything to anyone. The records raised are on ``raised_with(source)``, for the view to tell
  the user (:func:`announce_raised`).
- **A derived record is never less restricted than its source.** Saving it below its source's level is refused
  (``ValidationError`` on ``sensitivity``, nothing written), naming the source only to a user who may open it.
  Lowering a source leaves its derived records as they are: making a copy less restricted is its own decision.

What a derived record shows of its source (a "made from" line, a link) is read at display time through
``restrict()``, never written into the derived record's text, so that a reader who may not open the source is
neither told its name nor given its address.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .access import Action, can
from .choices import Sensitivity


@dataclass(frozen=True)
class Derivation:
    """Records of ``derived`` are made from (copy text of) records of ``source``; ``path`` leads from one to the
    other (a lookup on ``derived``, e.g. ``"follow_up__engagement"``)."""

    source: str
    derived: str
    path: str

    def source_model(self):
        return apps.get_model(self.source)

    def derived_model(self):
        return apps.get_model(self.derived)


_DERIVATIONS: list[Derivation] = []


def declare(*, source: str, derived: str, path: str) -> Derivation:
    """Declare that ``derived`` records (``"app_label.Model"``) are made from ``source`` records through ``path``.
    Declaring the same derivation again changes nothing."""
    derivation = Derivation(source.lower(), derived.lower(), path)
    if derivation not in _DERIVATIONS:
        _DERIVATIONS.append(derivation)
    return derivation


def derivations() -> tuple[Derivation, ...]:
    return tuple(_DERIVATIONS)


def _from(model) -> list[Derivation]:
    return [d for d in _DERIVATIONS if d.source == model._meta.label_lower]


def _into(model) -> list[Derivation]:
    return [d for d in _DERIVATIONS if d.derived == model._meta.label_lower]


def label(record) -> str:
    """How a message names a record: its reference where it has one (``CAF-2026-0042``)."""
    return getattr(record, "reference", "") or str(record)


# --- Holding the rule on a write -------------------------------------------------------------------------


def keep_levels(user, record, *, adding: bool) -> None:
    """After ``record`` was written by ``user`` (in the write's transaction): refuse it below a source's level, and
    raise what was made from it to its level. Costs nothing for a record whose level did not change."""
    level = getattr(record, "sensitivity", None)
    if level is None or not (_from(type(record)) or _into(type(record))):
        return
    before = getattr(record, "_loaded_sensitivity", None)  # as read from the database (``OperationRecord``)
    if adding or before is None or level < before:
        problem = floor_error(user, record, adding=adding)
        if problem:
            raise ValidationError({"sensitivity": problem}, code="below_source")
    raised = []
    if not adding and (before is None or level > before):
        raised = raise_derived(user, record)
    record._raised_with = raised
    record._loaded_sensitivity = level


def raised_with(record) -> list:
    """The records the last save of ``record`` raised to its level (empty if none)."""
    return list(getattr(record, "_raised_with", []))


def floor_error(user, record, *, adding: bool = False) -> str | None:
    """Why ``record`` may not have its level, or None: a source of it is more restricted (one query per
    derivation into its kind, none where its own link to the source is empty).

    A record just created (``adding``) has no row of another table pointing at it yet: a derived record is linked
    to its source by that row after it is created (a follow-up names the task made from it once the task exists,
    ``engagements.services.follow_up_convert``, which makes the task at the engagement's level). So a derivation
    through such a reverse link is not asked of it: a large import creates thousands of tasks, each asked in vain.
    """
    for derivation in _into(type(record)):
        first = derivation.path.split("__")[0]
        field = type(record)._meta.get_field(first)
        if field.concrete and getattr(record, field.attname) is None:
            continue
        if adding and field.auto_created and not field.concrete and not field.many_to_many:
            continue  # a reverse one-to-one or foreign key: nothing points at a record created in this write
        source_model = derivation.source_model()
        source = (
            source_model._base_manager.filter(
                pk__in=type(record)._base_manager.filter(pk=record.pk).values(derivation.path),
                sensitivity__gt=record.sensitivity,
            )
            .order_by("-sensitivity")
            .first()
        )
        if source is None:
            continue
        values = {
            "record": type(record)._meta.verbose_name,
            "kind": source_model._meta.verbose_name,
            "source": source,
            "level": Sensitivity(source.sensitivity).label,
        }
        if not can(user, Action.VIEW, source):
            return (
                _(
                    "This %(record)s was made from a record you cannot open, which is %(level)s: it cannot be less "
                    "restricted than its source."
                )
                % values
            )
        return (
            _(
                "This %(record)s was made from the %(kind)s “%(source)s”, which is %(level)s: it cannot be less "
                "restricted than its source."
            )
            % values
        )
    return None


def raise_derived(user, source) -> list:
    """Raise every record made from ``source``, directly or through others, whose level is below ``source``'s, to
    that level; return them. One SELECT (locking the rows) and one UPDATE per kind of record raised, plus their
    history rows, whatever their number."""
    level = source.sensitivity
    reason = _("Raised with its source, %(kind)s %(pk)s") % {"kind": source._meta.verbose_name, "pk": source.pk}
    raised: list = []
    frontier = {source._meta.label_lower: {source.pk}}
    seen = {(source._meta.label_lower, source.pk)}
    while frontier:
        following: dict[str, set] = {}
        for model_label, pks in frontier.items():
            for derivation in _from(apps.get_model(model_label)):
                model = derivation.derived_model()
                rows = [
                    row
                    for row in model._base_manager.select_for_update(of=("self",))
                    .filter(**{f"{derivation.path}__in": pks}, sensitivity__lt=level)
                    .order_by("pk")
                    if (derivation.derived, row.pk) not in seen
                ]
                if not rows:
                    continue
                _raise(user, model, rows, level, reason[:100])
                raised += rows
                seen.update((derivation.derived, row.pk) for row in rows)
                following.setdefault(derivation.derived, set()).update(row.pk for row in rows)
        frontier = following
    return raised


def _raise(user, model, rows, level, reason) -> None:
    names = {field.name for field in model._meta.concrete_fields}
    now = timezone.now()
    changes = {"sensitivity": level}
    if "version" in names:
        changes["version"] = F("version") + 1
    if "updated_at" in names:
        changes["updated_at"] = now
    model._base_manager.filter(pk__in=[row.pk for row in rows]).update(**changes)
    for row in rows:
        row.sensitivity = level
        row._loaded_sensitivity = level
        if "version" in names:
            row.version += 1
        if "updated_at" in names:
            row.updated_at = now
    history = getattr(model, "history", None)
    if history is not None:
        history.bulk_history_create(
            rows, update=True, default_user=user, default_change_reason=reason, default_date=now
        )


# --- Telling the user -----------------------------------------------------------------------------------


def announce_raised(request, record) -> None:
    """Tell the user who saved ``record`` which records made from it were raised with it, by their references: those
    the user may open (one query per kind of record); the others are counted, never named."""
    raised = raised_with(record)
    if not raised:
        return
    by_model: dict = {}
    for row in raised:
        by_model.setdefault(type(row), []).append(row)
    named = []
    for model, rows in by_model.items():
        readable = set(
            model._default_manager.restrict(request.user, Action.VIEW)
            .filter(pk__in=[row.pk for row in rows])
            .values_list("pk", flat=True)
        )
        named += [label(row) for row in rows if row.pk in readable]
    hidden = len(raised) - len(named)
    if named:
        text = ngettext(
            "%(records)s was made from this record: it was raised to %(level)s with it.",
            "%(records)s were made from this record: they were raised to %(level)s with it.",
            len(named),
        ) % {"records": ", ".join(named), "level": Sensitivity(record.sensitivity).label}
        messages.warning(request, text)
    if hidden:
        text = ngettext(
            "%(count)d record you cannot open, made from this one, was raised to %(level)s with it.",
            "%(count)d records you cannot open, made from this one, were raised to %(level)s with it.",
            hidden,
        ) % {"count": hidden, "level": Sensitivity(record.sensitivity).label}
        messages.warning(request, text)
