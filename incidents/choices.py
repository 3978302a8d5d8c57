"""Choices of access incidents: the categories of OCHA's Access Monitoring and Reporting Framework, sources."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessCategory(models.TextChoices):
    """The nine categories of access impediments of OCHA's Access Monitoring and Reporting Framework, in its order."""

    DENIAL_OF_NEEDS = "denial_of_needs", _("Denial of humanitarian needs or of entitlement to assistance")
    MOVEMENT_INTO_COUNTRY = "movement_into", _("Restriction of movement into the country")
    MOVEMENT_WITHIN_COUNTRY = "movement_within", _("Restriction of movement within the country")
    INTERFERENCE = "interference", _("Interference in humanitarian activities")
    VIOLENCE = "violence", _("Violence against humanitarian personnel, assets or facilities")
    POPULATION_ACCESS = "population_access", _("Restriction of the population's access to services")
    HOSTILITIES = "hostilities", _("Military operations and hostilities impeding operations")
    EXPLOSIVE_HAZARDS = "explosive_hazards", _("Explosive hazards (mines, unexploded ordnance)")
    PHYSICAL_ENVIRONMENT = "physical_environment", _("Physical environment (terrain, weather, infrastructure)")


# Short labels for charts and tables, where the framework's full wording does not fit a phone.
SHORT_LABELS = {
    AccessCategory.DENIAL_OF_NEEDS: _("Denial of needs"),
    AccessCategory.MOVEMENT_INTO_COUNTRY: _("Movement into the country"),
    AccessCategory.MOVEMENT_WITHIN_COUNTRY: _("Movement within the country"),
    AccessCategory.INTERFERENCE: _("Interference"),
    AccessCategory.VIOLENCE: _("Violence against aid"),
    AccessCategory.POPULATION_ACCESS: _("Population's access"),
    AccessCategory.HOSTILITIES: _("Hostilities"),
    AccessCategory.EXPLOSIVE_HAZARDS: _("Explosive hazards"),
    AccessCategory.PHYSICAL_ENVIRONMENT: _("Physical environment"),
}


class IncidentSource(models.TextChoices):
    """Who reported the incident to OCHA."""

    PARTNER = "partner", _("Humanitarian partner")
    SECURITY = "security", _("Security service (e.g. UNDSS, INSO)")
    OCHA = "ocha", _("OCHA")
