"""How the demo writes what an office keeps: planning documents, MCDA requests, the set-up checklist, and the digest
schedules with the digests they produced. Through the apps' services and forms, as the head of office would."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.test.utils import override_settings

from cmcoord.core.access import Action
from cmcoord.core.scoping import save_within_scope
from cmcoord.records.services import create_record
from digests import periods
from digests import sections as digest_sections
from digests import services as digest_services
from digests.forms import DigestScheduleForm
from digests.models import Digest, DigestDelivery, DigestSchedule
from planning import services as planning_services
from planning.choices import Decision, ItemStatus, Justification
from planning.models import MCDARequest, PlanningDocument

from .field import present_mission

if TYPE_CHECKING:
    from .loader import _Country

# The demo's recipients are invented (example.org): their deliveries go through the real sending path, to a backend
# that mails nobody.
NO_MAIL = "django.core.mail.backends.dummy.EmailBackend"


# --- Planning documents and MCDA requests -----------------------------------------------------------------------


def create_document(country: _Country, spec: dict, today: date, now: datetime) -> PlanningDocument:
    months, review = spec["effective_months_ago"], spec["review_in_days"]
    document = PlanningDocument(
        operation=country.operation,
        kind=spec["kind"],
        title=spec["title"],
        status=spec["status"],
        effective_date=today - relativedelta(months=months) if months is not None else None,
        review_due=today + timedelta(days=review) if review is not None else None,
        mission=present_mission(country, spec["with_mission"]),
        notes=spec["notes"],
        sensitivity=spec["sensitivity"],
    )
    return create_record(user=country.people["officer"], record=document, links={"tasks": []})


def create_mcda_request(country: _Country, spec: dict, today: date, now: datetime) -> MCDARequest:
    requested_on = today - timedelta(days=spec["days_ago"])
    decided = spec["decision"] != Decision.PENDING
    if decided and spec["decided_after_days"] is None:
        raise ValueError("a decision needs decided_after_days")
    request = MCDARequest(
        operation=country.operation,
        requested=spec["requested"],
        asset=spec["asset"],
        asset_actor=country.actors[spec["asset_actor"]] if spec["asset_actor"] else None,
        asset_mission=present_mission(country, spec["from_mission"]),
        purpose=spec["purpose"],
        **{choice.value: choice.value in spec["justifications"] for choice in Justification},
        justification_notes=spec["justification_notes"],
        requested_on=requested_on,
        decision=spec["decision"],
        decided_on=requested_on + timedelta(days=spec["decided_after_days"]) if decided else None,
        task=country.tasks[spec["task"]] if spec["task"] else None,
        sensitivity=spec["sensitivity"],
    )
    return create_record(user=country.people["officer"], record=request)


# --- The set-up checklist ---------------------------------------------------------------------------------------


def checklist_item(country: _Country, items: dict, spec: dict) -> None:
    """Record an entry's progress on a copied key point (``items``: the operation's, by code) if nobody has worked
    on it yet: an item edited since, by the demo or a user, is left as it is."""
    item = items.get(spec["code"])
    if item is None:
        raise ValueError(f"{spec['code']!r} is not a key point of the shipped checklist")
    if item.version != 1 or item.status != ItemStatus.NOT_STARTED:
        return
    item.status, item.notes = spec["status"], spec["notes"]
    item.owner = country.people[spec["owner"]] if spec["owner"] else None
    planning_services.checklist_item_edit(user=country.people["head"], item=item, expected_version=item.version)


# --- Digests ----------------------------------------------------------------------------------------------------


def create_schedule(country: _Country, spec: dict, today: date) -> DigestSchedule:
    """A schedule saved through the head of office's form, its first period far enough back for its archive."""
    head = country.people["head"]
    weeks = {"daily": 0, "weekly": 1, "fortnightly": 2, "monthly": 5}[spec["frequency"]]
    data = {
        "name": spec["name"],
        "audience": spec["audience"],
        "frequency": spec["frequency"],
        "weekday": str(spec["weekday"]),
        "day_of_month": str(spec["day_of_month"]),
        "hour": str(spec["hour"]),
        "starts_on": (today - timedelta(weeks=weeks * (spec["archived"] + 1), days=1)).isoformat(),
        "recipient_roles": list(spec["recipients"]),
        "extra_recipients": "\n".join(spec["extra_recipients"]),
        "sections": [section.key for section in digest_sections.available()],
        "active": "on",
    }
    form = DigestScheduleForm(data=data, user=head, operation=country.operation)
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    return save_within_scope(head, form.instance, save=form.save, action=Action.MANAGE)


def archive_digests(schedule: DigestSchedule, count: int, now: datetime) -> None:
    """The schedule's last ``count`` periods produced, built and sent by the digest services, as the dispatcher
    would have done had it run then; dated as sent at the end of their period."""
    cadence = schedule.cadence
    for period_start, period_end in periods.due_periods(cadence, after=now - timedelta(days=366), now=now, limit=count):
        digest, _created = digest_services.digest_for_period(schedule, period_start, period_end)
        digest_services.build(digest.pk)
        with override_settings(EMAIL_BACKEND=NO_MAIL):
            for delivery in digest.deliveries.values_list("pk", flat=True):
                digest_services.send(delivery)
        Digest.objects.filter(pk=digest.pk).update(
            created_at=period_end, built_at=period_end, sent_at=period_end, updated_at=period_end
        )
        DigestDelivery.objects.filter(Q(digest=digest), ~Q(sent_at=None)).update(
            sent_at=period_end, updated_at=period_end
        )
