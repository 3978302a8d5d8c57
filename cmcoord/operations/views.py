"""Home page, operation pages and membership management."""

from django.contrib import messages
from django.db.models import Case, Count, Q, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import generic

from cmcoord.core.views import OperationMixin, OperationPermission, ScopedFormMixin
from cmcoord.operations.access import Action, access_for

from .choices import Role
from .forms import MembershipAddForm, MembershipRoleForm, OperationSettingsForm, member_is_replaceable_head
from .models import CountryOperation, Membership

# Heads of office first, then officers, then HCT members.
ROLE_RANK = Case(When(role=Role.HEAD, then=Value(0)), When(role=Role.OFFICER, then=Value(1)), default=Value(2))


def _member_counts():
    return {
        f"{role}_count": Count("memberships", filter=Q(memberships__role=role), distinct=True) for role in Role.values
    }


class HomeView(generic.TemplateView):
    """Each operation the user has a standing in, with their role there."""

    template_name = "operations/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        access = access_for(self.request.user)
        # Explicit order: Django does not apply Meta.ordering to aggregated queries.
        operations = list(
            CountryOperation.objects.visible_to(self.request.user).annotate(**_member_counts()).order_by("name")
        )
        workload = open_task_counts(self.request.user, operations)
        for operation in operations:
            operation.my_role = access.role_in(operation.pk)
            operation.open_tasks, operation.overdue_tasks = workload.get(operation.pk, (0, 0))
        context["operations"] = operations
        context["role_labels"] = role_labels()
        return context


def open_task_counts(user, operations) -> dict[int, tuple[int, int]]:
    """Open and overdue tasks per operation, in one query. Counts include restricted tasks (counts only)."""
    from protection_tasks.choices import OPEN_STATUSES
    from protection_tasks.models import Task
    from protection_tasks.selectors import overdue_condition

    rows = (
        Task.objects.restrict(user, Action.COUNT)
        .filter(status__in=OPEN_STATUSES, operation__in=operations)
        .order_by()
        .values("operation")
        .annotate(open=Count("pk"), overdue=Count("pk", filter=overdue_condition(operations)))
    )
    return {row["operation"]: (row["open"], row["overdue"]) for row in rows}


def role_labels():
    """Readable names for every standing, HQ included (it is not a Membership role)."""
    return {**dict(Role.choices), "hq": _("CMCS HQ reader")}


class OperationDetailView(OperationMixin, generic.TemplateView):
    template_name = "operations/operation_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["members"] = (
            Membership.objects.visible_to(self.request.user)
            .filter(operation=self.operation)
            .select_related("user")
            .annotate(role_rank=ROLE_RANK)
            .order_by("role_rank", "user__last_name", "user__first_name", "user__username")
        )
        context["role_labels"] = role_labels()
        return context


class OperationSettingsView(OperationMixin, ScopedFormMixin, generic.UpdateView):
    operation_permission = OperationPermission.MANAGE
    form_class = OperationSettingsForm
    template_name = "operations/operation_form.html"

    def get_object(self, queryset=None):
        return self.operation

    def get_success_message(self):
        return _("Operation settings saved.")

    def get_success_url(self):
        return self.operation.get_absolute_url()


class MembershipAddView(OperationMixin, ScopedFormMixin, generic.CreateView):
    operation_permission = OperationPermission.MANAGE
    form_class = MembershipAddForm
    template_name = "operations/membership_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "operation": self.operation}

    def get_success_message(self):
        return _("%(user)s added as %(role)s.") % {
            "user": self.object.user,
            "role": self.object.get_role_display(),
        }

    def get_success_url(self):
        return self.operation.get_absolute_url()


class MembershipScopedMixin(OperationMixin):
    """A membership of the URL's operation that the user may change (heads of office only)."""

    operation_permission = OperationPermission.MANAGE

    def get_object(self, queryset=None):
        return get_object_or_404(
            Membership.objects.restrict(self.request.user, Action.CHANGE).select_related("user", "operation"),
            operation=self.operation,
            pk=self.kwargs["pk"],
        )

    def get_success_url(self):
        return self.operation.get_absolute_url()


class MembershipRoleView(MembershipScopedMixin, ScopedFormMixin, generic.UpdateView):
    form_class = MembershipRoleForm
    template_name = "operations/membership_form.html"

    def get_success_message(self):
        return _("%(user)s is now %(role)s.") % {"user": self.object.user, "role": self.object.get_role_display()}


class MembershipRemoveView(MembershipScopedMixin, generic.DeleteView):
    template_name = "operations/membership_confirm_remove.html"

    def form_valid(self, form):
        self.object = self.get_object()
        if self.object.role == Role.HEAD and not member_is_replaceable_head(self.object):
            messages.error(self.request, _("The operation needs at least one head of office."))
            return redirect(self.get_success_url())
        messages.success(self.request, _("%(user)s removed from the operation.") % {"user": self.object.user})
        self.object.delete()
        return redirect(self.get_success_url())


class OperationHistoryView(OperationMixin, generic.TemplateView):
    """The audit trail of the operation's settings and membership: who changed what, when."""

    operation_permission = OperationPermission.EDIT
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


HISTORY_ACTIONS = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}


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
