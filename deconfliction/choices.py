"""The vocabulary of the humanitarian notification system (Guidance Note III, Dialogue: DI-5)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    """What is notified: a place that stays put, or people and vehicles on the move."""

    STATIC_SITE = "static_site", _("Static site")
    MOVEMENT = "movement", _("Movement")


class AnswerStatus(models.TextChoices):
    """A party's answer to one notification. Every party starts at "submitted": notified, no answer yet."""

    SUBMITTED = "submitted", _("Submitted, awaiting answer")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    REJECTED = "rejected", _("Rejected")
    NO_RESPONSE = "no_response", _("No response")


#: The answers a party can give (recorded by an officer); "submitted" is where every party starts.
ANSWERS = (AnswerStatus.ACKNOWLEDGED, AnswerStatus.REJECTED, AnswerStatus.NO_RESPONSE)
ANSWER_CHOICES = [(status.value, status.label) for status in ANSWERS]  # what an officer records


class NotificationStatus(models.TextChoices):
    """A notification's overall status, following its parties' answers (``services.overall_status``).

    A rejection by any party outweighs everything (the site or movement is not deconflicted with that party);
    then a party still to answer; then a party recorded as never answering; acknowledged means every party did.
    """

    SUBMITTED = "submitted", _("Awaiting answers")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    REJECTED = "rejected", _("Rejected")
    NO_RESPONSE = "no_response", _("No response")
