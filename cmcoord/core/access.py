"""Who may do what with which record: the one written access policy of the product. Nothing else decides.

Every record belongs to a country operation and carries a :class:`Sensitivity`. This module turns a user's
memberships and headquarters access into a database filter (a ``Q``) for an action. Every view, form
choice, filter, export, API route, dashboard and digest reaches data through ``restrict()`` on
:class:`cmcoord.core.scoping.ScopedQuerySet`, which calls :func:`scope_q` here; a question about one object
("may this user change this task?") goes through :func:`can`, which asks the same filter once per request.

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

Models do not decide their own visibility: each declares which :class:`ScopeRule` of this module applies to
it and the lookups the rule needs (``scope_operation_field``, ``scope_sensitivity_field``,
``scope_covered_by``; ``scope_content_type_field`` and ``scope_object_id_field`` for rows attached to a record).
This module imports no app: it reads memberships through the app registry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from django.apps import apps
from django.contrib.contenttypes.fields import GenericRelation
from django.db.models import Q

from .choices import Sensitivity, Standing


class Action(StrEnum):
    """What a user wants to do with records."""

    VIEW = "view"  # Read on a page (lists, details, search, dashboards' named items).
    CHANGE = "change"  # Create, edit or delete an operation's records (active operations only).
    MANAGE = "manage"  # Set up the operation itself: settings, members, protection priorities, local catalogue.
    API = "api"  # Read through the JSON API.
    EXPORT = "export"  # Carry out of the product in a file (CSV, XLSX, HXL), including cross-country exports.
    DIGEST = "digest"  # Name in a periodic HCT digest.
    COUNT = "count"  # Add to a number only, never shown by name.
    ARCHIVE = "archive"  # Read the digests an operation sent and who received them (operation staff).
    # Read and repair in the site administration (superusers, with no standing needed): see SITE_ADMINISTRATION.
    ADMINISTER = "administer"


class ScopeRule(StrEnum):
    """Which part of the policy decides a model's rows. A model names its rule; the rule lives here."""

    RECORD = "record"  # An operation's record with one or more sensitivity levels: the POLICY table.
    OPERATION = "operation"  # Belongs to an operation, no level (the operation itself): OPERATION_POLICY.
    SET_UP = "set-up"  # The operation's own set-up (members, priorities, local activities): changed under MANAGE.
    CATALOGUE = "catalogue"  # Shared reference rows (no operation) read by every signed-in user; own rows: SET_UP.
    # A catalogue without ``scope_operation_field`` (the P-code gazetteer) has shared rows only.
    COVERAGE = "coverage"  # Shared by the operations it covers (missions): seen and changed through any of them.
    ATTACHED = "attached"  # Belongs to another record through a generic relation (files): that record's rule decides.


#: Actions that change data, allowed only in active operations.
WRITE_ACTIONS = frozenset({Action.CHANGE, Action.MANAGE})

# The highest sensitivity each standing may reach for each action in an operation it belongs to.
# A standing that is missing for an action gets nothing.
POLICY: dict[Action, dict[Standing, Sensitivity]] = {
    Action.VIEW: {
        Standing.OFFICER: Sensitivity.STRICTLY_CONFIDENTIAL,
        Standing.HEAD: Sensitivity.STRICTLY_CONFIDENTIAL,
        Standing.HQ: Sensitivity.CONFIDENTIAL,
        Standing.HCT: Sensitivity.UNCLASSIFIED,
    },
    Action.CHANGE: {
        Standing.OFFICER: Sensitivity.STRICTLY_CONFIDENTIAL,
        Standing.HEAD: Sensitivity.STRICTLY_CONFIDENTIAL,
    },
    Action.API: {
        Standing.OFFICER: Sensitivity.CONFIDENTIAL,
        Standing.HEAD: Sensitivity.CONFIDENTIAL,
        Standing.HQ: Sensitivity.CONFIDENTIAL,
        Standing.HCT: Sensitivity.UNCLASSIFIED,
    },
    Action.EXPORT: {
        Standing.OFFICER: Sensitivity.CONFIDENTIAL,
        Standing.HEAD: Sensitivity.CONFIDENTIAL,
        Standing.HQ: Sensitivity.UNCLASSIFIED,
        Standing.HCT: Sensitivity.UNCLASSIFIED,
    },
    Action.DIGEST: {
        Standing.OFFICER: Sensitivity.UNCLASSIFIED,
        Standing.HEAD: Sensitivity.UNCLASSIFIED,
        Standing.HQ: Sensitivity.UNCLASSIFIED,
        Standing.HCT: Sensitivity.UNCLASSIFIED,
    },
    Action.COUNT: {
        Standing.OFFICER: Sensitivity.STRICTLY_CONFIDENTIAL,
        Standing.HEAD: Sensitivity.STRICTLY_CONFIDENTIAL,
        Standing.HQ: Sensitivity.STRICTLY_CONFIDENTIAL,
        Standing.HCT: Sensitivity.STRICTLY_CONFIDENTIAL,
    },
    # The site administration reads and repairs as a reader of every operation cleared for Unclassified only.
    Action.ADMINISTER: {Standing.HQ: Sensitivity.UNCLASSIFIED},
}
EVERY_STANDING = frozenset(Standing)
# Actions on an operation as a whole (it has no sensitivity): who may open it, work in it, manage it.
OPERATION_POLICY: dict[Action, frozenset[Standing]] = {
    Action.VIEW: EVERY_STANDING,
    Action.API: EVERY_STANDING,
    Action.EXPORT: EVERY_STANDING,
    Action.DIGEST: EVERY_STANDING,
    Action.COUNT: EVERY_STANDING,
    Action.CHANGE: frozenset({Standing.OFFICER, Standing.HEAD}),
    Action.MANAGE: frozenset({Standing.HEAD}),
    # The digests' archive names their recipients (HCT members' addresses): the operation's own staff only.
    Action.ARCHIVE: frozenset({Standing.OFFICER, Standing.HEAD}),
    Action.ADMINISTER: frozenset({Standing.HQ}),
}
# The set-up of an operation is read like the operation and changed only by who manages it.
SET_UP_ACTIONS: dict[Action, Action] = {Action.CHANGE: Action.MANAGE}


def standings_allowed(action: Action) -> frozenset[Standing]:
    """The standings that may perform ``action`` in an (active) operation, e.g. who may own tasks."""
    return OPERATION_POLICY[Action(action)]


NOTHING = Q(pk__in=[])
EVERYTHING = ~NOTHING


@dataclass(frozen=True)
class AccessProfile:
    """A user's standing in every operation, read once per request (two queries).

    ``answers`` memoises :func:`can` for the life of the profile, that is, of the request.
    """

    user_id: int | None
    roles: dict[int, str] = field(default_factory=dict)  # operation id -> role of the user's membership
    active: frozenset[int] = frozenset()  # ids of the active operations among ``roles``
    hq_all: bool = False  # HQ reader of every operation
    hq_operations: frozenset[int] = frozenset()  # HQ reader of these operations (when not hq_all)
    answers: dict = field(default_factory=dict, compare=False, hash=False, repr=False)
    audience: bool = False  # a standing's access with no user behind it (:func:`audience_access`)

    @property
    def is_anonymous(self) -> bool:
        return self.user_id is None and not self.audience

    @property
    def is_hq(self) -> bool:
        return self.hq_all or bool(self.hq_operations)

    def standing_in(self, operation_id: int) -> Standing | None:
        """The user's strongest standing in one operation: their membership role, else HQ, else None."""
        if operation_id in self.roles:
            return Standing(self.roles[operation_id])
        if self.hq_all or operation_id in self.hq_operations:
            return Standing.HQ
        return None

    def allows(self, action: Action, operation_id: int) -> bool:
        """May the user perform ``action`` on the operation as a whole (no query)?"""
        action = Action(action)
        if action in WRITE_ACTIONS and operation_id not in self.active:
            return False
        return self.standing_in(operation_id) in OPERATION_POLICY[action]

    def _member_operations(self, action: Action) -> dict[Standing, set[int]]:
        by_standing: dict[Standing, set[int]] = {}
        for operation_id, role in self.roles.items():
            if action in WRITE_ACTIONS and operation_id not in self.active:
                continue
            by_standing.setdefault(Standing(role), set()).add(operation_id)
        return by_standing

    def operation_q(self, action: Action, field_name: str = "pk") -> Q:
        """Filter for the operations themselves (``field_name`` leads to the operation's primary key)."""
        action = Action(action)
        allowed = OPERATION_POLICY[action]
        if Standing.HQ in allowed and self.hq_all:
            return EVERYTHING
        ids = {i for standing, ids in self._member_operations(action).items() if standing in allowed for i in ids}
        if Standing.HQ in allowed:
            ids |= self.hq_operations
        return _in(field_name, sorted(ids))

    def record_q(self, action: Action, operation_field: str, sensitivity_fields: tuple[str, ...]) -> Q:
        """Filter for records that carry an operation and one or more sensitivity levels.

        Every level in ``sensitivity_fields`` must be within the standing's ceiling: a record that shows another
        record (a contact its actor, a relationship both its actors) is never more visible than either. A user
        with two standings in one operation (member and HQ reader) gets the wider of the two.
        Operations with the same ceiling share one branch, so the filter stays short however many operations
        the user belongs to; an HQ reader of every operation gets no operation list at all.
        """
        action = Action(action)
        ceilings = POLICY.get(action, {})
        by_ceiling: dict[Sensitivity, set[int]] = {}
        for standing, ids in self._member_operations(action).items():
            if standing in ceilings:
                by_ceiling.setdefault(ceilings[standing], set()).update(ids)
        allowed = NOTHING
        hq_ceiling = ceilings.get(Standing.HQ)
        if hq_ceiling is not None and self.hq_all:
            # Member operations with a ceiling at or below HQ's add nothing to "every operation up to HQ's level".
            allowed = _within(sensitivity_fields, hq_ceiling)
            by_ceiling = {level: ids for level, ids in by_ceiling.items() if level > hq_ceiling}
        elif hq_ceiling is not None and self.hq_operations:
            by_ceiling.setdefault(hq_ceiling, set()).update(self.hq_operations)
        for level, ids in sorted(by_ceiling.items()):
            if ids:
                allowed |= _in(operation_field, sorted(ids)) & _within(sensitivity_fields, level)
        return allowed


def _in(field_name: str, ids: list[int]) -> Q:
    if not ids:
        return NOTHING
    if len(ids) == 1:
        return Q(**{field_name: ids[0]})
    return Q(**{f"{field_name}__in": ids})


def _within(sensitivity_fields: tuple[str, ...], ceiling: Sensitivity) -> Q:
    """Every level at or below ``ceiling``; no predicate at all where the ceiling is the highest level."""
    if ceiling >= max(Sensitivity):
        return EVERYTHING
    return Q(**{f"{name}__lte": ceiling for name in sensitivity_fields})


ANONYMOUS = AccessProfile(user_id=None)
_CACHE_ATTRIBUTE = "_cmcoord_access_profile"


def audience_access(operation, standing: Standing | str) -> AccessProfile:
    """The access of anyone with ``standing`` in ``operation`` and no other standing: what a digest written for
    an audience (the HCT, the operation's staff, HQ readers) may show, whoever ends up reading it.

    Pass it wherever a user goes (``restrict(profile, action)``, ``can``): the same policy answers, once for the
    whole audience instead of once per recipient. ``operation`` is a country operation (or its primary key).
    """
    standing = Standing(standing)
    operation_id = getattr(operation, "pk", operation)
    is_active = getattr(operation, "is_active", True)
    if standing is Standing.HQ:
        return AccessProfile(user_id=None, hq_operations=frozenset({operation_id}), audience=True)
    return AccessProfile(
        user_id=None,
        roles={operation_id: standing.value},
        active=frozenset({operation_id}) if is_active else frozenset(),
        audience=True,
    )


#: The site administration's access: every operation, through the ``ADMINISTER`` row of the policy (Unclassified
#: records only). A superuser's own standings play no part in it, and it grants nothing on the product's pages.
SITE_ADMINISTRATION = AccessProfile(user_id=None, hq_all=True, audience=True)


def _administers(profile: AccessProfile) -> bool:
    """The site administration's profile performs ``ADMINISTER`` and nothing else; no user's profile performs it."""
    return profile is SITE_ADMINISTRATION


def ceiling(action: Action | str, standing: Standing | str) -> Sensitivity | None:
    """The highest level ``standing`` reaches for ``action`` in its operation; None where it reaches nothing."""
    return POLICY.get(Action(action), {}).get(Standing(standing))


def access_for(user) -> AccessProfile:
    """The user's :class:`AccessProfile`, computed once per user object (that is, once per request).

    Inactive and anonymous users get nothing. Superusers get no data by being superusers: site
    administrators configure the product in the admin and see records only through a membership.
    An :class:`AccessProfile` passed instead of a user (an audience's, see :func:`audience_access`) is its own.
    """
    if isinstance(user, AccessProfile):
        return user
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    membership = apps.get_model("operations", "Membership")
    hq_access = apps.get_model("operations", "HeadquartersAccess")
    roles, active = {}, set()
    for operation_id, role, is_active in membership.objects.filter(user_id=user.pk).values_list(
        "operation_id", "role", "operation__is_active"
    ):
        roles[operation_id] = role
        if is_active:
            active.add(operation_id)
    hq_all, hq_operations = False, set()
    hq = hq_access.objects.filter(user_id=user.pk).first()
    if hq is not None:
        hq_all = hq.all_operations
        if not hq_all:
            hq_operations = set(hq.operations.values_list("pk", flat=True))
    profile = AccessProfile(
        user_id=user.pk, roles=roles, active=frozenset(active), hq_all=hq_all, hq_operations=frozenset(hq_operations)
    )
    setattr(user, _CACHE_ATTRIBUTE, profile)
    return profile


def use_profile(user, profile: AccessProfile) -> None:
    """Make ``profile`` the user's access for the rest of the request (a token narrows its owner's: accounts)."""
    setattr(user, _CACHE_ATTRIBUTE, profile)


def sensitivity_fields(model) -> tuple[str, ...]:
    fields = model.scope_sensitivity_field
    if fields is None:
        return ()
    return (fields,) if isinstance(fields, str) else tuple(fields)


def _rule_of(model) -> ScopeRule:
    if model.scope_rule is not None:
        return ScopeRule(model.scope_rule)
    return ScopeRule.RECORD if model.scope_sensitivity_field else ScopeRule.OPERATION


def scope_q(model, user, action: Action | str = Action.VIEW, *, through: str = "") -> Q:
    """The filter a model's rows must pass for ``user`` to perform ``action`` on them.

    ``through`` names the relation from another model to ``model`` (e.g. ``"task"`` from a task's link rows):
    the same filter, written on that model, so a grouped count over the links needs no ``IN (subquery)``.
    """
    if through:
        return _prefixed(scope_q(model, user, action), f"{through}__")
    profile = access_for(user)
    action = Action(action)
    if profile.is_anonymous or _administers(profile) != (action is Action.ADMINISTER):
        return NOTHING
    rule = _rule_of(model)
    if rule is ScopeRule.RECORD:
        return profile.record_q(action, model.scope_operation_field, sensitivity_fields(model))
    if rule is ScopeRule.OPERATION:
        return profile.operation_q(action, model.scope_operation_field)
    if rule is ScopeRule.SET_UP:
        return profile.operation_q(SET_UP_ACTIONS.get(action, action), model.scope_operation_field)
    if rule is ScopeRule.CATALOGUE:
        if not model.scope_operation_field:  # shared rows only (the gazetteer): every signed-in user reads them
            return NOTHING if action in WRITE_ACTIONS else EVERYTHING
        own = profile.operation_q(SET_UP_ACTIONS.get(action, action), model.scope_operation_field)
        if action in WRITE_ACTIONS:
            return own  # nobody changes the shared catalogue in the product (it ships as data)
        return own | Q(**{f"{model.scope_operation_field}__isnull": True})
    if rule is ScopeRule.ATTACHED:
        return _attached_q(model, profile, user, action)
    # COVERAGE: a row is reachable through any operation it covers where the user may perform the action.
    covered = model._base_manager.filter(profile.operation_q(action, model.scope_covered_by))
    return Q(pk__in=covered.values("pk"))


def attachable_models(model) -> list:
    """The models whose records ``model``'s rows may belong to: those declaring a ``GenericRelation`` to it.

    A record type opts in by declaring the relation (which also deletes its rows with the record); nothing else
    lists them, so the rule below and the upload view cannot disagree about which records take attachments.
    """
    return [
        candidate
        for candidate in apps.get_models()
        if any(
            isinstance(relation, GenericRelation) and relation.related_model is model
            for relation in candidate._meta.private_fields
        )
    ]


def _attached_q(model, profile: AccessProfile, user, action: Action) -> Q:
    """Rows of ``model`` (rule ``ATTACHED``) whose record ``user`` may perform ``action`` on, and nothing more.

    The model names its generic relation's fields (``scope_content_type_field``, ``scope_object_id_field``) and
    the operation it belongs to; the record's own rule decides, so an attachment is never more visible, or more
    changeable, than its record. The operation condition repeats what the record's rule implies, as an indexable
    predicate of the attachment's own table.
    """
    content_types = apps.get_model("contenttypes", "ContentType").objects
    allowed = NOTHING
    for parent in attachable_models(model):
        records = parent._base_manager.filter(scope_q(parent, user, action)).values("pk")
        allowed |= Q(
            **{
                model.scope_content_type_field: content_types.get_for_model(parent).pk,
                f"{model.scope_object_id_field}__in": records,
            }
        )
    if allowed is NOTHING:
        return NOTHING
    return profile.operation_q(action, model.scope_operation_field) & allowed


def _prefixed(condition: Q, prefix: str) -> Q:
    """``condition`` with every lookup behind ``prefix`` (``pk`` becomes the relation itself)."""
    rewritten = Q()
    rewritten.connector, rewritten.negated = condition.connector, condition.negated
    for child in condition.children:
        if isinstance(child, Q):
            rewritten.children.append(_prefixed(child, prefix))
        else:
            lookup, value = child
            lookup = prefix.rstrip("_") if lookup == "pk" else f"{prefix}{lookup}".replace("__pk__", "__")
            rewritten.children.append((lookup, value))
    return rewritten


def can(user, action: Action | str, obj) -> bool:
    """May ``user`` perform ``action`` on ``obj`` (a scoped record, or a country operation)?

    Answered by the same filter as ``restrict()``; the answer is kept for the rest of the request, so a view,
    its panels and its templates asking the same question cost one query together (none for an operation).
    """
    profile = access_for(user)
    action = Action(action)
    if profile.is_anonymous or obj is None or obj.pk is None:
        return False
    if _administers(profile) != (action is Action.ADMINISTER):
        return False
    model = type(obj)
    if _rule_of(model) is ScopeRule.OPERATION and model.scope_operation_field == "pk":
        return profile.allows(action, obj.pk)
    key = (model._meta.label_lower, obj.pk, action)
    if key not in profile.answers:
        profile.answers[key] = model._base_manager.filter(scope_q(model, user, action), pk=obj.pk).exists()
    return profile.answers[key]
