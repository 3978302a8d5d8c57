"""Sign-in lockout with two limits: per username at an address (django-axes' own), and per address.

django-axes counts failures per (username, address) here, so someone trying many usernames from one address
would never be stopped. ``AXES_LOCKOUT_PARAMETERS`` could add the address alone, but with the same limit for
both, and five failures for a whole office behind one address is too few. This handler keeps axes' count and
adds a second, higher one: once an address reaches ``SIGN_IN_FAILURE_LIMIT_PER_ADDRESS`` failures over all
usernames within the cool-off time, every sign-in from it is refused like a locked-out username.
"""

from __future__ import annotations

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


class AddressLimitHandler(AxesDatabaseHandler):
    """django-axes' database handler, with a lockout of the whole address after many failures over usernames."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        failures = super().get_failures(request, credentials)
        if address_failures(request) >= settings.SIGN_IN_FAILURE_LIMIT_PER_ADDRESS:
            # Expressed in axes' own terms, so that its checks (before and after a failure) lock out alike.
            return max(failures, get_failure_limit(request, credentials))
        return failures


def address_failures(request) -> int:
    """Failed sign-ins from the request's address within the cool-off time, whatever the username."""
    recent = AccessAttempt.objects.filter(
        ip_address=request.axes_ip_address, attempt_time__gt=get_cool_off_threshold(request)
    )
    return recent.aggregate(total=Sum("failures_since_start"))["total"] or 0
