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
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _

from .access import Action
from .derivations import announce_raised
from .forms import OperationBoundForm
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

    def __init__(self, current, changes: list[FieldChange], editors: list[str]):
        super().__init__("concurrent edit")
        self.current = current
        self.changes = changes
        self.editors = editors


def _field_text(obj, field: str) -> str:
    display = getattr(obj, f"get_{field}_display", None)
    if display:
        return str(display())
    value = getattr(obj, field)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
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
                FieldChange(name, str(model_field.verbose_name), _field_text(seen, name), _field_text(current, name))
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
            raise ConcurrentEdit(current, *changes_since(current, expected_version, fields))
        instance.version = expected_version + 1
        return save_within_scope(user, instance, save=write)


class VersionedForm(OperationBoundForm):
    """An operation's record form whose edits carry the version they started from (a hidden field)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1, max_value=2**31 - 1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["version"].required = True
            self.fields["version"].error_messages["required"] = _("The page was out of date; please reload it.")


class VersionedEditMixin:
    """For create and edit views of a versioned record: saves through ``save_record(form)`` (a service call the
    view defines), shows a service's ValidationError on the form, and answers a concurrent edit with 409."""

    def save_record(self, form):
        raise NotImplementedError

    def get_success_message(self):
        return ""

    def form_valid(self, form):
        try:
            self.object = self.save_record(form)
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
        """Keep the user's input, show what changed meanwhile, and let the next save go through knowingly."""
        data = self.request.POST.copy()
        data["version"] = conflict.current.version
        fresh = self.get_form_class()(**{**self.get_form_kwargs(), "data": data, "instance": self.get_object()})
        fresh.is_valid()
        fresh.add_error(
            None,
            _("%(who)s saved this record while you were editing it. Your changes are not saved yet: they are kept "
              "below. Review what changed, then save again.") % {"who": ", ".join(conflict.editors) or _("Someone")},
        )  # fmt: skip
        self.object = self.get_object()  # the record as stored, for the page's headings (the form holds the input)
        return self.render_to_response(self.get_context_data(form=fresh, conflict=conflict), status=409)
