from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy

from cmcoord.core.offline import SignOutView

from . import mfa_views, passkeys, views

urlpatterns = [
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", SignOutView.as_view(), name="logout"),  # and wipes what the device keeps
    path("language/", views.SetLanguageView.as_view(), name="set-language"),
    path("confirm/", views.ConfirmPasswordView.as_view(), name="confirm-password"),
    path("tokens/", views.ApiTokenListView.as_view(), name="api-tokens"),
    path("sessions/", views.SessionListView.as_view(), name="sessions"),
    path("two-factor/", mfa_views.TwoFactorView.as_view(), name="two-factor"),
    path("two-factor/verify/", mfa_views.TwoFactorVerifyView.as_view(), name="two-factor-verify"),
    path("two-factor/set-up/", mfa_views.TwoFactorSetupView.as_view(), name="two-factor-setup"),
    path("two-factor/recovery-codes/", mfa_views.RecoveryCodesView.as_view(), name="two-factor-recovery"),
    path("two-factor/remove/", mfa_views.TwoFactorRemoveView.as_view(), name="two-factor-remove"),
    path("two-factor/passkeys/", include(passkeys.library_urlpatterns)),
    path("two-factor/passkeys/signed-in/", passkeys.PasskeySignedInView.as_view(), name="two-factor-passkey-signed-in"),
    path("two-factor/passkeys/<id:pk>/name/", passkeys.PasskeyNameView.as_view(), name="two-factor-passkey-name"),
    path("two-factor/passkeys/<id:pk>/remove/", passkeys.PasskeyRemoveView.as_view(), name="two-factor-passkey-remove"),
    path("tokens/<id:pk>/revoke/", views.ApiTokenRevokeView.as_view(), name="api-token-revoke"),
    path("password/change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("password/reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(success_url=reverse_lazy("password_reset_complete")),
        name="password_reset_confirm",
    ),
    path("password/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
