"""The API's planning documents and MCDA requests (their routes come from the record types, ``records.py``).
Strictly confidential records never appear (the ``api`` action's ceiling), and a record's links to other records
(tasks, the mission, the providing actor) show only those the reader may read through the API too
(``selectors.document_prefetch`` and the kit's scoped relations, read as the API reads)."""

from rest_framework import serializers

from cmcoord.records.api import RecordSerializer, api_fields

from .choices import Justification
from .models import MCDARequest, PlanningDocument
from .records import DOCUMENTS, MCDA


class PlanningDocumentSerializer(RecordSerializer):
    mission = serializers.SerializerMethodField()
    tasks = serializers.SerializerMethodField()

    class Meta:
        model = PlanningDocument
        fields = api_fields(DOCUMENTS, "notes", "mission", "tasks")

    def get_mission(self, document) -> str | None:
        return document.mission.acronym if document.mission else None

    def get_tasks(self, document) -> list[str]:
        return [task.reference for task in document.api_tasks]


class MCDARequestSerializer(RecordSerializer):
    justification = serializers.SerializerMethodField()
    asset_actor = serializers.SerializerMethodField()
    asset_mission = serializers.SerializerMethodField()
    task = serializers.SerializerMethodField()

    class Meta:
        model = MCDARequest
        fields = api_fields(MCDA, "asset_actor", "asset_mission", "justification", "justification_notes", "task")

    def get_justification(self, request) -> list[str]:
        return [choice.value for choice in Justification if getattr(request, choice.value)]

    def get_asset_actor(self, request) -> str | None:
        return request.asset_actor.name if request.asset_actor else None

    def get_asset_mission(self, request) -> str | None:
        return request.asset_mission.acronym if request.asset_mission else None

    def get_task(self, request) -> str | None:
        return request.task.reference if request.task else None
