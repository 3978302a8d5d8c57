"""Who may do what with which record: the one written access policy of the product.

Every record belongs to a country operation and carries a :class:`Sensitivity`. This module turns a user's
memberships and headquarters access into a database filter (a ``Q``) for an action. Every view, form
choice, export, API route, dashboard and digest reaches data through ``restrict()`` on
:class:`cmcoord.operations.scoping.ScopedQuerySet`, which calls :func:`scope_q` here. Nothing else decides.

The table (DOMAIN.md, "Who sees what"):

=====================  ======================  ==============  ==================  ============
level                  officers and head       HQ (CMCS)       HCT members         anyone else
=====================  ======================  ==============  ==================  ============
Unclassified           read, change            read; exports   read; digests       nothing
Confidential           read, change            read            counts only         nothing
Strictly confidential  read, change            counts only     counts only         nothing
=====================  ======================  ==============  ==================  ============

Strictly confidential records never leave the operation: no export, digest or API answer carries them,
not even to the operation's own officers (they read them in the browser only).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import Q

from .choices import Role, Sensitivity

HQ = "hq"  # Pseudo-role: CMCS headquarters reader of an operation (HeadquartersAccess, not a Membership).


class Action(StrEnum):
    """What a user wants to do with records."""

    VIEW = "view"  # Read on a page (lists, details, search, dashboards' named items).
    CHANGE = "change"  # Create, edit or delete.
    API = "api"  # Read through the JSON API.
    EXPORT = "export"  # Carry out of the product in a file (CSV, XLSX, HXL), including cross-country exports.
    DIGEST = "digest"  # Name in a periodic HCT digest.
    COUNT = "count"  # Add to a number only, never shown by name.


S = Sensitivity
# The highest sensitivity each role may reach for each action in an operation it belongs to.
# A role that is missing for an action gets nothing. Change is further limited to active operations.
POLICY: dict[Action, dict[str, Sensitivity]] = {
    Action.VIEW: {
        Role.OFFICER: S.STRICTLY_CONFIDENTIAL,
        Role.HEAD: S.STRICTLY_CONFIDENTIAL,
        HQ: S.CONFIDENTIAL,
        Role.HCT: S.UNCLASSIFIED,
    },
    Action.CHANGE: {Role.OFFICER: S.STRICTLY_CONFIDENTIAL, Role.HEAD: S.STRICTLY_CONFIDENTIAL},
    Action.API: {Role.OFFICER: S.CONFIDENTIAL, Role.HEAD: S.CONFIDENTIAL, HQ: S.CONFIDENTIAL, Role.HCT: S.UNCLASSIFIED},
    Action.EXPORT: {
        Role.OFFICER: S.CONFIDENTIAL,
        Role.HEAD: S.CONFIDENTIAL,
        HQ: S.UNCLASSIFIED,
        Role.HCT: S.UNCLASSIFIED,
    },
    Action.DIGEST: {
        Role.OFFICER: S.UNCLASSIFIED,
        Role.HEAD: S.UNCLASSIFIED,
        HQ: S.UNCLASSIFIED,
        Role.HCT: S.UNCLASSIFIED,
    },
    Action.COUNT: {
        Role.OFFICER: S.STRICTLY_CONFIDENTIAL,
        Role.HEAD: S.STRICTLY_CONFIDENTIAL,
        HQ: S.STRICTLY_CONFIDENTIAL,
        Role.HCT: S.STRICTLY_CONFIDENTIAL,
    },
}
# Actions on the operation itself (it has no sensitivity): who may open it, and who may manage it.
OPERATION_POLICY: dict[Action, frozenset[str]] = {
    Action.VIEW: frozenset({Role.OFFICER, Role.HEAD, Role.HCT, HQ}),
    Action.API: frozenset({Role.OFFICER, Role.HEAD, Role.HCT, HQ}),
    Action.EXPORT: frozenset({Role.OFFICER, Role.HEAD, Role.HCT, HQ}),
    Action.DIGEST: frozenset({Role.OFFICER, Role.HEAD, Role.HCT, HQ}),
    Action.COUNT: frozenset({Role.OFFICER, Role.HEAD, Role.HCT, HQ}),
    Action.CHANGE: frozenset({Role.HEAD}),
}
# Which roles may create and edit records inside an (active) operation.
EDITOR_ROLES = frozenset({Role.OFFICER, Role.HEAD})

NOTHING = Q(pk__in=[])


@dataclass(frozen=True)
class AccessProfile:
    """A user's standing in every operation, read once per request (two queries)."""

    user_id: int | None
    roles: dict[int, str] = field(default_factory=dict)  # operation id -> Role of the user's Membership
    active: frozenset[int] = frozenset()  # ids of the active operations among ``roles``
    hq_all: bool = False  # HQ reader of every operation
    hq_operations: frozenset[int] = frozenset()  # HQ reader of these operations (when not hq_all)

    @property
    def is_anonymous(self) -> bool:
        return self.user_id is None

    @property
    def is_hq(self) -> bool:
        return self.hq_all or bool(self.hq_operations)

    def role_in(self, operation_id: int) -> str | None:
        """The user's strongest standing in one operation: their membership role, else HQ, else None."""
        if operation_id in self.roles:
            return self.roles[operation_id]
        if self.hq_all or operation_id in self.hq_operations:
            return HQ
        return None

    def can_edit_in(self, operation_id: int) -> bool:
        """May the user create and edit records in this operation (an active one)?"""
        return self.roles.get(operation_id) in EDITOR_ROLES and operation_id in self.active

    def editable_operation_ids(self) -> list[int]:
        """Operations in which the user may create and edit records."""
        return sorted(operation_id for operation_id in self.roles if self.can_edit_in(operation_id))

    def can_manage(self, operation_id: int) -> bool:
        """May the user manage the operation itself (members, priorities, settings)?"""
        return self.roles.get(operation_id) == Role.HEAD and operation_id in self.active

    def _operations_by_role(self, action: Action) -> dict[str, set[int]]:
        by_role: dict[str, set[int]] = {}
        for operation_id, role in self.roles.items():
            if action is Action.CHANGE and operation_id not in self.active:
                continue
            by_role.setdefault(role, set()).add(operation_id)
        return by_role

    def operation_q(self, action: Action, field_name: str = "pk") -> Q:
        """Filter for the operations themselves (``field_name`` leads to the operation's primary key)."""
        allowed = OPERATION_POLICY[Action(action)]
        q = NOTHING
        for role, ids in self._operations_by_role(Action(action)).items():
            if role in allowed:
                q |= Q(**{f"{field_name}__in": sorted(ids)})
        if HQ in allowed:
            if self.hq_all:
                return ~NOTHING
            if self.hq_operations:
                q |= Q(**{f"{field_name}__in": sorted(self.hq_operations)})
        return q

    def record_q(self, action: Action, operation_field: str, sensitivity_fields: tuple[str, ...]) -> Q:
        """Filter for records that carry an operation and one or more sensitivity levels.

        Every level in ``sensitivity_fields`` must be within the role's ceiling: a record that shows another
        record (a contact its actor, a relationship both its actors) is never more visible than either.
        """
        ceilings = POLICY[Action(action)]
        q = NOTHING
        for role, ids in self._operations_by_role(Action(action)).items():
            if role in ceilings:
                q |= Q(**{f"{operation_field}__in": sorted(ids)}, **_within(sensitivity_fields, ceilings[role]))
        if HQ in ceilings:
            hq_level = _within(sensitivity_fields, ceilings[HQ])
            if self.hq_all:
                q |= Q(**hq_level)
            elif self.hq_operations:
                q |= Q(**{f"{operation_field}__in": sorted(self.hq_operations)}, **hq_level)
        return q


def _within(sensitivity_fields: tuple[str, ...], ceiling: Sensitivity) -> dict:
    return {f"{name}__lte": ceiling for name in sensitivity_fields}


ANONYMOUS = AccessProfile(user_id=None)
_CACHE_ATTRIBUTE = "_cmcoord_access_profile"


def access_for(user) -> AccessProfile:
    """The user's :class:`AccessProfile`, computed once per user object (that is, once per request).

    Inactive and anonymous users get nothing. Superusers get no data by being superusers: site
    administrators configure the product in the admin and see records only through a membership.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    from .models import HeadquartersAccess, Membership

    roles, active = {}, set()
    for operation_id, role, is_active in Membership.objects.filter(user_id=user.pk).values_list(
        "operation_id", "role", "operation__is_active"
    ):
        roles[operation_id] = role
        if is_active:
            active.add(operation_id)
    hq_all, hq_operations = False, set()
    hq = HeadquartersAccess.objects.filter(user_id=user.pk).first()
    if hq is not None:
        hq_all = hq.all_operations
        if not hq_all:
            hq_operations = set(hq.operations.values_list("pk", flat=True))
    profile = AccessProfile(
        user_id=user.pk, roles=roles, active=frozenset(active), hq_all=hq_all, hq_operations=frozenset(hq_operations)
    )
    setattr(user, _CACHE_ATTRIBUTE, profile)
    return profile


def scope_q(model, user, action: Action | str = Action.VIEW) -> Q:
    """The filter a model's records must pass for ``user`` to perform ``action`` on them."""
    profile = access_for(user)
    action = Action(action)
    if profile.is_anonymous:
        return NOTHING
    fields = model.scope_sensitivity_field
    if fields is None:
        return profile.operation_q(action, model.scope_operation_field)
    return profile.record_q(
        action, model.scope_operation_field, (fields,) if isinstance(fields, str) else tuple(fields)
    )
