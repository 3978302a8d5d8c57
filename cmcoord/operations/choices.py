"""Choices shared across the product: roles, sensitivity levels, CMCoord strategies."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """A person's role inside one country operation (a Membership)."""

    OFFICER = "officer", _("CMCoord officer / focal point")
    HEAD = "head", _("Head of office")
    HCT = "hct", _("HCT member")


class Sensitivity(models.IntegerChoices):
    """Information sensitivity after the UN's ST/SGB/2007/6; a higher value is more restricted.

    The ordering matters: the access policy compares levels with ``<=``.
    """

    UNCLASSIFIED = 1, _("Unclassified")
    CONFIDENTIAL = 2, _("Confidential")
    STRICTLY_CONFIDENTIAL = 3, _("Strictly confidential")


class CMCoordStrategy(models.TextChoices):
    """The character of the civil-military relationship in a context (field guide, 002)."""

    COEXISTENCE = "coexistence", _("Co-existence")
    COORDINATION = "coordination", _("Coordination")
    COOPERATION = "cooperation", _("Cooperation")
