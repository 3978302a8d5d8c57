"""Where a record happened: an admin-1 and an admin-2 unit of the operation's country, each a name and a P-code.

Tasks carry the same four fields with the same rules (``protection_tasks.Task``); records added later take them
from :class:`PlaceFields`, so that every place of the product has one shape (a gazetteer can then offer the
units of every such field at once). A P-code is the country's ISO alpha-2 code then digits (``CF11``, ``CF1101``);
an admin-2 code starts with its admin-1 code.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .validators import PCODE_PATTERN, pcode_problem

__all__ = ["PCODE_PATTERN", "PlaceFields", "place_errors", "place_help_texts"]


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
        """Errors of the place fields by field name (:func:`place_errors`)."""
        return place_errors(self)


def place_errors(record) -> dict:
    """Errors of a record's four place fields by field name: codes of another country, of no country, or that
    disagree. Any model with the four fields (tasks too) calls it from its ``clean``."""
    errors = {}
    operation = getattr(record, "operation", None) if getattr(record, "operation_id", None) else None
    country = operation.country.code if operation is not None else ""
    for field in ("admin1_pcode", "admin2_pcode"):
        value = getattr(record, field)
        if value and (problem := pcode_problem(value, country)):
            errors[field] = problem
    if (
        record.admin1_pcode
        and record.admin2_pcode
        and "admin2_pcode" not in errors
        and not record.admin2_pcode.startswith(record.admin1_pcode)
    ):
        errors["admin2_pcode"] = _("The admin 2 P-code must start with its admin 1 P-code (%(pcode)s).") % {
            "pcode": record.admin1_pcode
        }
    if record.admin2_pcode and not record.admin1_pcode:
        errors["admin1_pcode"] = _("Give the admin 1 P-code of the district as well.")
    return errors


def place_help_texts(form, operation) -> None:
    """Examples of the operation's own P-codes under the place fields of ``form``."""
    if "admin1_pcode" in form.fields:
        form.fields["admin1_pcode"].help_text = _("e.g. %(code)s11") % {"code": operation.country.code}
    if "admin2_pcode" in form.fields:
        form.fields["admin2_pcode"].help_text = _("e.g. %(code)s1101") % {"code": operation.country.code}
