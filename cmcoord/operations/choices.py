"""Choices of country operations. Roles and sensitivity levels are access vocabulary: ``cmcoord.core.choices``."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CMCoordStrategy(models.TextChoices):
    """The character of the civil-military relationship in a context (field guide, 002)."""

    COEXISTENCE = "coexistence", _("Co-existence")
    COORDINATION = "coordination", _("Coordination")
    COOPERATION = "cooperation", _("Cooperation")
