from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "cmcoord.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # The schema's token scheme; the sign-in time kept in the session; the passkeys' relying party checked.
        from . import checks, schema, sessions, twofactor, views  # noqa: F401
