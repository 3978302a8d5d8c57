"""Choices of planning and preparedness (Guidance Note III.5): planning documents, MCDA requests, the set-up
checklist."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    """The documents an office keeps for PP-1…PP-6 (advice on policy frameworks, a current CMCoord assessment …)."""

    CMCOORD_ASSESSMENT = "assessment", _("CMCoord assessment")
    COUNTRY_GUIDELINES = "guidelines", _("Country-specific CMCoord guidelines")
    CONTINGENCY_PLAN = "contingency", _("Contingency plan")
    CODE_OF_CONDUCT = "conduct", _("Code of conduct")
    JOINT_OPERATING_MODALITIES = "modalities", _("Joint operating modalities")
    RULES_OF_ENGAGEMENT_INPUT = "roe_input", _("Rules-of-engagement input")
    EVACUATION_ARRANGEMENTS = "evacuation", _("Evacuation arrangements")
    MINIMUM_OPERATING_STANDARDS = "most", _("Minimum operating standards")


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_FORCE = "in_force", _("In force")
    SUPERSEDED = "superseded", _("Superseded")


class Decision(models.TextChoices):
    """Where an MCDA request stands: waiting, or answered (approved, declined) or withdrawn on a date."""

    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Justification(models.TextChoices):
    """Why military or civil defence assets are asked for under last resort (the Oslo and MCDA guidelines): at
    least one must hold. Each value is the name of a boolean field of :class:`planning.models.MCDARequest`."""

    NO_CIVILIAN_ALTERNATIVE = "no_civilian_alternative", _("No comparable civilian alternative")
    TIME_CRITICAL = "time_critical", _("Time-critical")
    UNIQUE_CAPABILITY = "unique_capability", _("Unique capability")
    LIMITED_IN_TIME = "limited_in_time", _("Limited in time")


class ItemStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")
