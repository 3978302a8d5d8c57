"""The outbox (``static/js/outbox.js``): a form submitted without a connection is queued on the device and sent
later through the write API. A page says where each of its forms goes in the API (``target``); the template tag
``{% draft_form … outbox=… %}`` writes it on the form, so that no address of the API is written in a script.

A target is the API route's address, its method (POST for a new record or an action, PATCH for an edit, which
sends the version the form was opened at), and the fields the route takes besides the form's (the operation's
code of a new record; ``after``: the field that names the record of the entry queued before it, as a follow-up
names the engagement queued with it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse

from cmcoord.core.offline import PARALLEL, parallel_sends  # noqa: F401 - the outbox's figures, read here too


@dataclass(frozen=True)
class Target:
    route: str
    method: str = "POST"
    extra: dict = field(default_factory=dict)
    after: str = ""  # the body field that takes the id of the record the entry before it created
    versioned: bool = False  # an edit: sent with the version the form was opened at (If-Match)


def target(
    route_name: str, *, method: str = "POST", extra=None, after: str = "", versioned: bool | None = None, **kwargs
) -> Target | None:
    """The target of a form, from the API route's name and arguments; None where the API has no such route. An
    edit (PATCH) is sent with the version the form was opened at, and so is an action that moves only the record as
    it was shown (``versioned``: a task's status buttons, a party's answer)."""
    try:
        route = reverse(route_name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None
    versioned = method == "PATCH" if versioned is None else versioned
    return Target(route=route, method=method, extra=dict(extra or {}), after=after, versioned=versioned)


def record_target(record_type, operation, record=None) -> Target | None:
    """Where a record kit type's create or edit form goes in the API: its own route, where it takes the operation's
    code as the only field besides the form's (types with other parents, an actor's assessment, are not queued)."""
    from cmcoord.records.api import FormWriteViewSet

    if not record_type.api_prefix or record_type.form is None:
        return None
    viewset = record_type.viewset
    if getattr(viewset, "create_form_kwargs", None) is not FormWriteViewSet.create_form_kwargs:
        return None
    if record is None:
        return target(f"{record_type.api_basename}-list", extra={"operation": operation.code})
    return target(f"{record_type.api_basename}-detail", method="PATCH", pk=record.pk)
