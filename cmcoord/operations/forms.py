"""Forms of the operation pages: membership management and operation settings."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cmcoord.core.forms import ScopedModelForm

from .models import CountryOperation, Membership
from .services import membership_check_role_change


class OperationSettingsForm(ScopedModelForm):
    """What a head of office may change about their operation; the country is fixed by the site admin."""

    class Meta:
        model = CountryOperation
        fields = ["name", "strategy", "region", "time_zone", "language", "summaries_need_clearance"]


class MembershipAddForm(ScopedModelForm):
    """Add an existing account to the operation by username or e-mail address."""

    person = forms.CharField(
        label=_("Username or e-mail"),
        max_length=254,
        help_text=_("The person must already have an account. Ask a site administrator to create one."),
    )

    class Meta:
        model = Membership
        fields = ["role"]

    def __init__(self, *args, operation, **kwargs):
        self.operation = operation
        super().__init__(*args, **kwargs)
        self.order_fields(["person", "role"])

    def clean_person(self):
        value = self.cleaned_data["person"].strip()
        users = get_user_model().objects.filter(Q(username__iexact=value) | Q(email__iexact=value), is_active=True)
        matches = list(users[:2])
        if len(matches) != 1:
            raise forms.ValidationError(_("No single active account matches “%(value)s”."), params={"value": value})
        user = matches[0]
        if Membership.objects.filter(user=user, operation=self.operation).exists():
            raise forms.ValidationError(_("%(user)s already belongs to this operation."), params={"user": user})
        return user

    def save(self, commit=True):
        self.instance.user = self.cleaned_data["person"]
        self.instance.operation = self.operation
        return super().save(commit=commit)


class MembershipRoleForm(ScopedModelForm):
    """Change a member's role; an operation always keeps at least one head of office."""

    class Meta:
        model = Membership
        fields = ["role"]

    def clean_role(self):
        role = self.cleaned_data["role"]
        membership_check_role_change(member=self.instance, role=role)
        return role
