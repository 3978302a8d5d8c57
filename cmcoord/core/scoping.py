"""The one scoping mechanism: ``Model.objects.restrict(user, action)`` on every operation-scoped model.

Which rows pass is decided by :mod:`cmcoord.core.access`; a model only declares the rule that applies to it
and the lookups that rule needs.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from . import derivations
from .access import Action, ScopeRule, scope_q
from .choices import Sensitivity
from .text import strip_bidi_from_text_fields


class ScopedQuerySet(models.QuerySet):
    """A queryset that can narrow itself to what a user may see or do."""

    def restrict(self, user, action: Action | str = Action.VIEW):
        """Only the rows ``user`` may perform ``action`` on (see :mod:`cmcoord.core.access`)."""
        return self.filter(scope_q(self.model, user, Action(action)))

    def visible_to(self, user):
        """Shorthand for ``restrict(user, "view")``."""
        return self.restrict(user, Action.VIEW)

    def with_scoped(self, user, *relations: str, action: Action | str = Action.VIEW):
        """Load related scoped records (foreign keys to other restricted rows) only where ``user`` may see them.

        ``select_related("parent")`` would name a Strictly confidential parent to anyone who sees the child;
        through this, a related record outside the user's scope reads as ``None``.
        """
        lookups = []
        for relation in relations:
            related_model = self.model._meta.get_field(relation).related_model
            lookups.append(models.Prefetch(relation, queryset=related_model._default_manager.restrict(user, action)))
        return self.prefetch_related(*lookups)


class ScopedModel(models.Model):
    """Mixin for models whose rows belong to operations and are filtered by ``restrict``.

    ``scope_rule`` names the rule of the access policy that applies (:class:`cmcoord.core.access.ScopeRule`);
    ``scope_operation_field`` is the lookup from the model to the operation's primary key;
    ``scope_sensitivity_field`` the lookup to its sensitivity level, or a tuple of lookups that must all pass
    (a record showing other records is never more visible than they are); ``scope_covered_by`` the lookup to
    the operations a shared row covers (rule ``COVERAGE``).
    """

    scope_rule: ScopeRule | None = None  # None: RECORD if the model names sensitivity fields, else OPERATION
    scope_operation_field: str = "operation"
    scope_sensitivity_field: str | tuple[str, ...] | None = None
    scope_covered_by: str = ""

    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True

    def clean(self):
        """Titles, names and codes lose bidirectional controls, long text the overrides, whichever form, admin page or
        service validates."""
        super().clean()
        strip_bidi_from_text_fields(self)


class OperationRecord(ScopedModel):
    """Abstract base of every domain record: it belongs to one operation and carries a sensitivity level."""

    scope_rule = ScopeRule.RECORD
    scope_sensitivity_field = "sensitivity"

    operation = models.ForeignKey(
        "operations.CountryOperation", on_delete=models.PROTECT, related_name="+", verbose_name=_("operation")
    )
    sensitivity = models.PositiveSmallIntegerField(
        _("sensitivity"), choices=Sensitivity, default=Sensitivity.CONFIDENTIAL
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        """Remember the level as read, so that a save knows whether it raised or lowered it (``derivations``)."""
        record = super().from_db(db, field_names, values)
        record._loaded_sensitivity = record.__dict__.get("sensitivity")
        return record

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        self._loaded_sensitivity = self.__dict__.get("sensitivity")


class OutOfScope(PermissionDenied):
    """A write would leave the record outside what its author may change; the transaction is rolled back."""


def save_within_scope(user, instance, save=None, action: Action | str = Action.CHANGE, *, checks=None):
    """Save ``instance`` and re-check, inside the same transaction, that ``user`` may still change it.

    ``save`` is the callable that writes (default ``instance.save``), e.g. a form's ``save``; its return value
    is returned. If the saved row is not within the user's scope afterwards (moved to another operation, a
    hand-posted foreign key …) everything the callable wrote is rolled back and :class:`OutOfScope` raised.

    A record made from another, or one others were made from, keeps the levels in step
    (:func:`cmcoord.core.derivations.keep_levels`): below its source it is refused (``ValidationError``), and
    raising it raises what was made from it, in the same transaction.

    ``checks``: a :class:`ScopeCheck` of the same user and action, for a writer of many records in one transaction
    (an import). The re-check is then made by its :meth:`ScopeCheck.flush`, one query a chunk, and the save takes no
    savepoint of its own: a record outside the scope, or any failure, rolls back the whole transaction.
    """
    adding = instance._state.adding
    if checks is not None:
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("A deferred scope check needs the transaction that its flush may roll back.")
        if checks.user is not user or checks.action != Action(action):
            raise ValueError("The deferred scope check is another user's or another action's.")
        result = (save or instance.save)()
        checks.add(instance)
        derivations.keep_levels(user, instance, adding=adding)
        return result
    with transaction.atomic():
        result = (save or instance.save)()
        model = type(instance)
        if not model._default_manager.restrict(user, action).filter(pk=instance.pk).exists():
            raise OutOfScope(_("You cannot save a record outside your operations."))
        derivations.keep_levels(user, instance, adding=adding)
    return result


class ScopeCheck:
    """The re-check of :func:`save_within_scope` for many records saved in one transaction (an import): one query
    per model and chunk instead of one per save, with the same verdict. Every record saved with it is checked by
    :meth:`flush` (at the latest when ``size`` are waiting), which raises :class:`OutOfScope` if one is outside
    what ``user`` may do: the caller lets that end the transaction, so nothing it wrote is kept. The caller flushes
    after its last write and before the transaction commits, as the single re-check follows its write."""

    def __init__(self, user, action: Action | str = Action.CHANGE, size: int = 500):
        self.user, self.action, self.size = user, Action(action), size
        self.pending: dict[type, list] = {}  # model -> primary keys saved and not yet checked

    def __len__(self) -> int:
        return sum(len(pks) for pks in self.pending.values())

    def add(self, instance) -> None:
        self.pending.setdefault(type(instance), []).append(instance.pk)
        if len(self) >= self.size:
            self.flush()

    def flush(self) -> None:
        pending, self.pending = self.pending, {}
        for model, pks in pending.items():
            allowed = set(
                model._default_manager.restrict(self.user, self.action).filter(pk__in=pks).values_list("pk", flat=True)
            )
            if any(pk not in allowed for pk in pks):
                raise OutOfScope(_("You cannot save a record outside your operations."))
