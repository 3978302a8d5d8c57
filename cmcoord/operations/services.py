"""Writes of the operations app: membership rules live here, whichever view or command changes members."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cmcoord.core.access import Action, can
from cmcoord.core.choices import Role
from cmcoord.core.scoping import OutOfScope, save_within_scope

from .models import Membership


def member_is_replaceable_head(member: Membership) -> bool:
    """True when another head of office remains if ``member`` stops being one."""
    return Membership.objects.filter(operation_id=member.operation_id, role=Role.HEAD).exclude(pk=member.pk).exists()


def membership_check_role_change(*, member: Membership, role: str) -> None:
    """Refuse a change that would leave the operation without a head of office."""
    if member.role == Role.HEAD and role != Role.HEAD and not member_is_replaceable_head(member):
        raise ValidationError(_("The operation needs at least one head of office."), code="last_head")


def membership_remove(*, user, member: Membership) -> None:
    """Remove ``member`` from their operation, as ``user`` (who must manage it); never the last head of office.

    The check and the delete run under a row lock on the operation's heads, so two heads removing each other
    at the same moment cannot leave the operation with none.
    """
    with transaction.atomic():
        heads = list(
            Membership.objects.select_for_update()
            .filter(operation_id=member.operation_id, role=Role.HEAD)
            .values_list("pk", flat=True)
        )
        if not can(user, Action.MANAGE, member):
            raise OutOfScope(_("You cannot change the members of this operation."))
        if member.role == Role.HEAD and set(heads) <= {member.pk}:
            raise ValidationError(_("The operation needs at least one head of office."), code="last_head")
        member.delete()


def membership_add(*, user, operation, person, role: str) -> Membership:
    """Add ``person`` to ``operation`` with ``role``, as ``user`` (who must manage the operation)."""
    member = Membership(user=person, operation=operation, role=role)
    member.full_clean()
    save_within_scope(user, member, action=Action.MANAGE)
    return member


def membership_change_role(*, user, member: Membership, role: str) -> Membership:
    """Give ``member`` another role, as ``user``; never leaves the operation without a head of office."""
    with transaction.atomic():
        list(Membership.objects.select_for_update().filter(operation_id=member.operation_id, role=Role.HEAD))
        stored = Membership.objects.get(pk=member.pk)
        membership_check_role_change(member=stored, role=role)
        member.role = role
        save_within_scope(user, member, save=lambda: member.save(update_fields=["role"]), action=Action.MANAGE)
    return member
