"""Pages of engagements: the operation's list, an engagement's page with its follow-ups, its forms."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import generic
from django_filters.views import FilterView

from actors.models import Actor
from cmcoord.core.access import Action, can
from cmcoord.core.counts import RestrictedCount, counting, sees_everything_counted
from cmcoord.core.versioning import VersionedEditMixin
from cmcoord.core.views import LastPageMixin, OperationMixin, OperationView, ScopedView
from protection_tasks.models import Task

from .. import services
from ..filtersets import EngagementFilterSet
from ..forms import EngagementForm, FollowUpForm
from ..models import Engagement, FollowUp, KeyMessage
from ..selectors import engagements_for_list, tasks_of


def restricted_summary(model, user, operation) -> RestrictedCount | None:
    """How many records of ``model`` the operation holds for the reader to count, and how many they may open;
    None for a reader who opens everything they count (one query otherwise)."""
    if sees_everything_counted(model, user):
        return None
    row = model.objects.restrict(user, Action.COUNT).filter(operation=operation).aggregate(**counting(model, user))
    return RestrictedCount.of(row)


class EngagementListView(LastPageMixin, OperationMixin, ScopedView, FilterView):
    filterset_class = EngagementFilterSet
    template_name = "engagements/engagement_list.html"
    paginate_by = 50

    def get_queryset(self):
        return engagements_for_list(self.request.user, self.operation)

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "operation": self.operation}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = restricted_summary(Engagement, self.request.user, self.operation)
        return context


class EngagementMixin(OperationView):
    """The engagement named by the URL, in the URL's operation, within the user's scope (404 otherwise)."""

    engagement_action = Action.VIEW

    def get_engagement(self, cached=True):
        if not cached or not hasattr(self, "_engagement"):
            self._engagement = get_object_or_404(
                Engagement.objects.restrict(self.request.user, self.engagement_action).select_related(
                    "operation", "mission"
                ),
                operation=self.operation,
                pk=self.kwargs["pk"],
            )
        return self._engagement


class EngagementDetailView(EngagementMixin, generic.DetailView):
    template_name = "engagements/engagement_detail.html"
    context_object_name = "engagement"

    def get_object(self, queryset=None):
        return self.get_engagement()

    def get_context_data(self, follow_up_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        user, engagement = self.request.user, self.object
        context["actors"] = engagement.actors.restrict(user, Action.VIEW).select_related("operation").order_by("name")
        context["participants"] = engagement.ocha_participants.order_by("first_name", "last_name")
        context["tasks"] = tasks_of(user, engagement)
        context["key_messages"] = (
            KeyMessage.objects.restrict(user, Action.VIEW).filter(engagements=engagement).select_related("operation")
        )
        context["follow_ups"] = (
            FollowUp.objects.restrict(user, Action.VIEW)
            .filter(engagement=engagement)
            .select_related("owner", "activity")
            .prefetch_related(
                Prefetch("task", queryset=Task.objects.restrict(user, Action.VIEW).select_related("operation"))
            )
        )
        context["can_change"] = can(user, Action.CHANGE, engagement)
        if context["can_change"]:
            context["follow_up_form"] = follow_up_form or FollowUpForm(user=user, engagement=engagement)
        return context


class FollowUpAddView(EngagementDetailView):
    """Adds an agreed follow-up (POST); a mistake re-renders the engagement's page with the form's errors."""

    operation_action = Action.CHANGE
    engagement_action = Action.CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object = engagement = self.get_engagement()
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


class FollowUpMixin(EngagementMixin):
    operation_action = Action.CHANGE
    engagement_action = Action.CHANGE
    http_method_names = ["post"]

    def get_follow_up(self):
        return get_object_or_404(
            FollowUp.objects.restrict(self.request.user, Action.CHANGE),
            engagement=self.get_engagement(),
            pk=self.kwargs["follow_up"],
        )


class FollowUpConvertView(FollowUpMixin):
    """Turns a follow-up into a task in one click (POST); a second click finds the task made by the first."""

    def post(self, request, *args, **kwargs):
        follow_up = self.get_follow_up()
        task, created = services.follow_up_convert(user=request.user, follow_up=follow_up)
        if created:
            messages.success(
                request, _("Task %(reference)s created from the follow-up.") % {"reference": task.reference}
            )
        else:
            messages.info(request, _("This follow-up is already task %(reference)s.") % {"reference": task.reference})
        return redirect(self.get_engagement())


class FollowUpDeleteView(FollowUpMixin):
    def post(self, request, *args, **kwargs):
        try:
            services.follow_up_delete(user=request.user, follow_up=self.get_follow_up())
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Follow-up removed."))
        return redirect(self.get_engagement())


class EngagementFormMixin(VersionedEditMixin):
    form_class = EngagementForm
    template_name = "engagements/engagement_form.html"
    operation_action = Action.CHANGE

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "operation": self.operation}

    def links(self, form) -> dict:
        return {name: form.cleaned_data[name] for name in ("actors", "ocha_participants", "tasks", "key_messages")}


class EngagementCreateView(OperationMixin, EngagementFormMixin, ScopedView, generic.CreateView):
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

    def save_record(self, form):
        return services.engagement_create(
            user=self.request.user, engagement=form.save(commit=False), **self.links(form)
        )

    def get_success_message(self):
        return _("Engagement recorded. Add what was agreed as follow-ups.")


class EngagementEditView(EngagementMixin, EngagementFormMixin, generic.UpdateView):
    engagement_action = Action.CHANGE
    context_object_name = "engagement"

    def get_object(self, queryset=None):
        return self.get_engagement(cached=False)  # a refused save shows the record as stored, not as posted

    def save_record(self, form):
        return services.engagement_edit(
            user=self.request.user,
            engagement=form.save(commit=False),
            expected_version=form.cleaned_data["version"],
            **self.links(form),
        )

    def get_success_message(self):
        return _("Engagement saved.")
