"""Site administrators see every personal API token (never a secret: only key ids are stored) and revoke them; they
see who has which second factor (never a key) and remove one."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import twofactor
from .models import ApiToken, Passkey


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "key_id", "user", "can_write", "expires_at", "last_used_at", "revoked_at"]
    list_filter = ["can_write", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "key_id", "user__username"]
    readonly_fields = [field.name for field in ApiToken._meta.fields]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False  # a token is made by its owner, after a fresh sign-in, and shown to them only

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        tokens = list(queryset.filter(revoked_at__isnull=True))
        for token in tokens:
            token.revoke(by=request.user)
        self.message_user(
            request,
            ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", len(tokens)) % {"count": len(tokens)},
        )


# Two-factor devices: django-otp's own admin shows a device's key and QR code, which a site administrator has no
# business reading. Here an administrator sees who has which device and removes it (a lost phone), nothing more.
for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


class DeviceAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "confirmed"]
    search_fields = ["user__username"]
    fields = ["user", "name", "confirmed"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


admin.site.register(TOTPDevice, DeviceAdmin)
admin.site.register(StaticDevice, DeviceAdmin)


@admin.register(Passkey)
class PasskeyAdmin(DeviceAdmin):
    """A user's passkeys and security keys: name and dates only, never a key, a credential id or an attestation;
    removing one (a lost security key) also removes the recovery codes when it was the user's last second factor."""

    list_display = ["user", "name", "created_at", "last_used_at"]
    list_filter = [("last_used_at", admin.EmptyFieldListFilter)]
    fields = ["user", "name", "confirmed", "created_at", "last_used_at"]
    readonly_fields = fields
    actions = ["remove"]

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # "remove" instead: the same rules as the user's own removal
        return actions

    def delete_model(self, request, obj):
        twofactor.remove_passkey(request, obj)

    @admin.action(description=_("Remove the selected passkeys"), permissions=["delete"])
    def remove(self, request, queryset):
        removed = list(queryset.select_related("user"))
        for passkey in removed:
            twofactor.remove_passkey(request, passkey)
        self.message_user(
            request,
            ngettext("%(count)d passkey removed.", "%(count)d passkeys removed.", len(removed))
            % {"count": len(removed)},
        )
