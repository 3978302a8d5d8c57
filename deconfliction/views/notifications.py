"""Pages of the humanitarian notification system: the operation's list, a notification's page with its parties'
answers, its forms, the one-click answer, and the operation's response time."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import generic
from django_filters.views import FilterView

from cmcoord.core.access import Action, can
from cmcoord.core.counts import sees_everything_counted
from cmcoord.core.versioning import ConcurrentEdit
from cmcoord.core.views import LastPageMixin, OperationMixin, OperationView, ScopedView
from cmcoord.operations.calendar import operation_today

from .. import services
from ..filtersets import NotificationFilterSet
from ..forms import AnswerForm, NotificationForm, NotificationSettingsForm
from ..models import Notification, PartyAnswer
from ..selectors import answer_tallies, notification_counts, notifications_for_list, response_hours


class NotificationListView(LastPageMixin, OperationMixin, ScopedView, FilterView):
    """The operation's notifications with filters, newest first, each with its parties' answers counted."""

    filterset_class = NotificationFilterSet
    template_name = "deconfliction/notification_list.html"
    paginate_by = 50

    def get_queryset(self):
        return notifications_for_list(self.request.user, self.operation)

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "operation": self.operation}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = list(context["page_obj"].object_list)
        tallies = answer_tallies([row.pk for row in rows])
        hours = response_hours(self.operation)
        cutoff = timezone.now() - timedelta(hours=hours)
        context["rows"] = [(row, tallies[row.pk], row.awaiting_answer and row.submitted_at < cutoff) for row in rows]
        context["hours"] = hours
        if not sees_everything_counted(Notification, self.request.user):
            # The list shows what the reader may open; the operation may hold more, which the page then says.
            context["counts"] = notification_counts(self.request.user, self.operation)
        return context


class NotificationMixin(OperationView):
    """The notification named by the URL's reference, in the URL's operation, within the user's scope (404)."""

    notification_action = Action.VIEW

    def get_notification(self):
        if not hasattr(self, "_notification"):
            self._notification = get_object_or_404(
                Notification.objects.restrict(self.request.user, self.notification_action).select_related(
                    "operation", "created_by"
                ),
                operation=self.operation,
                reference=self.kwargs["reference"].upper(),
            )
        return self._notification


class NotificationDetailView(NotificationMixin, generic.DetailView):
    template_name = "deconfliction/notification_detail.html"
    context_object_name = "notification"

    def get_object(self, queryset=None):
        return self.get_notification()

    def get_context_data(self, answer_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        user, notification = self.request.user, self.object
        answers = list(
            PartyAnswer.objects.restrict(user, Action.VIEW)
            .filter(notification=notification)
            .select_related("party__operation", "recorded_by")
            .order_by("party__name", "pk")
        )
        for answer in answers:
            answer.notification = notification  # the forms read its operation's time zone: no query per party
        can_change = can(user, Action.CHANGE, notification)
        total_answers = PartyAnswer.objects.filter(notification=notification).count()
        context["answers"] = [
            (answer, self.answer_form_for(answer, answer_form) if can_change else None) for answer in answers
        ]
        context["restricted_answers"] = total_answers - len(answers)
        context["can_change"] = can_change
        context["tasks"] = notification.tasks.restrict(user, Action.VIEW).select_related("operation")
        context["mission"] = (
            notification.mission if notification.mission_id and can(user, Action.VIEW, notification.mission) else None
        )
        hours = response_hours(self.operation)
        context["hours"] = hours
        context["answer_due"] = notification.submitted_at + timedelta(hours=hours)
        context["is_overdue"] = notification.awaiting_answer and context["answer_due"] < timezone.now()
        return context

    @staticmethod
    def answer_form_for(answer, bound):
        if bound is not None and bound.answer.pk == answer.pk:
            return bound
        return AnswerForm(answer=answer)


class AnswerRecordView(NotificationDetailView):
    """Record one party's answer (POST only). Bad input re-renders the notification's page with the form's errors
    and saves nothing; an answer someone recorded meanwhile is reported, not overwritten."""

    operation_action = Action.CHANGE
    notification_action = Action.CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        notification = self.object = self.get_notification()
        answer = get_object_or_404(
            PartyAnswer.objects.restrict(request.user, Action.CHANGE).select_related("party"),
            notification=notification,
            pk=kwargs["pk"],
        )
        answer.notification = notification
        form = AnswerForm(request.POST, answer=answer)
        if form.is_valid():
            try:
                services.answer_record(
                    user=request.user,
                    answer=answer,
                    status=form.cleaned_data["status"],
                    answered_at=form.cleaned_data["answered_at"],
                    note=form.cleaned_data["note"],
                    expected_version=form.cleaned_data["version"],
                )
            except ValidationError as error:
                _add_errors(form, error)
            except ConcurrentEdit as conflict:
                messages.error(
                    request,
                    _("%(who)s recorded an answer of %(party)s while you were looking: “%(answer)s”. It was kept; "
                      "record yours again if it still applies.")
                    % {
                        "who": ", ".join(conflict.editors) or _("Someone else"),
                        "party": conflict.current.party,
                        "answer": conflict.current.get_status_display(),
                    },
                )  # fmt: skip
                return redirect(notification)
            else:
                messages.success(
                    request,
                    _("Answer of %(party)s recorded: %(answer)s.")
                    % {"party": answer.party, "answer": answer.get_status_display()},
                )
                return redirect(notification)
        context = self.get_context_data(object=notification, answer_form=form)
        return self.render_to_response(context)


class NotificationFormMixin:
    form_class = NotificationForm
    template_name = "deconfliction/notification_form.html"
    operation_action = Action.CHANGE

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "operation": self.operation}


class NotificationCreateView(OperationMixin, NotificationFormMixin, ScopedView, generic.CreateView):
    def get_initial(self):
        today = operation_today(self.operation)
        number = Notification.objects.filter(operation=self.operation, submitted_at__year=today.year).count() + 1
        return {"reference": f"HNS-{self.operation.code}-{today.year}-{number:04d}", "valid_from": today}

    def form_valid(self, form):
        try:
            notification = services.notification_create(
                user=self.request.user,
                notification=form.save(commit=False),
                parties=list(form.cleaned_data["parties"]),
                tasks=form.cleaned_data["tasks"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Notification %(reference)s recorded.") % {"reference": notification.reference}
        )
        return HttpResponseRedirect(notification.get_absolute_url())


class NotificationEditView(NotificationMixin, NotificationFormMixin, generic.UpdateView):
    notification_action = Action.CHANGE
    context_object_name = "notification"

    def get_object(self, queryset=None):
        return self.get_notification()

    def form_valid(self, form):
        try:
            notification = services.notification_edit(
                user=self.request.user,
                notification=form.save(commit=False),
                expected_version=form.cleaned_data["version"],
                parties=list(form.cleaned_data["parties"]),
                tasks=form.cleaned_data["tasks"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        except ConcurrentEdit as conflict:
            return self.conflict(conflict)
        messages.success(self.request, _("Notification %(reference)s saved.") % {"reference": notification.reference})
        return HttpResponseRedirect(notification.get_absolute_url())

    def stored(self) -> Notification:
        """The notification as saved: the form's instance holds the user's input (a reference that may not even be
        an address), so the page's headings and links read the stored one."""
        return Notification.objects.select_related("operation", "created_by").get(pk=self.object.pk)

    def form_invalid(self, form):
        self.object = self.stored()
        return super().form_invalid(form)

    def conflict(self, conflict):
        """Keep the user's input, show what changed meanwhile, and let the next save go through knowingly."""
        data = self.request.POST.copy()
        data["version"] = conflict.current.version
        self.object = self.stored()
        fresh = self.form_class(data, instance=self.stored(), user=self.request.user, operation=self.operation)
        fresh.is_valid()
        fresh.add_error(
            None,
            _("%(who)s saved this notification while you were editing it. Your changes are not saved yet: they are "
              "kept below. Review what changed, then save again.")
            % {"who": ", ".join(conflict.editors) or _("Someone")},
        )  # fmt: skip
        return self.render_to_response(self.get_context_data(form=fresh, conflict=conflict), status=409)


class NotificationSettingsView(OperationMixin, ScopedView, generic.FormView):
    """The operation's response time for notifications (its head of office)."""

    operation_action = Action.MANAGE
    form_class = NotificationSettingsForm
    template_name = "deconfliction/settings_form.html"

    def get_initial(self):
        return {"response_hours": response_hours(self.operation)}

    def form_valid(self, form):
        try:
            services.settings_save(
                user=self.request.user, operation=self.operation, response_hours=form.cleaned_data["response_hours"]
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Response time saved."))
        return redirect("deconfliction:notification-list", code=self.operation.code)


def _add_errors(form, error: ValidationError) -> None:
    """Put a service's errors on the form: on their field where the form has it, above the form otherwise."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)
