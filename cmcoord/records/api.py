"""The API route of a record type, from its declaration: reads through ``restrict(user, "api")``, keyset-paginated,
filtered by the type's FilterSet; and, for a type with a form, writes through that form and the type's services,
as its pages save (``POST`` a new record, ``PATCH`` one from the version it was read at).

The read serializer is the declared one, or one made from the columns: the id, the operation's code, the model
fields among the exported columns, the sensitivity by its label, the last change and the version.

A write answers what the pages would: a choice the user may not make, or a rule of the model, is a 400 naming the
field; an operation the user may not write in is a 403 (a 400 where they cannot see it at all), a record they may
read but not change a 403, one they may not read a 404. An edit names the version it starts from (428 otherwise);
from an older version it is applied only where nobody else changed the fields it sends since (412 otherwise, with
the record as stored and what changed). The API never carries a Strictly confidential record, so it does not write
one either. A create sent with an ``Idempotency-Key`` is applied once (:mod:`cmcoord.core.idempotency`).
"""

from __future__ import annotations

import copy

from django.core.exceptions import ValidationError as FormErrors
from django.db import transaction
from django.http import Http404, QueryDict
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from cmcoord.core.access import Action, can
from cmcoord.core.api import (
    KeysetPagination,
    ScopedReadOnlyViewSet,
    attributed,
    etag,
    expected_version,
)
from cmcoord.core.forms import save_with_form
from cmcoord.core.idempotency import idempotent
from cmcoord.core.scoping import OutOfScope
from cmcoord.core.versioning import ConcurrentEdit, changes_since, stale_refusals
from cmcoord.core.views import operation_by_code

from .api_forms import body_over, error_dict, is_text, schema_form
from .api_schema import documented
from .services import record_create_from_form, record_edit_from_form


class RecordSerializer(serializers.ModelSerializer):
    """The base of a record type's serializer: the operation by its code, the sensitivity by its label."""

    operation = serializers.CharField(source="operation.code", read_only=True)
    sensitivity = serializers.CharField(source="get_sensitivity_display", read_only=True)


class ReadableRelatedField(serializers.PrimaryKeyRelatedField):
    """A related restricted record's id as the reader may read it: from the relation as ``with_scoped`` loaded it
    (None where the reader may not read that record), never from the bare foreign-key column, which would give
    away that a record exists and which."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, allow_null=True, **kwargs)

    def use_pk_only_optimization(self):
        return False


def api_fields(record_type, *extra: str) -> list[str]:
    """The API's fields: id, operation, the columns' model fields, ``extra``, the sensitivity, the last change and
    the version (what an edit names as the one it starts from: ``If-Match``)."""
    fields = ["id", "operation"]
    for name in [*record_type.table.model_fields(record_type.model), *extra]:
        if name not in fields and name not in ("sensitivity", "updated_at", "version"):
            fields.append(name)
    return [*fields, "sensitivity", "updated_at", "version"]


def serializer_for(record_type):
    declared = record_type.serializer
    if isinstance(declared, str):
        declared = import_string(declared)
    if declared is not None:
        return declared
    meta = type("Meta", (), {"model": record_type.model, "fields": api_fields(record_type)})
    return type(f"{record_type.model.__name__}Serializer", (RecordSerializer,), {"Meta": meta})


class VersionedReadViewSet(ScopedReadOnlyViewSet):
    """Reads of a versioned model: a record's answer carries its version as the ETag an edit sends back in
    If-Match."""

    def retrieve(self, request, *args, **kwargs):
        return self.answer(self.get_object())

    def answer(self, record, status_code=status.HTTP_200_OK, headers=None) -> Response:
        response = Response(self.get_serializer(record).data, status=status_code, headers=headers)
        response["ETag"] = etag(record.version)
        return response


class RecordReadViewSet(VersionedReadViewSet):
    """A record type's reads."""

    record_type = None
    pagination_class = KeysetPagination
    lookup_value_regex = "[0-9]{1,18}"

    def get_queryset(self):
        record_type, user = self.record_type, self.request.user
        queryset = super().get_queryset()
        if record_type.scoped_relations:  # read as the API reads: a related record the reader may not is None
            queryset = queryset.with_scoped(user, *record_type.scoped_relations, action=Action.API)
        if record_type.api_prefetch is not None:
            queryset = queryset.prefetch_related(*record_type.api_prefetch(user))
        return queryset


def page_initial(view, request, operation) -> dict:
    """What a create page (``view``, an instance of its class) starts from in ``operation``: a field an API body
    does not send takes it, as a field the user leaves alone on the page."""
    page_request = copy.copy(request._request)
    page_request.GET = QueryDict()  # the page's own query (?task=…) is not the API's
    view.setup(page_request, code=operation.code)
    view.operation = operation
    return view.get_initial()


class _BeyondTheApiError(Exception):
    """A write whose record the API could not show (Strictly confidential): rolled back."""


class WriteActions:
    """What every writing route shares: a JSON body, a page's form validating it, a service saving it in one
    transaction with the token named in the history, the answers to a refusal (400 naming the field, 403, 404), a
    stale version (412 with the record as stored and what changed) and a retry (``Idempotency-Key``). The record
    kit's routes, the task log's and the action routes (a task's status, a follow-up turned into a task …) take
    it; a subclass reads through ``get_queryset`` (the API's scope) and says which fields a stale edit is compared
    on (``tracked_fields``)."""

    parser_classes = [JSONParser]

    def tracked_fields(self) -> list[str]:
        raise NotImplementedError

    def changeable(self):
        """The records the user may change."""
        return self.queryset.model.objects.restrict(self.request.user, Action.CHANGE)

    def changeable_object(self):
        """The record the URL names, if the user may change it: 404 unless they read it through the API, 403 where
        they read it but may not change it (a reader of the operation, a read-only token, a closed operation)."""
        readable = self.get_object()
        record = self.changeable().filter(pk=readable.pk).first()
        if record is None:
            raise PermissionDenied(_("You cannot change this record."))
        return record

    def stale(self, pk, since: int, refused: list[str], body: dict, form=None) -> Response:
        """412: the record as stored now, what changed since version ``since`` (with the client's value of each
        field it sent) and the fields refused. Sending them again from the current version applies them."""
        current = self.get_queryset().filter(pk=pk).first()
        if current is None:
            raise Http404
        changes, editors = changes_since(current, since, self.tracked_fields())
        pickers = getattr(form, "place_pickers", {})
        sent_as = {model_field: name for name in body for model_field in pickers.get(name, (name,))}
        listed = []
        for change in changes:
            entry = {"field": change.field, "label": change.label, "was": change.old, "theirs": change.new}
            if change.field in sent_as:
                entry["yours"] = body[sent_as[change.field]]
            listed.append(entry)
        named = {change.field for change in changes}
        for name in refused:  # links, a summary: fields whose history is not kept
            if not set(pickers.get(name, (name,))) & named:
                label = form.fields[name].label if form is not None and name in form.fields else None
                listed.append({"field": name, "label": str(label or name), "yours": body.get(name)})
        detail = _(
            "%(who)s saved this record after version %(version)s, which this edit started from; nothing was saved. "
            "Fields you sent that were changed meanwhile: %(fields)s. Send your edit again from version %(current)s "
            "if it should still apply."
        ) % {
            "who": ", ".join(editors) or _("Someone"),
            "version": since,
            "fields": ", ".join(refused) or "-",
            "current": current.version,
        }
        answer = {"detail": detail, "current": self.get_serializer(current).data, "changes": listed, "refused": refused}
        return Response(answer, status=status.HTTP_412_PRECONDITION_FAILED, headers={"ETag": etag(current.version)})

    # --- Actions --------------------------------------------------------------------------------------------

    def act(self, request, respond) -> Response:
        """An action route's answer: ``respond()`` applied once per Idempotency-Key (a replay answers what the first
        got), its writes made through :meth:`write`."""
        return idempotent(request, respond)

    def write(self, save, *, field: str = "non_field_errors"):
        """``save()`` (a service call) in one transaction, every history row it makes naming the token the request
        came with; a service's refusal is a 400 (under ``field`` when it names none), a scope refusal a 403.
        ``ConcurrentEdit`` is left to the caller (a 412 with what changed)."""
        try:
            with attributed(self.request), transaction.atomic():
                return save()
        except FormErrors as errors:
            raise ValidationError(error_dict(errors, whole=field)) from None
        except OutOfScope as refusal:
            raise PermissionDenied(str(refusal)) from None

    def action_form(self, form_class, body: dict, **kwargs):
        """A page's form (``form_class``, built with ``kwargs``) bound to the JSON ``body`` laid over what it would
        post as it stands, and validated: a 400 naming the fields otherwise."""
        data, _sent = self._over(form_class(**kwargs), body)
        form = form_class(data=data, **kwargs)
        if not form.is_valid():
            raise ValidationError(error_dict(form.errors))
        return form

    def refuse_unknown(self, body: dict, accepted=()) -> None:
        """A 400 naming each field of ``body`` an action does not take (a name no text could carry: as a whole)."""
        unknown = [name for name in body if name not in accepted]
        if unknown:
            raise ValidationError(
                {(name if is_text(name) else "non_field_errors"): [_("Unknown field.")] for name in unknown}
            )

    # --- Shared ---------------------------------------------------------------------------------------------

    def _body(self, request) -> dict:
        body = request.data
        if not isinstance(body, dict) or hasattr(body, "getlist"):
            raise ValidationError({"non_field_errors": [_("Send a JSON object of the record's fields.")]})
        return dict(body)

    def _over(self, form, body):
        try:
            return body_over(form, body)
        except FormErrors as errors:
            raise ValidationError(error_dict(errors)) from None


class FormWriteViewSet(WriteActions, VersionedReadViewSet):
    """Reads and writes of a model through a page's form and the services the pages save with: ``POST`` (create)
    and ``PATCH`` (edit), and the action routes a subclass adds (``act``). PUT and DELETE answer 405: a record is
    changed field by field, and removed on its page only.

    One machinery for the record kit's types (:class:`RecordWriteViewSet`) and the other writable routes (the task
    log's): a subclass says which form (``write_form``) and with which arguments (``create_form_kwargs``: taken out
    of the body, the operation's code by default, the actor of an assessment …; ``edit_form_kwargs``), what a new
    one starts from (``create_initial``), the fields an edit may not send (``fixed_on_edit``), how it is saved
    (``save_new``, ``save_edit``), which fields a stale edit is compared on (``tracked_fields``) and where a record is
    read (``detail_name``). A model that is not a registered record type (the actor registry, missions) gets the
    kit's machinery from a :class:`RecordWriteViewSet` subclass that declares an unregistered ``RecordType``."""

    http_method_names = ["get", "post", "patch", "head", "options"]
    detail_name = ""  # the URL name of a record's route ("task-detail"), for a new one's Location
    # The fields a record keeps for good, with what an edit sending one is told.
    fixed_on_edit = {"operation": _lazy("A record stays in its operation.")}

    # --- What a subclass says -------------------------------------------------------------------------------

    def write_form(self, **kwargs):
        """The page's form, built with ``kwargs`` (user, operation, and data or instance)."""
        raise NotImplementedError

    def create_form_kwargs(self, request, body: dict) -> dict:
        """The form's arguments for a new record, from what the body names besides the form's fields (taken out of
        ``body``): the operation, by its code."""
        return {"user": request.user, "operation": self._operation(request, body.pop("operation", None))}

    def create_initial(self, request, kwargs: dict) -> dict:
        """What the create page starts from (``kwargs``: the form's arguments): a field the body does not send
        takes it."""
        return {}

    def edit_form_kwargs(self, record) -> dict:
        """The form's arguments for an edit of ``record``."""
        return {"user": self.request.user, "operation": record.operation}

    def save_new(self, form):
        raise NotImplementedError

    def save_edit(self, form):
        raise NotImplementedError

    def changeable(self):
        """The records the user may change, as the edit reads them (with their operation, where they have one)."""
        queryset = super().changeable()
        if hasattr(self.queryset.model, "operation"):
            queryset = queryset.select_related("operation")
        return queryset

    @classmethod
    def schema_parents(cls) -> dict | None:
        """The fields of a create's body that are not the form's (what ``create_form_kwargs`` takes), as serializer
        fields for the schema; None: the operation's code."""
        return None

    # --- Create ---------------------------------------------------------------------------------------------

    def create(self, request, *args, **kwargs):
        return idempotent(request, lambda: self._create(request))

    def _create(self, request):
        body = self._body(request)
        kwargs = self.create_form_kwargs(request, body)
        data, _sent = self._over(self.write_form(initial=self.create_initial(request, kwargs), **kwargs), body)
        form = self.write_form(data=data, **kwargs)
        record = self._save(form, lambda: self.save_new(form))
        record = self.get_queryset().get(pk=record.pk)
        key = self.lookup_field
        address = request.build_absolute_uri(reverse(self.detail_name, kwargs={key: getattr(record, key)}))
        response = self.answer(record, status.HTTP_201_CREATED, headers={"Location": address})
        response.idempotent_object = record
        return response

    def _operation(self, request, code):
        """The operation a new record goes into, by its code: 400 where the user cannot see it (as if it did not
        exist), 403 where they see it but may not write in it (a reader, a closed operation)."""
        if not isinstance(code, str) or not code.strip():
            raise ValidationError({"operation": [_("Required: the code of the operation, e.g. CAF.")]})
        try:
            operation = operation_by_code(request.user, code.strip() if len(code) <= 10 else "")
        except Http404:
            raise ValidationError({"operation": [_("No operation with this code is open to you.")]}) from None
        if not can(request.user, Action.CHANGE, operation):
            raise PermissionDenied(_("You cannot add records to this operation."))
        return operation

    # --- Edit -----------------------------------------------------------------------------------------------

    def partial_update(self, request, *args, **kwargs):
        record = self.changeable_object()
        body = self._body(request)
        since = expected_version(request, body)
        if fixed := {name: [str(message)] for name, message in self.fixed_on_edit.items() if name in body}:
            raise ValidationError(fixed)
        kwargs = self.edit_form_kwargs(record)
        data, sent = self._over(self.write_form(instance=record, **kwargs), body)
        data["version"] = str(record.version)  # the fields not sent are the stored ones: this version's
        form = self.write_form(data=data, instance=record, **kwargs)
        if since != record.version:
            refused = stale_refusals(form, record, since, sent, self.tracked_fields())
            if refused is None or refused:
                return self.stale(record.pk, since, sent if refused is None else refused, body, form)
        try:
            record = self._save(form, lambda: self.save_edit(form))
        except ConcurrentEdit:  # saved by someone between the read and the save
            return self.stale(record.pk, since, sent, body, form)
        return self.answer(self.get_queryset().get(pk=record.pk))

    def _save(self, form, save):
        """Validate ``form`` and ``save`` it (then what the form writes beside the record: an HCT summary) in one
        transaction, rolled back if the API could not show the result."""
        if not form.is_valid():
            raise ValidationError(error_dict(form.errors))
        user, model = self.request.user, self.queryset.model

        def save_shown():
            record = save_with_form(form, user, save)
            if not model.objects.restrict(user, Action.API).filter(pk=record.pk).exists():
                raise _BeyondTheApiError
            return record

        try:
            return self.write(save_shown)
        except _BeyondTheApiError:
            message = _("The API does not carry Strictly confidential records: record or raise them on their page.")
            raise ValidationError({"sensitivity": [message]}) from None


class RecordWriteViewSet(FormWriteViewSet, RecordReadViewSet):
    """A record type's reads and writes, through the type's form and services (its declaration's)."""

    def write_form(self, **kwargs):
        return self.record_type.form(**kwargs)

    def create_initial(self, request, kwargs: dict) -> dict:
        """What the type's create page starts from (its author among the participants, the next reference …)."""
        view = self.record_type.view_class("create")(record_type=self.record_type)
        return page_initial(view, request, kwargs["operation"])

    def save_new(self, form):
        return record_create_from_form(record_type=self.record_type, user=self.request.user, form=form)

    def save_edit(self, form):
        return record_edit_from_form(record_type=self.record_type, user=self.request.user, form=form)

    def tracked_fields(self) -> list[str]:
        return self.record_type.tracked()

    def changeable(self):
        queryset = super().changeable()
        if self.record_type.scoped_relations:
            queryset = queryset.with_scoped(self.request.user, *self.record_type.scoped_relations)
        return queryset

    @property
    def detail_name(self) -> str:
        return f"{self.record_type.api_basename}-detail"

    @classmethod
    def schema_form(cls):
        """The form the schema's bodies are made from, built for nobody (when the schema is made)."""
        return schema_form(cls.record_type)


def viewset_for(record_type):
    """The API viewset of ``record_type``: reads, and writes where the type has a form."""
    base = RecordWriteViewSet if record_type.form is not None else RecordReadViewSet
    verbs = "may read and, with a form's rights, change" if record_type.form is not None else "may read"
    viewset = type(
        f"{record_type.model.__name__}ViewSet",
        (base,),
        {
            "__doc__": f"{record_type.label} the signed-in user {verbs} through the API, across their operations.",
            "record_type": record_type,
            "queryset": record_type.model.objects.select_related("operation"),
            "serializer_class": serializer_for(record_type),
            "filterset_class": record_type.filterset,
        },
    )
    return documented(viewset) if record_type.form is not None else viewset


def register_routes(router) -> None:
    """Every registered record type's route on ``router`` (the API's URLconf calls it)."""
    from .registry import record_types

    for record_type in record_types():
        if record_type.api_prefix:
            router.register(record_type.api_prefix, record_type.viewset, basename=record_type.api_basename)
