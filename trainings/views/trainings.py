"""Pages of training events: the operation's list with its filters, a training's page, its forms."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views import generic
from django_filters.views import FilterView

from actors.models import Actor
from cmcoord.core.access import Action, can
from cmcoord.core.counts import sees_everything_counted
from cmcoord.core.versioning import VersionedEditMixin
from cmcoord.core.views import LastPageMixin, OperationFormMixin, OperationMixin, ScopedView
from protection_tasks.models import Task

from .. import services
from ..filtersets import TrainingFilterSet
from ..forms import TrainingForm
from ..models import Training
from ..selectors import training_total, trainings_for_list


class TrainingListView(LastPageMixin, OperationMixin, ScopedView, FilterView):
    """The operation's trainings the user may open, newest first, and how many others are restricted."""

    filterset_class = TrainingFilterSet
    template_name = "trainings/training_list.html"
    paginate_by = 50

    def get_queryset(self):
        return trainings_for_list(self.request.user, self.operation)

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "operation": self.operation}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not sees_everything_counted(Training, self.request.user):
            context["summary"] = training_total(self.request.user, self.operation)
        return context


class TrainingMixin(OperationMixin, ScopedView):
    """The training named by the URL, in the URL's operation, within the user's scope (404 otherwise)."""

    training_action = Action.VIEW

    def get_object(self, queryset=None):
        return get_object_or_404(
            Training.objects.restrict(self.request.user, self.training_action).select_related("operation"),
            operation=self.operation,
            pk=self.kwargs["pk"],
        )


class TrainingDetailView(TrainingMixin, generic.DetailView):
    template_name = "trainings/training_detail.html"
    context_object_name = "training"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, training = self.request.user, self.object
        context["can_change"] = can(user, Action.CHANGE, training)
        context["audience"] = Actor.objects.restrict(user, Action.VIEW).filter(trainings=training).order_by("name")
        context["audience_restricted"] = training.audience.count() - len(context["audience"])
        context["tasks"] = Task.objects.restrict(user, Action.VIEW).filter(trainings=training)
        return context


class TrainingFormMixin(VersionedEditMixin, OperationFormMixin):
    form_class = TrainingForm
    template_name = "trainings/training_form.html"
    operation_action = Action.CHANGE


class TrainingCreateView(OperationMixin, TrainingFormMixin, ScopedView, generic.CreateView):
    def save_record(self, form):
        return services.training_create(
            user=self.request.user,
            training=form.save(commit=False),
            audience=form.cleaned_data["audience"],
            tasks=form.cleaned_data["tasks"],
        )

    def get_success_message(self):
        return _("Training recorded.")


class TrainingEditView(TrainingMixin, TrainingFormMixin, generic.UpdateView):
    training_action = Action.CHANGE
    context_object_name = "training"

    def save_record(self, form):
        return services.training_edit(
            user=self.request.user,
            training=form.save(commit=False),
            expected_version=form.cleaned_data["version"],
            audience=form.cleaned_data["audience"],
            tasks=form.cleaned_data["tasks"],
        )

    def get_success_message(self):
        return _("Training saved.")
