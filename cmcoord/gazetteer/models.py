"""Admin-1 and admin-2 units of each country, with their P-codes: the places every record of the product picks from."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from cmcoord.core.access import ScopeRule
from cmcoord.core.scoping import ScopedModel
from cmcoord.core.validators import pcode_problem


class AdminLevel(models.IntegerChoices):
    ADMIN1 = 1, _("admin 1 (region)")
    ADMIN2 = 2, _("admin 2 (district)")


class AdminUnit(ScopedModel):
    """One administrative unit of a country's common operational dataset (COD): a region or a district.

    Reference data, like the Guidance Note catalogue: it belongs to no operation and has no sensitivity, so every
    signed-in user reads it (the access policy's catalogue rule, without operation rows) and nobody changes it in
    the product: ``manage.py import_gazetteer`` loads it from a COD file. A unit missing from a later import of its
    country is kept, marked inactive, so that records naming it still read its name; the picker no longer offers it.
    """

    scope_rule = ScopeRule.CATALOGUE
    scope_operation_field = ""  # shared rows only

    country = CountryField(_("country"), help_text=_("ISO 3166-1 country; P-codes start with its alpha-2 code."))
    level = models.PositiveSmallIntegerField(_("level"), choices=AdminLevel)
    pcode = models.CharField(_("P-code"), max_length=11, unique=True)
    name = models.CharField(_("name"), max_length=100)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("admin 1 unit"),
        limit_choices_to={"level": AdminLevel.ADMIN1},
    )
    alternative_names = models.TextField(
        _("alternative names"), blank=True, help_text=_("Other spellings or languages, one per line.")
    )
    is_active = models.BooleanField(
        _("in the current dataset"),
        default=True,
        help_text=_("Cleared when a later import of the country leaves the unit out: no longer offered in forms."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["country", "level", "name", "pcode"]
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        indexes = [models.Index(fields=["country", "level", "is_active"], name="gazetteer_unit_by_country")]
        constraints = [
            models.CheckConstraint(
                condition=Q(level=AdminLevel.ADMIN1, parent__isnull=True)
                | Q(level=AdminLevel.ADMIN2, parent__isnull=False),
                name="gazetteer_admin2_has_parent",
                violation_error_message=_("An admin 2 unit has an admin 1 unit; an admin 1 unit has none."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.pcode})"

    @property
    def alternative_name_list(self) -> list[str]:
        return [name.strip() for name in self.alternative_names.splitlines() if name.strip()]

    def clean(self):
        super().clean()
        errors = {}
        country = self.country.code if self.country else ""
        if self.pcode and (problem := pcode_problem(self.pcode, country)):
            errors["pcode"] = problem
        if self.level == AdminLevel.ADMIN2 and self.parent is not None:
            if self.parent.level != AdminLevel.ADMIN1 or self.parent.country != self.country:
                errors["parent"] = _("Choose an admin 1 unit of the same country.")
            elif self.pcode and not self.pcode.startswith(self.parent.pcode):
                errors["pcode"] = _("The admin 2 P-code must start with its admin 1 P-code (%(pcode)s).") % {
                    "pcode": self.parent.pcode
                }
        if errors:
            raise ValidationError(errors)
