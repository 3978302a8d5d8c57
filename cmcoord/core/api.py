"""Base classes of the JSON API: every route reads through ``restrict(user, "api")``; an edit names the version it
starts from (``If-Match`` or ``version``), and a record's answers carry it as their ``ETag``."""

import re
from contextlib import contextmanager
from contextvars import ContextVar

from django.dispatch import receiver
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import pagination, status, viewsets
from rest_framework.exceptions import APIException, NotFound, ValidationError
from simple_history.signals import pre_create_historical_record

from cmcoord.core.access import Action
from cmcoord.core.inputs import ASCII_INTEGER, INTEGER_MESSAGE


def detail_response(description: str) -> OpenApiResponse:
    """An answer of the schema that carries one message: ``{"detail": "…"}``."""
    return OpenApiResponse(
        {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]},
        description=description,
    )


FIELD_ERRORS = OpenApiResponse(
    {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    description="Invalid input: the messages by field (non_field_errors for the record as a whole).",
)
NOT_SIGNED_IN = detail_response("No valid token and no session: the WWW-Authenticate header says how to sign in.")
THROTTLED = detail_response("Too many requests for this token or person: the Retry-After header says when to retry.")
NOT_FOUND = detail_response("No such record among those the user may read through the API (or a bad page cursor).")


class ApiSchema(AutoSchema):
    """The schema of a route, with the answers every route may give besides its own: 401 and 429 on every
    operation, 404 on a record's address, 400 on a filtered list (a filter's value it does not take)."""

    def get_override_parameters(self):
        """A record's address names it by its id: a whole number (the route's pattern takes digits only)."""
        parameters = super().get_override_parameters()
        if "{id}" in self.path and getattr(self.view, "lookup_field", "pk") == "pk":
            parameters = [OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH), *parameters]
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        common = {"401": NOT_SIGNED_IN, "429": THROTTLED}
        if "{" in self.path:
            common["404"] = NOT_FOUND
        elif self.method == "GET":
            common["400"] = FIELD_ERRORS
        for code, answer in common.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(answer, code, direction=direction)
        return responses


class ScopedReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """A read-only API route over a scoped model. Out-of-scope objects answer 404, as on the pages."""

    scope_action = Action.API
    schema = ApiSchema()

    def get_queryset(self):
        return super().get_queryset().restrict(self.request.user, self.scope_action)


class KeysetPagination(pagination.CursorPagination):
    """Pages by position in primary-key order: each page is an index range scan, whatever its depth, with no
    count of the whole result; rows added while a client pages appear once, on a later page."""

    ordering = ("pk",)
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request):
        """``page_size`` in ASCII digits, or a 400 saying so (Python's ``int`` takes other scripts' digits, ``+50``)."""
        raw = request.query_params.get(self.page_size_query_param)
        if raw is not None and raw.strip() and not ASCII_INTEGER.fullmatch(raw.strip()):
            raise ValidationError({self.page_size_query_param: [str(INTEGER_MESSAGE)]})
        return super().get_page_size(request)

    def decode_cursor(self, request):
        """A cursor whose position is not a key in ASCII digits was not made here: 404, as any other bad cursor."""
        cursor = super().decode_cursor(request)
        if cursor is not None and cursor.position is not None and not ASCII_INTEGER.fullmatch(cursor.position):
            raise NotFound(self.invalid_cursor_message)
        return cursor


class PreconditionRequired(APIException):
    """428: an edit that does not say which version of the record it starts from (it could undo a change it never
    saw)."""

    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = _(
        'Say which version of the record this edit starts from: "version" in the body, or an If-Match header with '
        'the ETag the record was read with (e.g. If-Match: "3").'
    )
    default_code = "precondition_required"


MAX_VERSION = 2**31 - 1
# The ETag as read: a compressed answer's is marked weak by Django's GZipMiddleware (W/"3"); the version is the same.
IF_MATCH = re.compile(r'\s*(?:W/)?"?([0-9]{1,10})"?\s*')


def etag(version: int) -> str:
    """A record's ETag: its version, quoted (a strong validator: every save raises the version)."""
    return f'"{version}"'


def expected_version(request, body: dict) -> int:
    """The version an edit starts from: ``version`` in the JSON ``body`` (taken out of it) or the ``If-Match``
    header (``"3"``); both may be sent if they agree. 428 when neither is, 400 when one is not a version."""
    versions = []
    if "version" in body:
        version = body.pop("version")
        if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= MAX_VERSION:
            raise ValidationError({"version": [_("A version is a whole number: the record's “version” as read.")]})
        versions.append(version)
    header = request.headers.get("If-Match")
    if header is not None:
        match = IF_MATCH.fullmatch(header)
        if header.strip() == "*":
            raise PreconditionRequired(_('If-Match must name the version this edit starts from (e.g. "3"), not *.'))
        if match is None or not 1 <= int(match[1]) <= MAX_VERSION:
            raise ValidationError({"If-Match": [_('One ETag, as the record was read with it (e.g. "3").')]})
        versions.append(int(match[1]))
    if not versions:
        raise PreconditionRequired
    if len(set(versions)) > 1:
        raise ValidationError({"version": [_("The version in the body and the one in If-Match differ.")]})
    return versions[0]


# --- Who wrote: the token a write came through, named in the history of everything it saved -------------------

_CHANGE_REASON: ContextVar[str | None] = ContextVar("api_change_reason", default=None)
REASON_LENGTH = 100  # the history's change reason column


def token_reason(request) -> str | None:
    """What the history says of a write made with a personal token ("API token “Power BI”"); None without one."""
    token = getattr(getattr(request, "_request", request), "api_token", None)
    if token is None:
        return None
    return (gettext("API token “%(name)s”") % {"name": token.name})[:REASON_LENGTH]


@contextmanager
def attributed(request):
    """Within it, every history row the request's writes make (the record, its timeline entries, its links, what a
    service saves beside it) names the token the request came with, beside its owner (the history's user)."""
    handle = _CHANGE_REASON.set(token_reason(request))
    try:
        yield
    finally:
        _CHANGE_REASON.reset(handle)


@receiver(pre_create_historical_record, dispatch_uid="cmcoord.core.api.name_the_token")
def _name_the_token(sender, history_instance, **kwargs):
    reason = _CHANGE_REASON.get()
    if reason is not None and not history_instance.history_change_reason:
        history_instance.history_change_reason = reason
