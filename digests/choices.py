"""Choices of the reporting digests: audiences, frequencies, and the life of a digest and of each delivery."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cmcoord.core.choices import Standing


class Audience(models.TextChoices):
    """Whom a digest is written for. Its content is what that standing may read under ``Action.DIGEST``."""

    HCT = "hct", _("HCT members")
    STAFF = "staff", _("Operation staff")
    HQ = "hq", _("CMCS HQ readers")


# The standing whose clearance each audience's digest is written with (cmcoord.core.access.audience_access).
AUDIENCE_STANDING = {
    Audience.HCT: Standing.HCT,
    Audience.STAFF: Standing.OFFICER,
    Audience.HQ: Standing.HQ,
}


class Frequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")
    MONTHLY = "monthly", _("Monthly")


class Weekday(models.IntegerChoices):
    """Python's ``date.weekday()`` numbering."""

    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class DigestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be built")
    BUILDING = "building", _("Being built")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENDING = "sending", _("Sending")
    RETRYING = "retrying", _("Retrying after an error")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


# A delivery in one of these states may be claimed by a worker to send it.
CLAIMABLE = (DeliveryStatus.PENDING, DeliveryStatus.RETRYING)
