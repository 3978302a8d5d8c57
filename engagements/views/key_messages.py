"""Pages of key messages: the operation's list, a message's page with where it was delivered, its forms."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views import generic
from django_filters.views import FilterView

from actors.models import Actor
from cmcoord.core.access import Action, can
from cmcoord.core.versioning import VersionedEditMixin
from cmcoord.core.views import LastPageMixin, OperationMixin, OperationView, ScopedView

from .. import services
from ..filtersets import KeyMessageFilterSet
from ..forms import KeyMessageForm
from ..models import Engagement, KeyMessage
from ..selectors import key_messages_for_list, readable_actors
from .engagements import restricted_summary


class KeyMessageListView(LastPageMixin, OperationMixin, ScopedView, FilterView):
    filterset_class = KeyMessageFilterSet
    template_name = "engagements/key_message_list.html"
    paginate_by = 50

    def get_queryset(self):
        return key_messages_for_list(self.request.user, self.operation)

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "operation": self.operation}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = restricted_summary(KeyMessage, self.request.user, self.operation)
        return context


class KeyMessageMixin(OperationView):
    message_action = Action.VIEW

    def get_message(self, cached=True):
        if not cached or not hasattr(self, "_message"):
            self._message = get_object_or_404(
                KeyMessage.objects.restrict(self.request.user, self.message_action).select_related("operation"),
                operation=self.operation,
                pk=self.kwargs["pk"],
            )
        return self._message


class KeyMessageDetailView(KeyMessageMixin, generic.DetailView):
    template_name = "engagements/key_message_detail.html"
    context_object_name = "message"

    def get_object(self, queryset=None):
        return self.get_message()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, message = self.request.user, self.object
        context["targets"] = (
            Actor.objects.restrict(user, Action.VIEW).filter(key_messages_targeted=message).select_related("operation")
        )
        context["deliveries"] = (
            Engagement.objects.restrict(user, Action.VIEW)
            .filter(key_messages=message)
            .select_related("operation")
            .prefetch_related(readable_actors(user))
            .order_by("-occurred_at", "-pk")
        )
        context["can_change"] = can(user, Action.CHANGE, message)
        return context


class KeyMessageFormMixin(VersionedEditMixin):
    form_class = KeyMessageForm
    template_name = "engagements/key_message_form.html"
    operation_action = Action.CHANGE

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "operation": self.operation}

    def links(self, form) -> dict:
        return {"target_actors": form.cleaned_data["target_actors"], "engagements": form.cleaned_data["engagements"]}


class KeyMessageCreateView(OperationMixin, KeyMessageFormMixin, ScopedView, generic.CreateView):
    def save_record(self, form):
        return services.key_message_create(user=self.request.user, message=form.save(commit=False), **self.links(form))

    def get_success_message(self):
        return _("Key message recorded.")


class KeyMessageEditView(KeyMessageMixin, KeyMessageFormMixin, generic.UpdateView):
    message_action = Action.CHANGE
    context_object_name = "message"

    def get_object(self, queryset=None):
        return self.get_message(cached=False)

    def save_record(self, form):
        return services.key_message_edit(
            user=self.request.user,
            message=form.save(commit=False),
            expected_version=form.cleaned_data["version"],
            **self.links(form),
        )

    def get_success_message(self):
        return _("Key message saved.")
