"""An operation's dashboard, about page (settings and members), settings form and change history."""

from django.db.models import Case, Value, When
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from cmcoord.core.access import Action
from cmcoord.core.choices import Role, Standing
from cmcoord.core.models import RecordOpening
from cmcoord.core.panels import Slot, panels
from cmcoord.core.views import LastPageMixin, OperationMixin, OperationPageView, OperationUpdateView, ScopedView

from ..forms import OperationSettingsForm
from ..models import CountryOperation, Membership

# Heads of office first, then officers, then HCT members.
ROLE_RANK = Case(When(role=Role.HEAD, then=Value(0)), When(role=Role.OFFICER, then=Value(1)), default=Value(2))


class OperationDetailView(OperationPageView):
    """The operation's dashboard, its landing page for every standing: the sections apps register for
    ``Slot.OPERATION_DASHBOARD`` (tasks, actors, the peace operation), each reading through ``restrict``."""

    template_name = "operations/operation_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["role_labels"] = dict(Standing.choices)
        found = panels(Slot.OPERATION_DASHBOARD, self.request, self.operation)
        standing = self.access.standing_in(self.operation.pk)
        context["panels"] = sorted(found, key=lambda panel: panel.rank(standing))
        return context


class OperationAboutView(OperationPageView):
    """The operation itself: its settings, its members, and what apps add to ``Slot.OPERATION_OVERVIEW``."""

    template_name = "operations/operation_about.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["members"] = (
            Membership.objects.visible_to(self.request.user)
            .filter(operation=self.operation)
            .select_related("user")
            .annotate(role_rank=ROLE_RANK)
            .order_by("role_rank", "user__last_name", "user__first_name", "user__username")
        )
        context["role_labels"] = dict(Standing.choices)
        context["panels"] = panels(Slot.OPERATION_OVERVIEW, self.request, self.operation)
        return context


class OperationSettingsView(OperationUpdateView):
    operation_action = Action.MANAGE
    save_action = Action.MANAGE
    form_class = OperationSettingsForm
    template_name = "operations/operation_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("operation")  # the form's instance is the operation itself
        return kwargs

    def get_object(self, queryset=None):
        return self.operation

    def get_success_message(self):
        return _("Operation settings saved.")

    def get_success_url(self):
        return reverse("operations:about", kwargs={"code": self.operation.code})


class OperationHistoryView(OperationPageView):
    """The audit trail of the operation's settings and membership: who changed what, when."""

    operation_action = Action.CHANGE
    template_name = "operations/operation_history.html"
    limit = 200

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        records = [
            *CountryOperation.history.filter(id=self.operation.pk).select_related("history_user")[: self.limit],
            *Membership.history.filter(operation_id=self.operation.pk).select_related("history_user", "user")[
                : self.limit
            ],
        ]
        context["entries"] = audit_entries(records)[: self.limit]
        return context


def _describe(record):
    """What a historical row is about, from its own columns (``record.instance`` would query per row)."""
    if record.instance_type is Membership:
        return f"{record.user} — {record.get_role_display()}"
    return str(getattr(record, "name", record.id))


HISTORY_ACTIONS = {"+": gettext_lazy("Created"), "~": gettext_lazy("Changed"), "-": gettext_lazy("Deleted")}


def audit_entries(records):
    """Readable audit rows, newest first, each with the fields it changed compared with the previous version.

    Previous versions are found among ``records`` (no query per row); ``records`` may mix models.
    """
    records = sorted(records, key=lambda record: record.history_date)
    previous_of = {}
    entries = []
    for record in records:
        key = (type(record), record.id)
        previous = previous_of.get(key)
        changes = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, foreign_keys_are_objs=False)
            for change in delta.changes:
                field = record.instance_type._meta.get_field(change.field)
                changes.append({"field": field.verbose_name, "old": change.old, "new": change.new})
        previous_of[key] = record
        entries.append(
            {
                "when": record.history_date,
                "who": record.history_user,
                "action": HISTORY_ACTIONS.get(record.history_type, record.history_type),
                "subject": f"{record.instance_type._meta.verbose_name}: {_describe(record)}",
                "changes": changes,
            }
        )
    entries.reverse()
    return entries


class OperationOpeningsView(LastPageMixin, OperationMixin, ScopedView, generic.ListView):
    """Who opened the operation's Strictly confidential records, when, which, and how: for its head of office."""

    operation_action = Action.MANAGE
    template_name = "operations/operation_openings.html"
    context_object_name = "openings"
    paginate_by = 50

    def get_queryset(self):
        return (
            RecordOpening.objects.restrict(self.request.user, Action.MANAGE)
            .filter(operation=self.operation)
            .select_related("user", "content_type")
        )
