"""Choices of mission contexts: kinds of mission, phases and components."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MissionKind(models.TextChoices):
    PKO = "pko", _("UN peacekeeping operation")
    SPM = "spm", _("Special political mission")
    REGIONAL = "regional", _("Regional or non-UN force")


class MissionPhase(models.TextChoices):
    ACTIVE = "active", _("Active")
    DRAWDOWN = "drawdown", _("Drawdown")
    TRANSITION = "transition", _("Transition")
    CLOSED = "closed", _("Closed")


# An operation "has a peace operation" while a mission covering it is in one of these phases.
PRESENT_PHASES = (MissionPhase.ACTIVE, MissionPhase.DRAWDOWN, MissionPhase.TRANSITION)


class ComponentKind(models.TextChoices):
    MILITARY = "military", _("Military")
    POLICE = "police", _("Police")
    CIVILIAN = "civilian", _("Civilian")
