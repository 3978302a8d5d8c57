from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from cmcoord.core.inputs import StrictInputMixin


class SignInForm(StrictInputMixin, AuthenticationForm):
    """Django's sign-in form with a message that names no reason (it must not reveal which accounts exist)."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The username or password is not correct. Both are case-sensitive."),
    }
