"""The API routes' writes in the OpenAPI schema: the bodies, headers and answers of a record type's create and edit
(:func:`documented`, :func:`documented_writes`) and of an action route (:func:`action_schema`), as the viewsets of
:mod:`cmcoord.records.api` answer them: an ``Idempotency-Key`` applied once, an edit naming its version (``If-Match``),
a stale one answered 412 with the record as stored and what changed."""

from __future__ import annotations

import functools

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers

from cmcoord.core.api import FIELD_ERRORS, NOT_SIGNED_IN, THROTTLED, detail_response
from cmcoord.core.idempotency import HEADER as IDEMPOTENCY_HEADER
from cmcoord.core.idempotency import REPLAYED

from .api_forms import form_body

# The headers as the server takes them: a key of printable ASCII (its ends not spaces, which HTTP strips), the ETag
# of a version (W/ as a compressed answer marks it).
IDEMPOTENCY_KEY = {"type": "string", "pattern": "^[!-~]([ -~]{0,98}[!-~])?$"}
IF_MATCH_SCHEMA = {"type": "string", "pattern": '^(W/)?"?[1-9][0-9]{0,8}"?$'}


class ChangeSerializer(serializers.Serializer):
    """A field changed since the version an edit started from (an answer's part, for the schema)."""

    field = serializers.CharField()
    label = serializers.CharField()
    was = serializers.CharField(required=False, help_text="Its value at the version the edit started from.")
    theirs = serializers.CharField(required=False, help_text="Its value as stored now.")
    yours = serializers.JSONField(required=False, help_text="The value the edit sent, where it sent the field.")


@functools.cache  # one component per read serializer, however many routes answer it
def _stale_schema(read) -> OpenApiResponse:
    stale = type(
        f"{read.__name__.removesuffix('Serializer')}StaleSerializer",
        (serializers.Serializer,),
        {
            "detail": serializers.CharField(),
            "current": read(),
            "changes": ChangeSerializer(many=True),
            "refused": serializers.ListField(child=serializers.CharField()),
        },
    )
    return OpenApiResponse(
        stale,
        description="Someone saved the record after the version the edit started from and changed a field it sends: "
        "nothing was saved. The record as stored (its ETag the version to start from) and what changed since.",
    )


IF_MATCH = OpenApiParameter(
    "If-Match", IF_MATCH_SCHEMA, OpenApiParameter.HEADER, required=False,
    description='The ETag the record was read with (e.g. "3"); or "version" in the body.',
)  # fmt: skip
KEY_HEADER = OpenApiParameter(
    IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY, OpenApiParameter.HEADER, required=False,
    description="1 to 100 printable ASCII characters: the request is applied once; the same request again answers "
    "what the first got (Idempotent-Replayed: true).",
)  # fmt: skip


def action_schema(summary: str, description: str, *, request, answers: dict, versioned: bool = False, read=None):
    """An action route in the schema (a POST applied once per Idempotency-Key): ``answers`` its successes
    (``{201: Serializer}``), with the refusals every action may give; ``versioned``: it names the version it starts
    from (``version`` or If-Match), 428 without, 412 with the record as stored (``read``) when stale."""
    responses = {
        **answers,
        400: FIELD_ERRORS,
        401: NOT_SIGNED_IN,
        403: detail_response("The user (or the token: a read-only one) may read the record but not change it."),
        404: detail_response("No record the user may read through the API (never a Strictly confidential one)."),
        409: detail_response("A request with the same Idempotency-Key is still being processed."),
        415: detail_response("The body is not JSON."),
        422: detail_response("The Idempotency-Key was used for another request."),
        429: THROTTLED,
    }
    replayed = OpenApiParameter(
        REPLAYED, OpenApiTypes.STR, OpenApiParameter.HEADER, response=list(answers),
        description="true: the answer to an earlier request with the same Idempotency-Key, given again.",
    )  # fmt: skip
    parameters = [KEY_HEADER, replayed]
    if versioned:
        responses[412] = _stale_schema(read)
        responses[428] = detail_response("The request does not say which version it starts from.")
        parameters.append(IF_MATCH)
    return extend_schema(
        summary=summary, description=description, request=request, responses=responses, parameters=parameters
    )


def documented_writes(viewset, label: str, new_body, edit_body):
    """The create and edit operations of ``viewset`` in the schema: their bodies (``new_body``, ``edit_body``: made
    from the form), headers and answers (401 and 429 are every route's: :class:`cmcoord.core.api.ApiSchema`)."""
    read = viewset.serializer_class
    created_headers = [
        OpenApiParameter("Location", OpenApiTypes.URI, OpenApiParameter.HEADER, response=[201]),
        OpenApiParameter("ETag", OpenApiTypes.STR, OpenApiParameter.HEADER, response=[200, 201]),
        OpenApiParameter(
            REPLAYED, OpenApiTypes.STR, OpenApiParameter.HEADER, response=[201],
            description="true: the answer to an earlier request with the same Idempotency-Key, given again.",
        ),
    ]  # fmt: skip
    create = extend_schema(
        summary=f"Add a record: {label}",
        description="Validated by the record type's form, as on its create page; fields not sent take the page's "
        "defaults. With an Idempotency-Key (1 to 100 printable ASCII characters), applied once: the same request "
        "again answers what the first got (Idempotent-Replayed: true).",
        request=new_body,
        parameters=[KEY_HEADER, *created_headers],
        responses={
            201: read,
            400: FIELD_ERRORS,
            403: detail_response("The operation is one the user may read but not write in, or the token is read-only."),
            409: detail_response("A request with the same Idempotency-Key is still being processed."),
            415: detail_response("The body is not JSON."),
            422: detail_response("The Idempotency-Key was used for another request."),
        },
    )
    edit = extend_schema(
        summary=f"Change a record: {label}",
        description="Only the fields sent change; validated by the record type's form, as on its edit page. The edit "
        "names the version it starts from (version in the body, or If-Match with the ETag read). From an older "
        "version it is applied if nobody changed the fields it sends since; else 412.",
        request=edit_body,
        parameters=[
            IF_MATCH,
            *created_headers[1:2],
        ],
        responses={
            200: read,
            400: FIELD_ERRORS,
            403: detail_response("A record the user may read but not change, or the token is read-only."),
            404: detail_response("No record the user may read through the API."),
            412: _stale_schema(read),
            415: detail_response("The body is not JSON."),
            428: detail_response("The edit does not say which version it starts from."),
        },
    )
    retrieve = extend_schema(parameters=created_headers[1:2])
    return extend_schema_view(create=create, partial_update=edit, retrieve=retrieve)(viewset)


def documented(viewset):
    """The create and edit operations of a :class:`RecordWriteViewSet` in the schema, their bodies made from the
    form its ``schema_form`` builds for nobody and, for a new record, the fields its ``schema_parents`` name."""
    record_type = viewset.record_type
    new, edit = (
        form_body(viewset.schema_form, record_type.model.__name__, partial=partial, parents=viewset.schema_parents())
        for partial in (False, True)
    )
    return documented_writes(viewset, record_type.label, new, edit)
