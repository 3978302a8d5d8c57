"""How the demo writes the records of the operation's field work: engagements with their follow-ups, key messages,
humanitarian notifications with their parties' answers, access incidents, trainings, and the files attached to
them. Each goes through the app's services (the record kit's ``create_record`` where the app has none of its own),
so the demo meets the rules a user's input meets; an entry that breaks one is reported by the loader."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta
from django.contrib.contenttypes.models import ContentType
from django.core.files import File

from cmcoord.attachments.models import Attachment
from cmcoord.attachments.services import attachment_create
from cmcoord.attachments.validators import detect_kind
from cmcoord.records.services import create_record
from deconfliction import services as notification_services
from deconfliction.models import Notification, PartyAnswer
from engagements import services as engagement_services
from engagements.models import Engagement, FollowUp, KeyMessage, encode_topics
from incidents.models import AccessIncident
from summaries.services import summary_write
from trainings.models import Training

if TYPE_CHECKING:
    from .loader import _Country

_NO_PLACE = {"admin1_name": "", "admin1_pcode": "", "admin2_name": "", "admin2_pcode": ""}


# --- Helpers --------------------------------------------------------------------------------------------------


def place_fields(country: _Country, key: str | None) -> dict:
    """The four place fields of a record from a place key of the file (none: no place)."""
    if key is None:
        return dict(_NO_PLACE)
    place = country.data["places"][key]
    return {
        "admin1_name": place["admin1"],
        "admin1_pcode": place["admin1_pcode"],
        "admin2_name": place["admin2"],
        "admin2_pcode": place["admin2_pcode"],
    }


def moment(country: _Country, today: date, days_ago: int, at: tuple[int, int], now: datetime) -> datetime:
    """``days_ago`` days before the operation's today at its local time ``at``, never later than now."""
    local = datetime.combine(today - timedelta(days=days_ago), time(*at), tzinfo=country.operation.time_zone)
    return min(local, now)


def summarise(country: _Country, record, spec: dict) -> None:
    """The record's summary for the HCT, if the file gives one: written by the head of office (so cleared), or by
    an officer (so waiting for the head's clearance) where ``hct_summary_cleared`` is false."""
    if spec.get("hct_summary"):
        writer = country.people["head" if spec["hct_summary_cleared"] else "officer"]
        summary_write(user=writer, record=record, text=spec["hct_summary"])


def present_mission(country: _Country, wanted: bool):
    if not wanted:
        return None
    if country.mission is None:
        raise ValueError("no mission is present in this operation (active, drawdown or transition)")
    return country.mission


def activity(country: _Country, code: str):
    """A Guidance Note activity of the shipped catalogue, by its code."""
    if code not in country.catalogue:
        raise ValueError(f"unknown activity code {code!r} (not in the catalogue)")
    return country.catalogue[code]


# --- Engagements and key messages -----------------------------------------------------------------------------


def create_engagement(country: _Country, spec: dict, today: date, now: datetime) -> Engagement:
    """An engagement recorded by its author, with its actors, OCHA participants, tasks and agreed follow-ups."""
    people = country.people
    author = people[spec["recorded_by"]]
    engagement = Engagement(
        operation=country.operation,
        occurred_at=moment(country, today, spec["days_ago"], spec["at"], now),
        mode=spec["mode"],
        mission=present_mission(country, spec["with_mission"]),
        other_participants=spec["other_participants"],
        topics=encode_topics(spec["topics"]),
        summary=spec["summary"],
        outcome=spec["outcome"],
        sensitivity=spec["sensitivity"],
        delivered_language=spec["delivered_language"],
        **place_fields(country, spec["place"]),
    )
    engagement = engagement_services.engagement_create(
        user=author,
        engagement=engagement,
        actors=[country.actors[key] for key in spec["actors"]],
        ocha_participants=[people[slot] for slot in spec["participants"]],
        tasks=[country.tasks[title] for title in spec["tasks"]],
    )
    for item in spec["follow_ups"]:
        due = today + timedelta(days=item["due_in_days"]) if item["due_in_days"] is not None else None
        follow_up = FollowUp(
            engagement=engagement,
            text=item["text"],
            owner=people[item["owner"]] if item["owner"] else None,
            due_date=due,
            activity=activity(country, item["activity"]),
        )
        engagement_services.follow_up_add(user=author, follow_up=follow_up)
    summarise(country, engagement, spec)
    return engagement


def create_key_message(country: _Country, spec: dict, today: date, now: datetime) -> KeyMessage:
    """A key message of the HCT; recorded as delivered at the engagements it names (its status then follows)."""
    months = spec["endorsed_months_ago"]
    message = KeyMessage(
        operation=country.operation,
        title=spec["title"],
        text=spec["text"],
        language=spec["language"],
        text_en=spec["text_en"],
        text_fr=spec["text_fr"],
        text_es=spec["text_es"],
        text_ar=spec["text_ar"],
        issue=spec["issue"],
        status=spec["status"],
        endorsed_on=today - relativedelta(months=months) if months is not None else None,
        sensitivity=spec["sensitivity"],
    )
    return engagement_services.key_message_create(
        user=country.people["officer"],
        message=message,
        target_actors=[country.actors[key] for key in spec["targets"]],
        engagements=[country.engagements[key] for key in spec["delivered_at"]],
    )


# --- Notifications ----------------------------------------------------------------------------------------------


def create_notification(country: _Country, spec: dict, today: date, now: datetime) -> Notification:
    """A notification submitted to its parties, then each answer that came, after ``after_hours`` hours."""
    officer = country.people["officer"]
    submitted = moment(country, today, spec["days_ago"], (9, 0), now)
    valid_from = submitted.astimezone(country.operation.time_zone).date()
    latitude = longitude = None
    if spec["coordinates"]:
        latitude, longitude = (Decimal(str(value)) for value in spec["coordinates"])
    notification = Notification(
        operation=country.operation,
        reference=spec["reference"],
        kind=spec["kind"],
        title=spec["title"],
        notifying_organisation=spec["organisation"],
        description=spec["description"],
        latitude=latitude,
        longitude=longitude,
        origin=spec["origin"],
        destination=spec["destination"],
        route=spec["route"],
        valid_from=valid_from,
        valid_to=valid_from + timedelta(days=spec["valid_days"]),
        submitted_at=submitted,
        mission=present_mission(country, spec["with_mission"]),
        sensitivity=spec["sensitivity"],
        **place_fields(country, spec["place"]),
    )
    parties = [country.actors[party["actor"]] for party in spec["parties"]]
    notification = notification_services.notification_create(user=officer, notification=notification, parties=parties)
    for party in spec["parties"]:
        if party["answer"] is None:
            continue  # still awaited: overdue once the operation's response time has passed
        answer = PartyAnswer.objects.get(notification=notification, party=country.actors[party["actor"]])
        notification_services.answer_record(
            user=officer,
            answer=answer,
            status=party["answer"],
            answered_at=min(submitted + timedelta(hours=party["after_hours"]), now),
            note=party["note"],
            expected_version=answer.version,
        )
    summarise(country, notification, spec)
    return notification


# --- Access incidents and trainings -----------------------------------------------------------------------------


def create_incident(country: _Country, spec: dict, today: date, now: datetime) -> AccessIncident:
    incident = AccessIncident(
        operation=country.operation,
        title=spec["title"],
        occurred_on=today - timedelta(days=spec["days_ago"]),
        category=spec["category"],
        actor=country.actors[spec["actor"]] if spec["actor"] else None,
        people_affected=spec["people_affected"],
        activities_suspended=spec["activities_suspended"],
        days_affected=spec["days_affected"],
        source=spec["source"],
        verified=spec["verified"],
        description=spec["description"],
        sensitivity=spec["sensitivity"],
        **place_fields(country, spec["place"]),
    )
    incident = create_record(user=country.people["officer"], record=incident)
    summarise(country, incident, spec)
    return incident


def create_training(country: _Country, spec: dict, today: date, now: datetime) -> Training:
    start = today - timedelta(days=spec["days_ago"])
    people, origin = spec["participants"], spec["from"] or {}
    training = Training(
        operation=country.operation,
        title=spec["title"],
        start_date=start,
        end_date=start + timedelta(days=spec["days"] - 1),
        topics=list(spec["topics"]),
        partners=spec["partners"],
        female=people["female"],
        male=people["male"],
        sex_other=people["other"],
        **{f"from_{name}": count for name, count in origin.items()},
        pre_test_score=spec["pre_test"],
        post_test_score=spec["post_test"],
        notes=spec["notes"],
        sensitivity=spec["sensitivity"],
        **place_fields(country, spec["place"]),
    )
    audience = [country.actors[key] for key in spec["audience"]]
    return create_record(user=country.people["officer"], record=training, links={"audience": audience})


# --- Attachments ------------------------------------------------------------------------------------------------


def attach(record, files: list[dict], folder, user) -> None:
    """Attach each file of ``folder`` the entry names that the record does not carry yet (matched by file name)."""
    content_type = ContentType.objects.get_for_model(type(record))
    attached = Attachment.objects.filter(content_type=content_type, object_id=record.pk)
    present = set(attached.values_list("original_name", flat=True))
    for item in files:
        if item["file"] in present:
            continue
        path = folder / item["file"]
        if not path.is_file():
            raise ValueError(f"attachment {item['file']!r} is not in {folder}")
        with path.open("rb") as handle:
            upload = File(handle, name=item["file"])
            attachment_create(
                user=user, record=record, upload=upload, kind=detect_kind(upload), description=item["description"]
            )
