"""The pages of engagements that differ from the record kit's (:mod:`cmcoord.records.views`): a new engagement
starts from its author and the actor it was opened from; an engagement's page offers its follow-ups, added,
turned into tasks and removed there."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from actors.models import Actor
from cmcoord.core.access import Action
from cmcoord.records import outbox
from cmcoord.records.views import RecordCreateView, RecordDetailView, RecordMixin

from . import services
from .forms import FollowUpForm
from .models import Engagement, FollowUp


class EngagementCreateView(RecordCreateView):
    """Logged by its author (among the OCHA participants), with the actor of the page it was opened from.

    Offline, the page also offers the follow-ups agreed at the engagement once it is queued (hidden otherwise:
    online, they are added on the engagement's page): each is queued after it, and names it once it is sent."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context.get("outbox") is not None:
            engagement = Engagement(operation=self.operation)
            context["follow_up_form"] = FollowUpForm(user=self.request.user, engagement=engagement)
            context["follow_up_outbox"] = outbox.target("follow-up-list", after="engagement")
        return context

    def get_initial(self):
        initial = {"ocha_participants": [self.request.user.pk]}
        actor = self.request.GET.get("actor", "")
        if actor.isascii() and actor.isdigit() and len(actor) < 19:
            initial["actors"] = list(
                Actor.objects.restrict(self.request.user, Action.VIEW)
                .filter(operation=self.operation, pk=int(actor))
                .values_list("pk", flat=True)
            )
        return initial


class EngagementDetailView(RecordDetailView):
    """An engagement's page, with the form of a new follow-up for who may change it."""

    def get_context_data(self, follow_up_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        if context["can_change"]:
            context["follow_up_form"] = follow_up_form or FollowUpForm(user=self.request.user, engagement=self.object)
            context["follow_up_outbox"] = outbox.target("follow-up-list", extra={"engagement": self.object.pk})
        return context


class FollowUpAddView(EngagementDetailView):
    """Adds an agreed follow-up (POST); a mistake re-renders the engagement's page with the form's errors."""

    operation_action = Action.CHANGE
    record_action = Action.CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object = engagement = self.get_object()
        form = FollowUpForm(request.POST, user=request.user, engagement=engagement)
        if form.is_valid():
            try:
                services.follow_up_add(user=request.user, follow_up=form.instance)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Follow-up added. Turn it into a task when you are ready."))
                return redirect(engagement)
        return self.render_to_response(self.get_context_data(follow_up_form=form), status=400)


class FollowUpMixin(RecordMixin):
    """A follow-up of the engagement named by the URL, both of which the user may change (404 otherwise)."""

    operation_action = Action.CHANGE
    record_action = Action.CHANGE
    http_method_names = ["post"]

    def get_follow_up(self, engagement):
        return get_object_or_404(
            FollowUp.objects.restrict(self.request.user, Action.CHANGE),
            engagement=engagement,
            pk=self.kwargs["follow_up"],
        )


class FollowUpConvertView(FollowUpMixin):
    """Turns a follow-up into a task in one click (POST); a second click finds the task made by the first."""

    def post(self, request, *args, **kwargs):
        engagement = self.get_object()
        task, created = services.follow_up_convert(user=request.user, follow_up=self.get_follow_up(engagement))
        if created:
            messages.success(
                request, _("Task %(reference)s created from the follow-up.") % {"reference": task.reference}
            )
        else:
            messages.info(request, _("This follow-up is already task %(reference)s.") % {"reference": task.reference})
        return redirect(engagement)


class FollowUpDeleteView(FollowUpMixin):
    def post(self, request, *args, **kwargs):
        engagement = self.get_object()
        try:
            services.follow_up_delete(user=request.user, follow_up=self.get_follow_up(engagement))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Follow-up removed."))
        return redirect(engagement)
