"""Choices of country operations. Roles and sensitivity levels are access vocabulary: ``cmcoord.core.choices``."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CMCoordStrategy(models.TextChoices):
    """The character of the civil-military relationship in a context (field guide, 002)."""

    COEXISTENCE = "coexistence", _("Co-existence")
    COORDINATION = "coordination", _("Coordination")
    COOPERATION = "cooperation", _("Cooperation")


class OCHARegion(models.TextChoices):
    """OCHA's regional offices: the region an operation reports through, by which CMCS HQ compares operations."""

    ROAP = "ROAP", _("ROAP — Asia and the Pacific")
    ROCCA = "ROCCA", _("ROCCA — Caucasus and Central Asia")
    ROLAC = "ROLAC", _("ROLAC — Latin America and the Caribbean")
    ROMENA = "ROMENA", _("ROMENA — Middle East and North Africa")
    ROSEA = "ROSEA", _("ROSEA — Southern and Eastern Africa")
    ROWCA = "ROWCA", _("ROWCA — West and Central Africa")
