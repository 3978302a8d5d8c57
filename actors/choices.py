"""Choices of the actor registry and mission contexts."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cmcoord.core.choices import Sensitivity


class ActorCategory(models.TextChoices):
    """Stakeholder categories of the UN-CMCoord field guide (002), with non-state armed groups apart."""

    DOMESTIC_CIVILIAN = "domestic_civilian", _("Domestic civilian")
    DOMESTIC_MILITARY = "domestic_military", _("Domestic military and paramilitary")
    INTERNATIONAL_CIVILIAN = "international_civilian", _("International civilian")
    FOREIGN_MILITARY = "foreign_military", _("Foreign military")
    NON_STATE_ARMED_GROUP = "nsag", _("Non-state armed group")


ARMED_CATEGORIES = (
    ActorCategory.DOMESTIC_MILITARY,
    ActorCategory.FOREIGN_MILITARY,
    ActorCategory.NON_STATE_ARMED_GROUP,
)


class ActorType(models.TextChoices):
    """ACLED's actor types first (so data can be compared with ACLED), then the kinds CMCoord also meets."""

    STATE_FORCES = "state_forces", _("State forces")
    REBEL_GROUP = "rebel_group", _("Rebel group")
    POLITICAL_MILITIA = "political_militia", _("Political militia")
    IDENTITY_MILITIA = "identity_militia", _("Identity militia")
    EXTERNAL_FORCES = "external_forces", _("External / other forces")
    UN_PEACEKEEPING_MILITARY = "un_military", _("UN peacekeeping military")
    UNPOL = "unpol", _("UN police (UNPOL)")
    POLICE_GENDARMERIE = "police", _("Police / gendarmerie")
    BORDER_CUSTOMS = "border_customs", _("Border and customs")
    GOVERNMENT_AUTHORITY = "government", _("Government authority")
    LOCAL_LEADER = "local_leader", _("Local leader")
    NGO = "ngo", _("NGO")
    UN_AGENCY = "un_agency", _("UN agency")
    RED_CROSS_MOVEMENT = "red_cross", _("ICRC / Red Cross and Red Crescent Movement")
    DONOR = "donor", _("Donor")
    PROTECTION_CLUSTER = "protection_cluster", _("Protection cluster")


class Stance(models.TextChoices):
    """Where an actor stands on protection and access objectives (Guidance Note III.1)."""

    SPOILER = "spoiler", _("Spoiler")
    INFLUENCER = "influencer", _("Influencer")
    NEUTRAL = "neutral", _("Neutral")
    SUPPORTIVE = "supportive", _("Supportive")


class Attitude(models.TextChoices):
    OBSTRUCTIVE = "obstructive", _("Obstructive")
    RESERVED = "reserved", _("Reserved")
    ACCEPTING = "accepting", _("Accepting")
    FACILITATING = "facilitating", _("Facilitating")
    UNKNOWN = "unknown", _("Unknown")


class RelationshipType(models.TextChoices):
    PART_OF = "part_of", _("is part of / commanded by")
    ALLIED = "allied", _("is allied with")
    OPPOSED = "opposed", _("is opposed to")
    INFLUENCES = "influences", _("influences")
    SUPPLIES = "supplies", _("supplies")
    NEGOTIATES = "negotiates", _("negotiates with")
    COORDINATES = "coordinates", _("coordinates with")


class Confidence(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    PROBABLE = "probable", _("Probable")
    POSSIBLE = "possible", _("Possible")


class PreferredChannel(models.TextChoices):
    PHONE = "phone", _("Phone call")
    MESSAGING = "messaging", _("Messaging app")
    EMAIL = "email", _("E-mail")
    IN_PERSON = "in_person", _("In person")
    THROUGH_INTERMEDIARY = "intermediary", _("Through an intermediary")


class TaskActorRole(models.TextChoices):
    TARGET = "target", _("Target")
    INTERLOCUTOR = "interlocutor", _("Interlocutor")
    PARTNER = "partner", _("Partner")


def default_actor_sensitivity(category: str) -> int:
    """Armed actors default to Confidential; civilian stakeholders to Unclassified."""
    return Sensitivity.CONFIDENTIAL if category in ARMED_CATEGORIES else Sensitivity.UNCLASSIFIED
