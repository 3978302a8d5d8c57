"""The pages of the humanitarian notification system where they differ from the record kit's
(:mod:`cmcoord.records`): the list counts each notification's answers and flags the overdue ones, the forms save
the parties notified, a notification's page records a party's answer in one click; and the operation's response
time."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import generic

from cmcoord.core.access import Action, can
from cmcoord.core.versioning import ConcurrentEdit
from cmcoord.core.views import OperationMixin, ScopedView
from cmcoord.operations.calendar import operation_today
from cmcoord.records import outbox
from cmcoord.records.views import RecordCreateView, RecordDetailView, RecordEditView, RecordListView

from . import services
from .forms import AnswerForm, NotificationSettingsForm
from .models import Notification, PartyAnswer
from .selectors import answer_tallies, response_hours


class NotificationListView(RecordListView):
    """The kit's list, each notification of the page with its parties' answers counted and its overdue flag."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        page.object_list = rows = list(page.object_list)
        tallies = answer_tallies([row.pk for row in rows])
        hours = response_hours(self.operation)
        cutoff = timezone.now() - timedelta(hours=hours)
        for row in rows:
            row.tally = tallies[row.pk]
            row.overdue = row.awaiting_answer and row.submitted_at < cutoff
        context["hours"] = hours
        return context


def notification_detail_context(request, notification) -> dict:
    """A notification's page: the parties' answers the reader may read (each with its one-click form for an editor)
    and how many more are restricted, its tasks and mission where readable, when answers are due."""
    user = request.user
    answers = list(
        PartyAnswer.objects.restrict(user, Action.VIEW)
        .filter(notification=notification)
        .select_related("party__operation", "recorded_by")
        .order_by("party__name", "pk")
    )
    editor = can(user, Action.CHANGE, notification)
    for answer in answers:
        answer.notification = notification  # the forms read its operation's time zone: no query per party
        if editor:  # where its form goes in the API when it is submitted offline (cmcoord/records/outbox.py)
            answer.outbox = outbox.target("notification-answer-record", versioned=True, pk=answer.pk)
    hours = response_hours(notification.operation)
    answer_due = notification.submitted_at + timedelta(hours=hours)
    return {
        "answers": [(answer, AnswerForm(answer=answer) if editor else None) for answer in answers],
        "restricted_answers": PartyAnswer.objects.filter(notification=notification).count() - len(answers),
        "tasks": notification.tasks.restrict(user, Action.VIEW).select_related("operation"),
        "mission": (
            notification.mission if notification.mission_id and can(user, Action.VIEW, notification.mission) else None
        ),
        "hours": hours,
        "answer_due": answer_due,
        "is_overdue": notification.awaiting_answer and answer_due < timezone.now(),
    }


class ServiceErrorsOnFields:
    """A service's errors on their fields where the form has them, above the form otherwise."""

    def save_record(self, form):
        try:
            return super().save_record(form)
        except ValidationError as error:
            raise ValidationError(_add_errors(form, error)) from error


class NotificationCreateView(ServiceErrorsOnFields, RecordCreateView):
    def get_initial(self):
        """A reference that follows the operation's count of the year, and today as the first valid day."""
        today = operation_today(self.operation)
        number = Notification.objects.filter(operation=self.operation, submitted_at__year=today.year).count() + 1
        return {"reference": f"HNS-{self.operation.code}-{today.year}-{number:04d}", "valid_from": today}

    def get_success_message(self):
        return _("Notification %(reference)s recorded.") % {"reference": self.object.reference}


class NotificationEditView(ServiceErrorsOnFields, RecordEditView):
    def get_success_message(self):
        return _("Notification %(reference)s saved.") % {"reference": self.object.reference}

    def form_invalid(self, form):
        """The page's headings and links read the notification as stored: the form's instance holds the input (a
        reference that may not even be an address)."""
        self.object = self.get_object()
        return super().form_invalid(form)


class AnswerRecordView(RecordDetailView):
    """Record one party's answer (POST only). Bad input re-renders the notification's page with the form's errors
    and saves nothing; an answer someone recorded meanwhile is reported, not overwritten."""

    operation_action = Action.CHANGE
    record_action = Action.CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        notification = self.object = self.get_object()
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
                if rest := _add_errors(form, error):
                    form.add_error(None, rest)
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
        context = self.get_context_data(object=notification)
        context["answers"] = [(shown, form if shown.pk == answer.pk else other) for shown, other in context["answers"]]
        return self.render_to_response(context)


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
        return redirect("deconfliction:list", code=self.operation.code)


def _add_errors(form, error: ValidationError) -> list:
    """Put a service's errors on the form's fields where it has them; the others (above the form) are returned."""
    if not hasattr(error, "error_dict"):
        return error.messages
    rest = []
    for name, errors in error.error_dict.items():
        if name in form.fields:
            form.add_error(name, errors)
        else:
            rest += [message for item in errors for message in item.messages]
    return rest
