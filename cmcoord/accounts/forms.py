from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from cmcoord.core.inputs import StrictInputMixin

from .models import DEFAULT_DAYS
from .tokens import parse_networks


class SignInForm(StrictInputMixin, AuthenticationForm):
    """Django's sign-in form with a message that names no reason (it must not reveal which accounts exist)."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The username or password is not correct. Both are case-sensitive."),
    }


class ConfirmPasswordForm(StrictInputMixin, forms.Form):
    """The account's password again, before something that deserves a fresh sign-in (a new API token)."""

    password = forms.CharField(label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autofocus": True}))

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."), code="password_incorrect")
        return password


EXPIRY_CHOICES = [(7, _("7 days")), (30, _("30 days")), (90, _("90 days")), (180, _("180 days")), (365, _("1 year"))]


class ApiTokenForm(StrictInputMixin, forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=80, help_text=_("What will use it, so you recognise it later: “Power BI report”.")
    )
    days = forms.TypedChoiceField(label=_("Expires after"), choices=EXPIRY_CHOICES, coerce=int, initial=DEFAULT_DAYS)
    can_write = forms.TypedChoiceField(
        label=_("Access"),
        choices=[(False, _("Read only: lists, records and exports")), (True, _("Read and write"))],
        coerce=lambda value: value in (True, "True"),
        initial=False,
        widget=forms.RadioSelect,
    )
    operations = forms.TypedMultipleChoiceField(
        label=_("Operations"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every operation you have a standing in, now or later."),
    )
    allowed_ips = forms.CharField(
        label=_("IP ranges"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Addresses or ranges it may be used from (192.0.2.10, 10.0.0.0/8), one per line. Empty: any."),
    )

    def __init__(self, *args, operations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["operations"].choices = [(operation.pk, operation.name) for operation in operations]

    def clean_allowed_ips(self):
        text = self.cleaned_data["allowed_ips"]
        try:
            networks = parse_networks(text)
        except ValueError as error:
            raise forms.ValidationError(
                _("Not an address or range: %(error)s"), code="invalid", params={"error": str(error)[:80]}
            ) from error
        return "\n".join(str(network) for network in networks)
