"""What each entry of the demo's YAML files holds: its fields, each with its check and its default
(:mod:`.checks`), read by :mod:`.schema`."""

from __future__ import annotations

from cmcoord.core.choices import Sensitivity, Standing
from digests.choices import Weekday
from engagements.choices import EngagementTopic
from planning.choices import Justification
from protection_tasks.choices import Urgency
from trainings.choices import TrainingTopic

from .checks import (
    REQUIRED,
    choice,
    clock,
    day,
    entries,
    exactly,
    flag,
    keyed,
    mapping,
    members,
    named_level,
    one_of,
    point,
    slots,
    text,
    texts,
    whole,
)

# Tasks name their owner and collaborators by slot in the operation (see the country files' comments).
OWNER_SLOTS = ("officer", "officer2", "head")
SLOTS = (*OWNER_SLOTS, "hct")
RECURRENCE = "monthly, first Monday"  # the one rule demo tasks repeat by

sensitivity = named_level(Sensitivity)
task_urgency = named_level(Urgency)


ACCOUNT = {"username": (text, REQUIRED), "first_name": (text, REQUIRED), "last_name": (text, REQUIRED)}

DEPLOYMENT = {
    "password": (text, REQUIRED),
    "countries": (texts, REQUIRED),
    "headquarters_readers": (entries(ACCOUNT), ()),
    "site_administrator": (mapping(ACCOUNT), REQUIRED),
}

OPERATION = {
    "country": (text, REQUIRED),
    "name": (text, REQUIRED),
    "time_zone": (text, REQUIRED),
    "strategy": (choice("operations.CountryOperation", "strategy"), REQUIRED),
    "region": (choice("operations.CountryOperation", "region"), REQUIRED),
    "language": (choice("operations.CountryOperation", "language"), REQUIRED),
}
PERSON = {**ACCOUNT, "role": (choice("operations.Membership", "role"), REQUIRED)}
PLACE = {
    "admin1": (text, REQUIRED),
    "admin1_pcode": (text, REQUIRED),
    "admin2": (text, REQUIRED),
    "admin2_pcode": (text, REQUIRED),
}
PRIORITY = {
    "key": (text, REQUIRED),
    "title": (text, REQUIRED),
    "status": (choice("protection_tasks.ProtectionPriority", "status"), REQUIRED),
    "period_start": (day, REQUIRED),
    "period_end": (day, REQUIRED),
    "description": (text, ""),
}
ASSESSMENT = {
    "months_ago": (whole, REQUIRED),
    "stance": (choice("actors.ActorAssessment", "stance"), REQUIRED),
    "influence": (whole, REQUIRED),
    "interest": (whole, REQUIRED),
    "access": (choice("actors.ActorAssessment", "access_attitude"), REQUIRED),
    "protection": (choice("actors.ActorAssessment", "protection_attitude"), REQUIRED),
    "strategy": (choice("actors.ActorAssessment", "strategy"), REQUIRED),
    "notes": (text, ""),
    "hct_summary": (text, ""),  # an Unclassified summary for the HCT (summaries)
    "hct_summary_cleared": (flag, True),  # written by the head of office (cleared), else by an officer (waiting)
}
CONTACT = {
    "name": (text, REQUIRED),
    "function": (text, ""),
    "phone": (text, ""),
    "channel": (choice("actors.LiaisonContact", "preferred_channel"), REQUIRED),
}
ACTOR = {
    "key": (text, REQUIRED),
    "name": (text, REQUIRED),
    "acronym": (text, ""),
    "aliases": (text, ""),
    "category": (choice("actors.Actor", "category"), REQUIRED),
    "type": (choice("actors.Actor", "actor_type"), REQUIRED),
    "parent": (text, ""),
    "party_to_conflict": (flag, False),
    "sensitivity": (sensitivity, None),  # None: the category's default
    "component": (choice("missions.MissionComponent", "kind"), ""),
    "areas": (text, REQUIRED),
    "description": (text, ""),
    "assessments": (entries(ASSESSMENT), ()),
    "contacts": (entries(CONTACT), ()),
}
RELATIONSHIP = {
    "source": (text, REQUIRED),
    "type": (choice("actors.ActorRelationship", "relationship_type"), REQUIRED),
    "target": (text, REQUIRED),
    "confidence": (choice("actors.ActorRelationship", "confidence"), REQUIRED),
    "since_months_ago": (whole, None),
    "sensitivity": (sensitivity, None),  # None: Confidential, or the stricter level of the two actors
    "note": (text, ""),
}
PHASE = {
    "started_on": (day, REQUIRED),
    "phase": (choice("missions.MissionPhaseChange", "phase"), REQUIRED),
    "note": (text, ""),
}
PLATFORM = {
    "name": (text, REQUIRED),
    "chair": (text, ""),
    "meets": (text, ""),
    "ocha_attends": (flag, False),
    "notes": (text, ""),
}
MISSION = {
    "acronym": (text, REQUIRED),
    "name": (text, REQUIRED),
    "kind": (choice("missions.Mission", "kind"), REQUIRED),
    "poc_mandate": (flag, False),
    "resolution": (text, ""),
    "mandate_start": (day, None),
    "mandate_end": (day, None),
    "predecessor": (text, ""),
    "mandate_text": (text, ""),
    "phases": (entries(PHASE), REQUIRED),
    "platforms": (entries(PLATFORM), ()),
}
LIAISON_OFFICER = {
    "name": (text, REQUIRED),
    "function": (text, ""),
    "email": (text, ""),
    "phone": (text, ""),
}
TASK_ACTOR = {"actor": (text, REQUIRED), "role": (choice("actors.TaskActor", "role"), REQUIRED)}
TASK = {
    "title": (text, REQUIRED),
    "activity": (text, REQUIRED),
    "status": (choice("protection_tasks.Task", "status"), REQUIRED),
    "owner": (one_of(OWNER_SLOTS), REQUIRED),
    "assigned_by_head": (flag, False),
    "recurring": (exactly(RECURRENCE), ""),
    "start_in_days": (whole, None),
    "due_in_days": (whole, None),
    "place": (text, None),
    "priorities": (texts, ()),
    "urgency": (task_urgency, REQUIRED),
    "sensitivity": (sensitivity, REQUIRED),
    "collaborators": (slots(SLOTS), ()),
    "description": (text, ""),
    "notes": (texts, ()),
    "outcome": (text, ""),
    "linked_actors": (entries(TASK_ACTOR), ()),
    "linked_to_mission": (flag, False),
}

# --- The records of the operation's work (demo/field.py and demo/office.py) ------------------------------------
# Dates are relative to the day the demo is loaded: days_ago (0 is today), months_ago, in_days (negative: past).

ATTACHMENT = {
    "file": (text, REQUIRED),  # a file of data/attachments/
    "description": (text, ""),
}
FOLLOW_UP = {
    "text": (text, REQUIRED),
    "activity": (text, REQUIRED),
    "owner": (one_of(OWNER_SLOTS), None),
    "due_in_days": (whole, None),
}
LANGUAGE_CODES = ("en", "fr", "es", "ar")  # the languages a key message has a version in
ENGAGEMENT = {
    "key": (text, REQUIRED),  # how key messages name it in the file
    "summary": (text, REQUIRED),  # what identifies it in the operation when the demo is loaded again
    "days_ago": (whole, REQUIRED),
    "at": (clock, (10, 0)),
    "mode": (choice("engagements.Engagement", "mode"), REQUIRED),
    "recorded_by": (one_of(OWNER_SLOTS), "officer"),
    "actors": (texts, ()),
    "participants": (slots(OWNER_SLOTS), ()),
    "other_participants": (text, ""),
    "topics": (members(EngagementTopic.values), ()),
    "place": (text, None),
    "with_mission": (flag, False),
    "tasks": (texts, ()),
    "outcome": (text, ""),
    "sensitivity": (sensitivity, REQUIRED),
    "follow_ups": (entries(FOLLOW_UP), ()),
    "attachments": (entries(ATTACHMENT), ()),
    "hct_summary": (text, ""),  # an Unclassified summary for the HCT (summaries)
    "hct_summary_cleared": (flag, True),  # written by the head of office (cleared), else by an officer (waiting)
    "delivered_language": (one_of(LANGUAGE_CODES), ""),  # which version of its key messages was delivered
}
KEY_MESSAGE = {
    "title": (text, REQUIRED),
    "text": (text, REQUIRED),
    "language": (one_of(LANGUAGE_CODES), "en"),  # the language of ``text``; its versions in others follow
    "text_en": (text, ""),
    "text_fr": (text, ""),
    "text_es": (text, ""),
    "text_ar": (text, ""),
    "issue": (choice("engagements.KeyMessage", "issue"), REQUIRED),
    "status": (one_of(("draft", "agreed", "retired")), REQUIRED),  # "delivered" follows from delivered_at
    "endorsed_months_ago": (whole, None),
    "targets": (texts, ()),
    "delivered_at": (texts, ()),  # keys of engagements
    "sensitivity": (sensitivity, REQUIRED),
}
PARTY = {
    "actor": (text, REQUIRED),
    "answer": (one_of(("acknowledged", "rejected", "no_response")), None),  # none: still awaited
    "after_hours": (whole, None),
    "note": (text, ""),
}
NOTIFICATION = {
    "reference": (text, REQUIRED),
    "kind": (choice("deconfliction.Notification", "kind"), REQUIRED),
    "title": (text, REQUIRED),
    "organisation": (text, REQUIRED),
    "days_ago": (whole, REQUIRED),
    "valid_days": (whole, 0),
    "place": (text, None),
    "coordinates": (point, None),
    "origin": (text, ""),
    "destination": (text, ""),
    "route": (text, ""),
    "with_mission": (flag, False),
    "description": (text, ""),
    "sensitivity": (sensitivity, REQUIRED),
    "parties": (entries(PARTY), REQUIRED),
    "hct_summary": (text, ""),  # an Unclassified summary for the HCT (summaries)
    "hct_summary_cleared": (flag, True),  # written by the head of office (cleared), else by an officer (waiting)
}
INCIDENT = {
    "title": (text, REQUIRED),
    "days_ago": (whole, REQUIRED),
    "category": (choice("incidents.AccessIncident", "category"), REQUIRED),
    "actor": (text, None),
    "place": (text, None),
    "people_affected": (whole, None),
    "activities_suspended": (whole, None),
    "days_affected": (whole, None),
    "source": (choice("incidents.AccessIncident", "source"), REQUIRED),
    "verified": (flag, False),
    "description": (text, ""),
    "sensitivity": (sensitivity, REQUIRED),
    "attachments": (entries(ATTACHMENT), ()),
    "hct_summary": (text, ""),  # an Unclassified summary for the HCT (summaries)
    "hct_summary_cleared": (flag, True),  # written by the head of office (cleared), else by an officer (waiting)
}
PARTICIPANTS = {"female": (whole, 0), "male": (whole, 0), "other": (whole, 0)}
ORGANISATIONS = dict.fromkeys(("military", "police", "nsag", "authorities", "humanitarian", "other"), (whole, 0))
TRAINING = {
    "title": (text, REQUIRED),
    "days_ago": (whole, REQUIRED),  # the first day
    "days": (whole, 1),
    "topics": (members(TrainingTopic.values), ()),
    "audience": (texts, ()),
    "partners": (text, ""),
    "place": (text, None),
    "participants": (mapping(PARTICIPANTS), REQUIRED),
    "from": (mapping(ORGANISATIONS), None),
    "pre_test": (whole, None),
    "post_test": (whole, None),
    "notes": (text, ""),
    "sensitivity": (sensitivity, REQUIRED),
    "attachments": (entries(ATTACHMENT), ()),
}
DOCUMENT = {
    "title": (text, REQUIRED),
    "kind": (choice("planning.PlanningDocument", "kind"), REQUIRED),
    "status": (choice("planning.PlanningDocument", "status"), REQUIRED),
    "effective_months_ago": (whole, None),
    "review_in_days": (whole, None),  # negative: past its review date
    "with_mission": (flag, False),
    "notes": (text, ""),
    "sensitivity": (sensitivity, REQUIRED),
    "attachments": (entries(ATTACHMENT), ()),
}
MCDA = {
    "requested": (text, REQUIRED),
    "asset": (text, REQUIRED),
    "asset_actor": (text, None),
    "from_mission": (flag, False),
    "purpose": (text, REQUIRED),
    "justifications": (members(Justification.values), REQUIRED),
    "justification_notes": (text, ""),
    "days_ago": (whole, REQUIRED),
    "decision": (choice("planning.MCDARequest", "decision"), REQUIRED),
    "decided_after_days": (whole, None),
    "task": (text, None),
    "sensitivity": (sensitivity, REQUIRED),
}
CHECKLIST_ITEM = {
    "code": (text, REQUIRED),
    "status": (choice("planning.ChecklistItem", "status"), REQUIRED),
    "owner": (one_of(OWNER_SLOTS), None),
    "notes": (text, ""),
}
DIGEST = {
    "name": (text, REQUIRED),
    "audience": (choice("digests.DigestSchedule", "audience"), REQUIRED),
    "frequency": (choice("digests.DigestSchedule", "frequency"), REQUIRED),
    "weekday": (named_level(Weekday), Weekday.MONDAY),
    "day_of_month": (whole, 1),
    "hour": (whole, 7),
    "recipients": (members(Standing.values), REQUIRED),
    "extra_recipients": (texts, ()),
    "archived": (whole, 0),  # how many past periods are produced and sent when the schedule is created
}

COUNTRY = {
    "operation": (mapping(OPERATION), REQUIRED),
    "people": (entries(PERSON), REQUIRED),
    "places": (keyed(PLACE), {}),
    "priorities": (entries(PRIORITY), ()),
    "actors": (entries(ACTOR), ()),
    "relationships": (entries(RELATIONSHIP), ()),
    "missions": (entries(MISSION), ()),
    "liaison_officer": (mapping(LIAISON_OFFICER), None),
    "tasks": (entries(TASK), ()),
    "engagements": (entries(ENGAGEMENT), ()),
    "key_messages": (entries(KEY_MESSAGE), ()),
    "notifications": (entries(NOTIFICATION), ()),
    "incidents": (entries(INCIDENT), ()),
    "trainings": (entries(TRAINING), ()),
    "planning_documents": (entries(DOCUMENT), ()),
    "mcda_requests": (entries(MCDA), ()),
    "checklist": (entries(CHECKLIST_ITEM), ()),
    "digests": (entries(DIGEST), ()),
}
