"""The API route of a record type: read-only, through ``restrict(user, "api")``, keyset-paginated, filtered by the
type's FilterSet. Its serializer is the declared one, or one made from the columns: the id, the operation's code,
the model fields among the exported columns, the sensitivity by its label and the last change."""

from __future__ import annotations

from django.utils.module_loading import import_string
from rest_framework import serializers

from cmcoord.core.access import Action
from cmcoord.core.api import KeysetPagination, ScopedReadOnlyViewSet


class RecordSerializer(serializers.ModelSerializer):
    """The base of a record type's serializer: the operation by its code, the sensitivity by its label."""

    operation = serializers.CharField(source="operation.code", read_only=True)
    sensitivity = serializers.CharField(source="get_sensitivity_display", read_only=True)


def api_fields(record_type, *extra: str) -> list[str]:
    """The API's fields: id, operation, the columns' model fields, ``extra``, the sensitivity, the last change."""
    fields = ["id", "operation"]
    for name in [*record_type.table.model_fields(record_type.model), *extra]:
        if name not in fields and name not in ("sensitivity", "updated_at"):
            fields.append(name)
    return [*fields, "sensitivity", "updated_at"]


def serializer_for(record_type):
    declared = record_type.serializer
    if isinstance(declared, str):
        declared = import_string(declared)
    if declared is not None:
        return declared
    meta = type("Meta", (), {"model": record_type.model, "fields": api_fields(record_type)})
    return type(f"{record_type.model.__name__}Serializer", (RecordSerializer,), {"Meta": meta})


def viewset_for(record_type):
    """The read-only API viewset of ``record_type``."""

    def get_queryset(self):
        queryset = super(viewset, self).get_queryset()
        if record_type.scoped_relations:  # read as the API reads: a related record the reader may not is None
            queryset = queryset.with_scoped(self.request.user, *record_type.scoped_relations, action=Action.API)
        if record_type.api_prefetch is not None:
            queryset = queryset.prefetch_related(*record_type.api_prefetch(self.request.user))
        return queryset

    viewset = type(
        f"{record_type.model.__name__}ViewSet",
        (ScopedReadOnlyViewSet,),
        {
            "__doc__": f"{record_type.label} the signed-in user may read through the API, across their operations.",
            "queryset": record_type.model.objects.select_related("operation"),
            "pagination_class": KeysetPagination,
            "serializer_class": serializer_for(record_type),
            "filterset_class": record_type.filterset,
            "lookup_value_regex": "[0-9]{1,18}",
            "get_queryset": get_queryset,
        },
    )
    return viewset


def register_routes(router) -> None:
    """Every registered record type's route on ``router`` (the API's URLconf calls it)."""
    from .registry import record_types

    for record_type in record_types():
        if record_type.api_prefix:
            router.register(record_type.api_prefix, record_type.viewset, basename=record_type.api_basename)
