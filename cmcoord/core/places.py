"""Where a record happened: an admin-1 and an admin-2 unit of the operation's country, each a name and a P-code.

Tasks carry the same four fields with the same rules (``protection_tasks.Task``); records added later take them
from :class:`PlaceFields`, so that every place of the product has one shape (a gazetteer can then offer the
units of every such field at once). A P-code is the country's ISO alpha-2 code then digits (``CF11``, ``CF1101``);
an admin-2 code starts with its admin-1 code.
"""

from __future__ import annotations

import re

from django.db import models
from django.utils.translation import gettext_lazy as _

PCODE_PATTERN = re.compile(r"^[A-Z]{2}[0-9]{1,9}$")


class PlaceFields(models.Model):
    """Admin 1 and admin 2 of a record of one operation. The model's ``clean`` adds :meth:`place_errors`."""

    admin1_name = models.CharField(_("admin 1 (region)"), max_length=100, blank=True)
    admin1_pcode = models.CharField(_("admin 1 P-code"), max_length=11, blank=True)
    admin2_name = models.CharField(_("admin 2 (district)"), max_length=100, blank=True)
    admin2_pcode = models.CharField(_("admin 2 P-code"), max_length=11, blank=True)

    class Meta:
        abstract = True

    @property
    def location(self) -> str:
        return ", ".join(part for part in (self.admin2_name, self.admin1_name) if part)

    def place_errors(self) -> dict:
        """Errors of the place fields by field name: codes of another country, of no country, or that disagree."""
        errors = {}
        operation = getattr(self, "operation", None) if getattr(self, "operation_id", None) else None
        country = operation.country.code if operation is not None else ""
        for field in ("admin1_pcode", "admin2_pcode"):
            value = getattr(self, field)
            if value and not PCODE_PATTERN.match(value):
                errors[field] = _("A P-code is the country's two capital letters then digits, e.g. CF11 or CF1101.")
            elif value and country and not value.startswith(country):
                errors[field] = _("P-codes of this operation start with %(country)s.") % {"country": country}
        if (
            self.admin1_pcode
            and self.admin2_pcode
            and "admin2_pcode" not in errors
            and not self.admin2_pcode.startswith(self.admin1_pcode)
        ):
            errors["admin2_pcode"] = _("The admin 2 P-code must start with its admin 1 P-code (%(pcode)s).") % {
                "pcode": self.admin1_pcode
            }
        if self.admin2_pcode and not self.admin1_pcode:
            errors["admin1_pcode"] = _("Give the admin 1 P-code of the district as well.")
        return errors


def place_help_texts(form, operation) -> None:
    """Examples of the operation's own P-codes under the place fields of ``form``."""
    if "admin1_pcode" in form.fields:
        form.fields["admin1_pcode"].help_text = _("e.g. %(code)s11") % {"code": operation.country.code}
    if "admin2_pcode" in form.fields:
        form.fields["admin2_pcode"].help_text = _("e.g. %(code)s1101") % {"code": operation.country.code}
