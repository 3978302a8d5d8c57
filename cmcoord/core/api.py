"""Base classes of the JSON API: every route reads through ``restrict(user, "api")``; an edit names the version it
starts from (``If-Match`` or ``version``), and a record's answers carry it as their ``ETag``."""

import re
from contextlib import contextmanager
from contextvars import ContextVar

import django_filters
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.dispatch import receiver
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import pagination, status, viewsets
from rest_framework.exceptions import APIException, NotFound, ValidationError
from rest_framework.fields import empty
from simple_history.signals import pre_create_historical_record

from cmcoord.core.access import Action
from cmcoord.core.inputs import ASCII_INTEGER, INTEGER_MESSAGE
from cmcoord.core.middleware import MAX_DIGITS, MAX_VALUE_LENGTH
from cmcoord.core.pagination import MAX_ID, single_value
from cmcoord.core.validators import OPERATION_CODE, validate_operation_code


def detail_response(description: str) -> OpenApiResponse:
    """An answer of the schema that carries one message: ``{"detail": "…"}``."""
    return OpenApiResponse(
        {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]},
        description=description,
    )


FIELD_ERRORS = OpenApiResponse(
    {
        "type": "object",
        "properties": {"detail": {"type": "string"}},
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
    },
    description="Invalid input: the messages by field (non_field_errors for the record as a whole), or one detail "
    "for the request as a whole (a query parameter no route can use, a body that is not JSON, a bad Idempotency-Key).",
)
NOT_SIGNED_IN = detail_response("No valid token and no session: the WWW-Authenticate header says how to sign in.")
THROTTLED = detail_response("Too many requests for this token or person: the Retry-After header says when to retry.")
NOT_FOUND = detail_response("No such record among those the user may read through the API (or a bad page cursor).")
NOT_ACCEPTABLE = detail_response("The Accept header names no type the API answers in (JSON).")


def _may_be_null(field) -> bool:
    """Whether a read-only serializer field may answer null: a default of None, or a dotted source through a
    nullable relation of its serializer's model."""
    if getattr(field, "default", empty) is None:
        return True
    model = getattr(getattr(getattr(field, "parent", None), "Meta", None), "model", None)
    steps = field.source.split(".") if isinstance(getattr(field, "source", None), str) else []
    for step in steps[:-1]:
        try:
            relation = model._meta.get_field(step)
        except (AttributeError, FieldDoesNotExist):
            return False
        if relation.null:
            return True
        model = relation.related_model
    return False


class ApiSchema(AutoSchema):
    """The schema of a route, with the answers every route may give besides its own: 400 (a query parameter no
    route can use, refused before any view sees it; on a list, a filter's value it does not take), 401, 406 and 429
    on every operation, 404 on a record's address and on a list (a page cursor not made here)."""

    def get_override_parameters(self):
        """A record's address names it by its id: a whole number (the route's pattern takes digits only)."""
        parameters = super().get_override_parameters()
        if "{id}" in self.path and getattr(self.view, "lookup_field", "pk") == "pk":
            parameters = [OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH), *parameters]
        return parameters

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        """A read-only field that answers null (its default is None, or its source passes through a relation that
        may be empty: ``mission.acronym`` of a record without a mission) is nullable in the schema."""
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if field.read_only and _may_be_null(field) and isinstance(schema, dict):
            schema["nullable"] = True
        return schema

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        common = {"400": FIELD_ERRORS, "401": NOT_SIGNED_IN, "404": NOT_FOUND, "406": NOT_ACCEPTABLE, "429": THROTTLED}
        for code, answer in common.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(answer, code, direction=direction)
        return responses


# What every query parameter's value must be (cmcoord.core.middleware refuses the rest with a 400 before any view
# sees it), and the forms' dates: written YYYY-MM-DD, in the years 2000 to 2100 (cmcoord.core.inputs).
MAX_RECORD_ID = 10**18 - 1  # what an id filter takes (cmcoord.core.inputs.ASCII_IDENTIFIER)
QUERY_TEXT = {"maxLength": MAX_VALUE_LENGTH, "pattern": "^[^\\x00]*$"}
QUERY_TEXT_HELP = f"At most {MAX_VALUE_LENGTH} characters, no NUL, no run of more than {MAX_DIGITS} digits."
ISO_DATE_2000_2100 = "^(20[0-9]{2}|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
DATE_HELP = "A date as YYYY-MM-DD, from 2000-01-01 to 2100-12-31."
CHECKBOX_HELP = "true (or on) or false."
YES_NO_HELP = "true or false; unknown (or empty): either."
OPERATION_CODE_HELP = "An operation's code: the country's three-letter ISO code, e.g. CAF (any case)."
ID_HELP = "The id of a record the user may see; another id (or one they may not see) answers 400."


class StrictFilterExtension(DjangoFilterExtension):
    """The filters' parameters as the FilterSets take them (:mod:`cmcoord.core.filters`, ``cmcoord.core.inputs``):
    dates YYYY-MM-DD in 2000 to 2100, a yes / no filter true, false or unknown, an operation by its three-letter code,
    a record by an id the user may see, text within what every query parameter may be."""

    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(auto_schema, model, filterset_class, field_name, filter_field)
        validators = filter_field.extra.get("validators", ())
        for parameter in parameters:
            schema = parameter["schema"]
            item = schema.get("items", schema)
            notes = []
            if item.get("format") == "date":
                item["pattern"] = ISO_DATE_2000_2100
                notes.append(DATE_HELP)
            elif isinstance(filter_field, django_filters.BooleanFilter):
                widget = filter_field.extra.get("widget")
                widget = widget if isinstance(widget, type) else type(widget)
                checkbox = issubclass(widget, forms.CheckboxInput)
                notes.append(CHECKBOX_HELP if checkbox else YES_NO_HELP)
            elif validate_operation_code in validators:
                item["pattern"] = f"^{OPERATION_CODE}$"
                notes.append(OPERATION_CODE_HELP)
            elif isinstance(filter_field, django_filters.ModelChoiceFilter | django_filters.ModelMultipleChoiceFilter):
                if item.get("type") == "integer":
                    item.update(minimum=0, maximum=MAX_RECORD_ID)
                notes.append(ID_HELP)
            elif item.get("type") == "string" and "enum" not in item:
                item.update(QUERY_TEXT)
                notes.append(QUERY_TEXT_HELP)
            parameter["allowEmptyValue"] = True  # an empty value does not filter
            if notes:
                parameter["description"] = ": ".join(
                    filter(None, [str(parameter.get("description") or ""), " ".join(notes)])
                )
        return parameters


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

    def get_schema_operation_parameters(self, view):
        """The cursor as the answers' next and previous links carry it (another answers 404), the page size in ASCII
        digits (a size outside 1 to 200 takes the nearest bound's, or the default for 0 or less)."""
        cursor, size = super().get_schema_operation_parameters(view)
        cursor["schema"] = {"type": "string", **QUERY_TEXT}
        cursor["description"] = "The cursor of a page: from an answer's next or previous link (another: 404)."
        size["schema"] = {"type": "integer", "minimum": -MAX_ID, "maximum": MAX_ID}
        cursor["allowEmptyValue"] = size["allowEmptyValue"] = True  # empty: the first page, the default size
        size["description"] = (
            f"Records per page, {self.page_size} by default, at most {self.max_page_size}: more reads as "
            f"{self.max_page_size}, 0 or less as the default."
        )
        return [cursor, size]

    def get_page_size(self, request):
        """``page_size`` in ASCII digits, or a 400 saying so (Python's ``int`` takes other scripts' digits, ``+50``)."""
        raw = single_value(request, self.page_size_query_param)
        if raw is not None and raw.strip() and not ASCII_INTEGER.fullmatch(raw.strip()):
            raise ValidationError({self.page_size_query_param: [str(INTEGER_MESSAGE)]})
        return super().get_page_size(request)

    def decode_cursor(self, request):
        """A cursor whose position is not a key in ASCII digits was not made here: 404, as any other bad cursor."""
        single_value(request, self.cursor_query_param)
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


def link_records(result, generator, request, public):
    """drf-spectacular's postprocessing hook: the links between operations, for clients and for stateful tests.
    A list's first record and a created record lead to that record's read and edit (the edit from the ETag read);
    a read leads to the edit of the record, from the version it was read at."""
    paths = result.get("paths", {})
    for list_path, list_operations in paths.items():
        for detail_path, detail_operations in paths.items():
            match = re.fullmatch(re.escape(list_path) + r"\{(\w+)\}/", detail_path)
            if match is None:
                continue
            name = match[1]
            key = "id" if name == "id" else name
            targets = {verb: op["operationId"] for verb, op in detail_operations.items() if verb in ("get", "patch")}
            sources = [
                (list_operations.get("get"), "200", f"$response.body#/results/0/{key}"),
                (list_operations.get("post"), "201", f"$response.body#/{key}"),
                (detail_operations.get("get"), "200", f"$request.path.{name}"),
            ]
            for source, code, value in sources:
                answer = (source or {}).get("responses", {}).get(code)
                if answer is None:
                    continue
                links = answer.setdefault("links", {})
                for verb, operation_id in targets.items():
                    if source is detail_operations.get("get") and verb == "get":
                        continue
                    parameters = {name: value}
                    if verb == "patch" and code in ("200", "201") and "ETag" in answer.get("headers", {}):
                        parameters["header.If-Match"] = "$response.header.ETag"
                    links[f"{verb.capitalize()}Record"] = {"operationId": operation_id, "parameters": parameters}
    return result
