"""Choices of training events: topics (Guidance Note III.4, CB-1 to CB-5) and the breakdowns of participants."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TrainingTopic(models.TextChoices):
    IHL = "ihl", _("International humanitarian law (IHL)")
    IHRL = "ihrl", _("International human rights law (IHRL)")
    PRINCIPLES = "principles", _("Humanitarian principles")
    UN_CMCOORD = "un_cmcoord", _("UN-CMCoord")
    PROTECTION_GUIDELINES = "protection_guidelines", _("Protection guidelines (evacuation, minors, civil unrest)")
    ACCESS_NEGOTIATION = "access_negotiation", _("Access negotiation")
    PSEA = "psea", _("Protection from sexual exploitation and abuse (PSEA)")


# Participants by sex: (field, label), in the order of forms, tables and charts.
SEX_FIELDS = [
    ("female", _("Female")),
    ("male", _("Male")),
    ("sex_other", _("Other or undisclosed")),
]
# Participants by the type of organisation they came from (the audience category).
ORGANISATION_FIELDS = [
    ("from_military", _("Military")),
    ("from_police", _("Police and gendarmerie")),
    ("from_nsag", _("Non-state armed group")),
    ("from_authorities", _("Civil authorities")),
    ("from_humanitarian", _("Humanitarian")),
    ("from_other", _("Other")),
]
