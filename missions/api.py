"""Missions in the API: read by everyone with a standing in an operation a mission covers, with its phase history
and the covered operations the reader may see (as the mission's page shows them); created and changed by officers
and heads of office of a covered, active operation, through the mission's form and :mod:`missions.services`.

A mission is not a record type of the kit (it belongs to several operations and carries no sensitivity), but the
API writes it with the kit's machinery (:mod:`cmcoord.records.api`), from an unregistered ``RecordType``.
"""

from __future__ import annotations

import django_filters
from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied, ValidationError

from cmcoord.core.access import Action
from cmcoord.core.filters import ScopedFilterSet
from cmcoord.core.navigation import Group
from cmcoord.core.validators import validate_operation_code
from cmcoord.operations.models import CountryOperation
from cmcoord.records.api import ReadableRelatedField, RecordWriteViewSet
from cmcoord.records.api_forms import MAX_LIST
from cmcoord.records.api_schema import documented
from cmcoord.records.filters import operation_country
from cmcoord.records.registry import RecordType

from .choices import MissionKind, MissionPhase
from .forms import MissionForm
from .models import Mission, MissionPhaseChange
from .selectors import may_record_missions
from .services import mission_save


class MissionFilterSet(ScopedFilterSet):
    operation = django_filters.CharFilter(
        label=gettext_lazy("Operation covered (ISO alpha-3)"),
        method="filter_operation",
        validators=[validate_operation_code],
    )
    kind = django_filters.ChoiceFilter(choices=MissionKind.choices)
    phase = django_filters.ChoiceFilter(choices=MissionPhase.choices)

    class Meta:
        model = Mission
        fields = ["operation", "kind", "phase"]

    def filter_operation(self, queryset, name, value):
        return queryset.filter(operations__country=operation_country(value)).distinct()


def _create(user, mission, form):
    return mission_save(user=user, mission=mission, operations=form.cleaned_data["operations"])


def _edit(user, mission, form):
    """Saved only if nobody saved the mission since the version the API read it at (which the kit compared with the
    one the edit names)."""
    return mission_save(
        user=user,
        mission=mission,
        operations=form.cleaned_data["operations"],
        expected_version=mission.version,
        fields=MISSIONS.tracked(),
    )


def _prefetch(user):
    return [
        Prefetch("operations", queryset=CountryOperation.objects.restrict(user, Action.API).order_by("name")),
        Prefetch("phase_changes", queryset=MissionPhaseChange.objects.restrict(user, Action.API)),
    ]


MISSIONS = RecordType(
    model=Mission, namespace="missions", label=gettext_lazy("Missions"), group=Group.ACTORS, columns=(),
    filterset=MissionFilterSet, form=MissionForm, scoped_relations=("predecessor",), api_basename="mission",
    api_prefetch=_prefetch, create=_create, edit=_edit,
)  # fmt: skip


class PhaseSerializer(serializers.ModelSerializer):
    class Meta:
        model = MissionPhaseChange
        fields = ["phase", "started_on", "note"]


class MissionSerializer(serializers.ModelSerializer):
    operations = serializers.SerializerMethodField(help_text="The codes of the covered operations the reader sees.")
    predecessor = ReadableRelatedField(help_text="The mission this one took over from, where the reader sees it.")
    phases = PhaseSerializer(source="phase_changes", many=True, read_only=True, help_text="Latest first.")

    class Meta:
        model = Mission
        fields = [
            "id", "acronym", "name", "kind", "operations", "poc_mandate", "mandate_text", "resolution",
            "mandate_start", "mandate_end", "phase", "phases", "predecessor", "version",
        ]  # fmt: skip

    @extend_schema_field({"type": "array", "items": {"type": "string"}})
    def get_operations(self, mission):
        return [operation.code for operation in mission.operations.all()]


class MissionViewSet(RecordWriteViewSet):
    """Missions covering the signed-in user's operations; created and changed by who may edit them (officers and
    heads of office of an active operation they cover). ``operations`` are operations' codes: an edit sets the
    coverage among the operations the user works in and keeps the others."""

    record_type = MISSIONS
    queryset = Mission.objects.all()
    serializer_class = MissionSerializer
    filterset_class = MissionFilterSet
    fixed_on_edit = {}

    def create_form_kwargs(self, request, body):
        if not may_record_missions(request.user):
            raise PermissionDenied(_("Only officers and heads of office of an active operation record missions."))
        return {"user": request.user}

    def create_initial(self, request, kwargs):
        return {}

    def edit_form_kwargs(self, record):
        return {"user": self.request.user}

    def _over(self, form, body):
        """The covered operations by their codes (the form takes their ids): those the user works in."""
        codes = body.get("operations")
        if isinstance(codes, list) and not all(isinstance(code, str) for code in codes):
            raise ValidationError({"operations": [_("A list of the operations' codes, e.g. CAF.")]})
        if isinstance(codes, list) and len(codes) <= MAX_LIST:
            workable = {
                operation.code: operation.pk
                for operation in CountryOperation.objects.restrict(self.request.user, Action.CHANGE).filter(
                    country__in=[operation_country(code) for code in codes]
                )
            }
            unknown = [code for code in codes if code.strip().upper() not in workable]
            if unknown:
                message = _("No operation you work in has the code %(code)s.") % {"code": unknown[0][:10]}
                raise ValidationError({"operations": [message]})
            body = {**body, "operations": [workable[code.strip().upper()] for code in codes]}
        return super()._over(form, body)

    @classmethod
    def schema_form(cls):
        form = MissionForm(user=AnonymousUser())
        form.fields["operations"].to_field_name = "code"  # documented as the API takes them: codes
        return form

    @classmethod
    def schema_parents(cls):
        return {}


VIEWSETS = [("missions", documented(MissionViewSet))]


def register_routes(router) -> None:
    """The missions' route on the API's router."""
    for prefix, viewset in VIEWSETS:
        router.register(prefix, viewset, basename=viewset.record_type.api_basename)
