"""The vocabulary of access, shared by every app: sensitivity levels, membership roles and standings."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sensitivity(models.IntegerChoices):
    """Information sensitivity after the UN's ST/SGB/2007/6; a higher value is more restricted.

    The ordering matters: the access policy compares levels with ``<=``.
    """

    UNCLASSIFIED = 1, _("Unclassified")
    CONFIDENTIAL = 2, _("Confidential")
    STRICTLY_CONFIDENTIAL = 3, _("Strictly confidential")


class Role(models.TextChoices):
    """A person's role inside one country operation (a membership)."""

    OFFICER = "officer", _("CMCoord officer / focal point")
    HEAD = "head", _("Head of office")
    HCT = "hct", _("HCT member")


class Standing(models.TextChoices):
    """What a user is to one operation: a member in one of the :class:`Role` s, or a CMCS headquarters reader.

    The access policy is written per standing. The three member standings have the same values as the roles.
    """

    OFFICER = Role.OFFICER.value, Role.OFFICER.label
    HEAD = Role.HEAD.value, Role.HEAD.label
    HCT = Role.HCT.value, Role.HCT.label
    HQ = "hq", _("CMCS HQ reader")
