"""Choices of engagements (Dialogue, DI-1…DI-6) and key messages (Advocacy, AD-1…AD-11)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EngagementMode(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    CALL = "call", _("Call")
    MESSAGE = "message", _("Message")
    LETTER = "letter", _("Letter")
    PLATFORM = "platform", _("Coordination-platform meeting")


class EngagementTopic(models.TextChoices):
    """What was discussed (Guidance Note III.2, Dialogue, and III.3, Advocacy)."""

    PROTECTION_RISKS = "protection_risks", _("Protection risks")
    CIVILIAN_EVACUATION = "evacuation", _("Civilian evacuation")
    CAMP_CLOSURE = "camp_closure", _("Camp closure")
    SECURITY_SCREENING = "screening", _("Security screening")
    ACCESS_ARRANGEMENTS = "access", _("Access arrangements")
    NOTIFICATION = "notification", _("Notification and deconfliction")
    IHL_CONDUCT = "ihl_conduct", _("IHL conduct of hostilities")
    PSEA = "psea", _("PSEA")
    OTHER = "other", _("Other")


class MessageIssue(models.TextChoices):
    """The advocacy issue a key message is about (Guidance Note III.3)."""

    ARMED_ESCORTS = "armed_escorts", _("Armed escorts")
    CHILD_RECRUITMENT = "child_recruitment", _("Child recruitment")
    IHL_CONDUCT = "ihl_conduct", _("IHL conduct of hostilities")
    ACCESS = "access", _("Safe and equitable access")
    LAST_RESORT = "last_resort", _("Last resort for military assets")
    PSEA = "psea", _("PSEA")
    OTHER = "other", _("Other")


class KeyMessageStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AGREED = "agreed", _("Agreed")
    DELIVERED = "delivered", _("Delivered")
    RETIRED = "retired", _("Retired")
