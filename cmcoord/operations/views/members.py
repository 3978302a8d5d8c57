"""Membership management of an operation (heads of office); the rules live in ``services``."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import generic

from cmcoord.core.access import Action
from cmcoord.core.choices import Role
from cmcoord.core.views import OperationMixin, OperationView, ScopedView

from .. import services
from ..forms import MembershipAddForm, MembershipRoleForm
from ..models import Membership


class MembershipAddView(OperationMixin, ScopedView, generic.CreateView):
    operation_action = Action.MANAGE
    form_class = MembershipAddForm
    template_name = "operations/membership_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "operation": self.operation}

    def form_valid(self, form):
        self.object = services.membership_add(
            user=self.request.user,
            operation=self.operation,
            person=form.cleaned_data["person"],
            role=form.cleaned_data["role"],
        )
        messages.success(
            self.request,
            _("%(user)s added as %(role)s.") % {"user": self.object.user, "role": self.object.get_role_display()},
        )
        return redirect("operations:about", code=self.operation.code)


class MembershipMixin(OperationView):
    """A membership of the URL's operation that the user may manage (heads of office only)."""

    operation_action = Action.MANAGE

    def get_object(self, queryset=None):
        return get_object_or_404(
            Membership.objects.restrict(self.request.user, Action.MANAGE).select_related("user", "operation"),
            operation=self.operation,
            pk=self.kwargs["pk"],
        )

    def get_success_url(self):
        return reverse("operations:about", kwargs={"code": self.operation.code})


class MembershipRoleView(MembershipMixin, generic.UpdateView):
    form_class = MembershipRoleForm
    template_name = "operations/membership_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        try:
            self.object = services.membership_change_role(
                user=self.request.user, member=self.object, role=form.cleaned_data["role"]
            )
        except ValidationError as error:
            form.add_error("role", error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(user)s is now %(role)s.") % {"user": self.object.user, "role": self.object.get_role_display()},
        )
        return redirect(self.get_success_url())


class MembershipRemoveView(MembershipMixin, generic.DetailView):
    """Asks for confirmation (GET), then removes the member (POST). No other method: DELETE answers 405."""

    template_name = "operations/membership_confirm_remove.html"
    http_method_names = ["get", "post"]

    def get_context_data(self, **kwargs):
        """A head of office removing herself is told what she loses, and the last one is told she cannot."""
        context = super().get_context_data(**kwargs)
        context["removing_self"] = self.object.user_id == self.request.user.pk
        context["last_head"] = self.object.role == Role.HEAD and not services.member_is_replaceable_head(self.object)
        return context

    def post(self, request, *args, **kwargs):
        member = self.get_object()
        try:
            services.membership_remove(user=request.user, member=member)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self.get_success_url())
        if member.user_id == request.user.pk:  # the operation's pages are closed to her now: home, not a 404
            messages.success(request, _("You left %(operation)s.") % {"operation": self.operation.name})
            return redirect("home")
        messages.success(request, _("%(user)s removed from the operation.") % {"user": member.user})
        return redirect(self.get_success_url())
