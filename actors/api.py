"""The actor registry in the API: actors, their assessments, relationships and liaison contacts.

They are not record types of the kit (their pages are this app's own), but the API reads and writes them with the
kit's machinery (:mod:`cmcoord.records.api`): each route declares an unregistered ``RecordType`` (no page, export or
navigation entry comes of it) naming the form and services its pages use, and the viewset says what differs. Reads
go through ``restrict(user, "api")``, so the API never carries a Strictly confidential record; a record that shows
others (a contact its actor, a relationship both actors) is no more visible than they are, by the policy's rules.

An assessment, a relationship or a contact is added to an actor, as on the actor's page: its body names the actor
(``actor``; a relationship its ``source``) instead of the operation. Liaison contacts are personal data, Strictly
confidential unless someone decides otherwise: a contact sent without a level is kept in the browser (400).
"""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied, ValidationError

from cmcoord.core.access import Action, can
from cmcoord.core.filters import ScopedFilterSet
from cmcoord.core.inputs import ASCII_INTEGER
from cmcoord.core.navigation import Group
from cmcoord.core.people import person_name
from cmcoord.core.validators import validate_operation_code
from cmcoord.core.versioning import form_model_fields
from cmcoord.records.api import ReadableRelatedField, RecordSerializer, RecordWriteViewSet
from cmcoord.records.api_forms import is_multiple, schema_form
from cmcoord.records.api_schema import documented
from cmcoord.records.filters import operation_country
from cmcoord.records.registry import RecordType
from cmcoord.records.services import edit_record

from .choices import Confidence, PreferredChannel, RelationshipType, Stance
from .filtersets import ActorFilterSet
from .forms import ActorForm, AssessmentForm, ContactForm, RelationshipForm
from .models import Actor, ActorAssessment, ActorRelationship, LiaisonContact
from .selectors import latest_assessment_values


def versioned_edit(user, record, form):
    """The edit of a record whose form carries no version (its pages only add it): saved only if nobody saved it
    since the version the API read it at, which the kit compared with the one the edit names."""
    return edit_record(user=user, record=record, expected_version=record.version, fields=form_model_fields(type(form)))


def _operation_filter(queryset, name, value):
    return queryset.filter(operation__country=operation_country(value))


class ActorApiFilterSet(ActorFilterSet):
    """The actor list's filters, and the operation (the API reads across the reader's operations)."""

    operation = django_filters.CharFilter(
        label=gettext_lazy("Operation (ISO alpha-3)"), method="filter_operation", validators=[validate_operation_code]
    )

    class Meta:
        model = Actor
        fields = ["q", "category", "actor_type", "stance", "influence", "party_to_conflict", "area", "operation"]

    def filter_operation(self, queryset, name, value):
        return _operation_filter(queryset, name, value)


class PartFilterSet(ScopedFilterSet):
    operation = django_filters.CharFilter(
        label=gettext_lazy("Operation (ISO alpha-3)"), method="filter_operation", validators=[validate_operation_code]
    )
    actor = django_filters.ModelChoiceFilter(queryset=Actor.objects.all(), label=gettext_lazy("Actor"))

    def filter_operation(self, queryset, name, value):
        return _operation_filter(queryset, name, value)


class AssessmentFilterSet(PartFilterSet):
    stance = django_filters.ChoiceFilter(choices=Stance.choices, label=gettext_lazy("Stance"))

    class Meta:
        model = ActorAssessment
        fields = ["operation", "actor", "stance"]


class RelationshipFilterSet(PartFilterSet):
    actor = django_filters.ModelChoiceFilter(
        queryset=Actor.objects.all(), label=gettext_lazy("Either actor"), method="filter_actor"
    )
    relationship_type = django_filters.ChoiceFilter(choices=RelationshipType.choices)
    confidence = django_filters.ChoiceFilter(choices=Confidence.choices)

    class Meta:
        model = ActorRelationship
        fields = ["operation", "actor", "relationship_type", "confidence"]

    def filter_actor(self, queryset, name, value: int):
        return queryset.filter(Q(source=value) | Q(target=value))


class ContactFilterSet(PartFilterSet):
    preferred_channel = django_filters.ChoiceFilter(choices=PreferredChannel.choices)

    class Meta:
        model = LiaisonContact
        fields = ["operation", "actor", "preferred_channel"]


# --- The record types (unregistered: the API's declarations only) ---------------------------------------------

ACTORS = RecordType(
    model=Actor, namespace="actors", label=gettext_lazy("Actors"), group=Group.ACTORS, columns=(),
    filterset=ActorApiFilterSet, form=ActorForm, scoped_relations=("parent",), api_basename="actor",
)  # fmt: skip
ASSESSMENTS = RecordType(
    model=ActorAssessment, namespace="actor-assessments", label=gettext_lazy("Assessments"), group=Group.ACTORS,
    columns=(), filterset=AssessmentFilterSet, form=AssessmentForm, scoped_relations=("actor",),
    api_basename="actor-assessment", edit=versioned_edit,
)  # fmt: skip
RELATIONSHIPS = RecordType(
    model=ActorRelationship, namespace="actor-relationships", label=gettext_lazy("Relationships"),
    group=Group.ACTORS, columns=(), filterset=RelationshipFilterSet, form=RelationshipForm,
    scoped_relations=("source", "target"), api_basename="actor-relationship", edit=versioned_edit,
)  # fmt: skip
CONTACTS = RecordType(
    model=LiaisonContact, namespace="liaison-contacts", label=gettext_lazy("Liaison contacts"), group=Group.ACTORS,
    columns=(), filterset=ContactFilterSet, form=ContactForm, scoped_relations=("actor",),
    api_basename="liaison-contact", edit=versioned_edit,
)  # fmt: skip


# --- Serializers ----------------------------------------------------------------------------------------------


class ActorSerializer(RecordSerializer):
    aliases = serializers.ListField(source="alias_list", child=serializers.CharField(), read_only=True)
    areas = serializers.ListField(
        source="area_list", child=serializers.CharField(), read_only=True, help_text="Admin 1 P-codes."
    )
    parent = ReadableRelatedField(help_text="The parent organisation, where the reader may read it.")
    current_stance = serializers.ChoiceField(
        choices=Stance.choices, read_only=True, allow_null=True,
        help_text="The stance of the latest assessment the reader may read through the API.",
    )  # fmt: skip
    current_influence = serializers.IntegerField(read_only=True, allow_null=True)
    current_interest = serializers.IntegerField(read_only=True, allow_null=True)
    current_assessed_on = serializers.DateField(read_only=True, allow_null=True)

    class Meta:
        model = Actor
        fields = [
            "id", "operation", "name", "acronym", "aliases", "category", "actor_type", "parent", "party_to_conflict",
            "areas", "description", "current_stance", "current_influence", "current_interest", "current_assessed_on",
            "sensitivity", "updated_at", "version",
        ]  # fmt: skip


def _actor_name(actor) -> str | None:
    return str(actor) if actor is not None else None


class AssessmentSerializer(RecordSerializer):
    actor = ReadableRelatedField()
    actor_name = serializers.SerializerMethodField()
    assessor = serializers.SerializerMethodField()

    class Meta:
        model = ActorAssessment
        fields = [
            "id", "operation", "actor", "actor_name", "assessed_on", "stance", "influence", "interest",
            "access_attitude", "protection_attitude", "strategy", "assessor", "notes", "sensitivity", "updated_at",
            "version",
        ]  # fmt: skip

    @extend_schema_field({"type": "string", "nullable": True})
    def get_actor_name(self, record):
        return _actor_name(record.actor)

    def get_assessor(self, record) -> str:
        return person_name(record.assessor)


class RelationshipSerializer(RecordSerializer):
    source = ReadableRelatedField()
    source_name = serializers.SerializerMethodField()
    target = ReadableRelatedField()
    target_name = serializers.SerializerMethodField()

    class Meta:
        model = ActorRelationship
        fields = [
            "id", "operation", "source", "source_name", "relationship_type", "target", "target_name", "confidence",
            "source_note", "start_date", "end_date", "sensitivity", "updated_at", "version",
        ]  # fmt: skip

    @extend_schema_field({"type": "string", "nullable": True})
    def get_source_name(self, record):
        return _actor_name(record.source)

    @extend_schema_field({"type": "string", "nullable": True})
    def get_target_name(self, record):
        return _actor_name(record.target)


class ContactSerializer(RecordSerializer):
    actor = ReadableRelatedField()
    actor_name = serializers.SerializerMethodField()

    class Meta:
        model = LiaisonContact
        fields = [
            "id", "operation", "actor", "actor_name", "name", "function", "phone", "email", "preferred_channel",
            "sensitivity", "updated_at", "version",
        ]  # fmt: skip

    @extend_schema_field({"type": "string", "nullable": True})
    def get_actor_name(self, record):
        return _actor_name(record.actor)


# --- Routes ---------------------------------------------------------------------------------------------------

LIST_TEXT = ("aliases", "areas")  # stored as text, one per line or comma-separated; read (and taken) as lists


class ActorViewSet(RecordWriteViewSet):
    """Actors the signed-in user may read through the API across their operations (never a Strictly confidential
    one), each with the picture of its latest assessment the API may carry; created and changed through the
    actor's form, as on its pages."""

    record_type = ACTORS
    queryset = Actor.objects.select_related("operation")
    serializer_class = ActorSerializer
    filterset_class = ActorApiFilterSet

    def get_queryset(self):
        values = latest_assessment_values(
            self.request.user, "stance", "influence", "interest", "assessed_on", action=Action.API
        )
        return super().get_queryset().annotate(**values)

    def create_initial(self, request, kwargs):
        return {}  # the actor's create page starts from the form's own defaults

    def _over(self, form, body):
        """Aliases and areas as a list or as the pages' text, whichever the form takes (areas are ticked among the
        gazetteer's units where the country has them, typed otherwise)."""
        body = dict(body)
        for name in LIST_TEXT:
            value, field = body.get(name), form.fields.get(name)
            if field is None:
                continue
            if isinstance(value, list) and not is_multiple(field) and all(isinstance(item, str) for item in value):
                body[name] = "\n".join(value)
            elif isinstance(value, str) and is_multiple(field):
                body[name] = [item.strip() for item in value.replace("\n", ",").split(",") if item.strip()]
        return super()._over(form, body)


class ActorPartViewSet(RecordWriteViewSet):
    """Records added to an actor (assessments, relationships, contacts): the body of a new one names the actor by
    its id (``parent``), which the user must be able to change, as on the actor's page; the record takes the actor's
    operation, and keeps its actor for good."""

    parent = "actor"
    fixed_on_edit = {
        "operation": gettext_lazy("A record stays in its operation."),
        "actor": gettext_lazy("A record stays with its actor."),
    }

    def create_form_kwargs(self, request, body):
        value = body.pop(self.parent, None)
        if isinstance(value, str) and ASCII_INTEGER.fullmatch(value.strip()):
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 2**63 - 1:
            raise ValidationError({self.parent: [_("Required: the id of an actor.")]})
        actor = Actor.objects.restrict(request.user, Action.API).select_related("operation").filter(pk=value).first()
        if actor is None:
            raise ValidationError({self.parent: [_("No actor with this id is open to you.")]})
        if not can(request.user, Action.CHANGE, actor):
            raise PermissionDenied(_("You cannot add records to this actor."))
        return {"user": request.user, "operation": actor.operation, "actor": actor}

    def create_initial(self, request, kwargs):
        return {}  # the form starts from the actor (the current assessment, the default level)

    def edit_form_kwargs(self, record):
        return {"user": self.request.user, "operation": record.operation, "actor": getattr(record, self.parent)}

    @classmethod
    def schema_form(cls):
        from cmcoord.operations.models import CountryOperation

        operation = CountryOperation(pk=0, country="", time_zone="UTC")
        return schema_form(cls.record_type, operation=operation, actor=Actor(pk=0, operation=operation, sensitivity=1))

    @classmethod
    def schema_parents(cls):
        return {cls.parent: serializers.IntegerField(min_value=1, help_text="The id of the actor it is added to.")}


class AssessmentViewSet(ActorPartViewSet):
    """Assessments of actors: a new one becomes the actor's current picture (it starts from the previous one where
    the body is silent, at a level never below it)."""

    record_type = ASSESSMENTS
    queryset = ActorAssessment.objects.select_related("operation", "assessor")
    serializer_class = AssessmentSerializer
    filterset_class = AssessmentFilterSet


class RelationshipViewSet(ActorPartViewSet):
    """Relationships between two actors of one operation, read where the reader may read both actors."""

    record_type = RELATIONSHIPS
    queryset = ActorRelationship.objects.select_related("operation")
    serializer_class = RelationshipSerializer
    filterset_class = RelationshipFilterSet
    parent = "source"
    fixed_on_edit = {
        "operation": gettext_lazy("A record stays in its operation."),
        "source": gettext_lazy("A relationship stays with its actor: record another one."),
    }


class ContactViewSet(ActorPartViewSet):
    """Liaison contacts of actors. Personal data: Strictly confidential by default, so the API carries only those
    someone levelled lower (send ``sensitivity`` with a new one: without it, it stays in the browser)."""

    record_type = CONTACTS
    queryset = LiaisonContact.objects.select_related("operation")
    serializer_class = ContactSerializer
    filterset_class = ContactFilterSet


VIEWSETS = [
    ("actors", documented(ActorViewSet)),
    ("actor-assessments", documented(AssessmentViewSet)),
    ("actor-relationships", documented(RelationshipViewSet)),
    ("liaison-contacts", documented(ContactViewSet)),
]


def register_routes(router) -> None:
    """The actor registry's routes on the API's router."""
    for prefix, viewset in VIEWSETS:
        router.register(prefix, viewset, basename=viewset.record_type.api_basename)
