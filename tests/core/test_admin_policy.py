"""The site administration is no side door: a superuser with no standing in any operation, on every page of it.

Records of every type the administration registers are made at each level in CAF; every text of the Strictly
confidential and Confidential ones (and of their past versions) carries a marker. No page of the administration —
list, search, change, add, history, each past version, delete confirmation — may show a marker, revert a version
or change a level.
"""

import re

import pytest
from django.contrib import admin
from django.db import models
from django.urls import NoReverseMatch, reverse

from cmcoord.core.admin import PolicyAdminMixin, PolicyFieldsMixin, is_levelled
from tests import factories as f
from tests.support import CONFIDENTIAL, STRICTLY_CONFIDENTIAL, UNCLASSIFIED

MARK = "HIDDENMARK"
SHOWN = re.compile(MARK + r"\d")  # a record's marked text (a search for MARK itself echoes MARK alone)
# Texts that are identifiers of a kind, not prose (a checksum, a MIME type): left as the factory made them.
UNMARKED = {"mime_type", "sha256", "reference", "code", "acronym", "pcode"}


def _mark(record, level):
    """Give every free text of ``record`` a marker when its level is above what the administration may see."""
    if level == UNCLASSIFIED:
        return record
    for field in record._meta.concrete_fields:
        if (
            isinstance(field, (models.CharField, models.TextField))
            and not field.choices
            and not field.unique
            and field.name not in UNMARKED
            and "pcode" not in field.name
            and field.name != "topics"
            and not isinstance(field, models.FileField)
        ):
            setattr(record, field.name, f"{MARK}{record.pk}-{field.name}"[: field.max_length or 100])
    record.save()  # a version of the record as it is now: marked
    return record


def _records(world, level):
    """One record of every levelled type, at ``level`` (through its own field or the record it belongs to)."""
    op, officer = world.operation, world.officer
    actor = f.ActorFactory(operation=op, sensitivity=UNCLASSIFIED)
    task = f.TaskFactory(operation=op, owner=officer, sensitivity=level)
    mission = f.MissionFactory(operations=[op])
    engagement = f.EngagementFactory(operation=op, sensitivity=level)
    notification = f.NotificationFactory(operation=op, sensitivity=level)
    made = [
        task,
        f.TimelineEntryFactory(task=task, author=officer),
        f.ActorFactory(operation=op, sensitivity=level),
        f.LiaisonContactFactory(actor=actor, sensitivity=level),
        f.ActorAssessmentFactory(actor=actor, sensitivity=level, assessor=officer),
        f.ActorRelationshipFactory(
            source=actor, target=f.ActorFactory(operation=op, sensitivity=UNCLASSIFIED), sensitivity=level
        ),
        f.TaskActorFactory(task=task, actor=actor),
        f.MissionComponentFactory(mission=mission, actor=f.ActorFactory(operation=op, sensitivity=level)),
        f.MissionLiaisonOfficerFactory(mission=mission, operation=op, sensitivity=level),
        f.TaskMissionFactory(task=task, mission=mission),
        engagement,
        f.FollowUpFactory(engagement=engagement),
        f.KeyMessageFactory(operation=op, sensitivity=level),
        notification,
        f.PartyAnswerFactory(notification=notification, party=actor),
        f.AccessIncidentFactory(operation=op, sensitivity=level),
        f.TrainingFactory(operation=op, sensitivity=level),
        f.PlanningDocumentFactory(operation=op, sensitivity=level),
        f.MCDARequestFactory(operation=op, sensitivity=level),
        f.ChecklistItemFactory(operation=op, sensitivity=level),
        f.AttachmentFactory(record=engagement, uploaded_by=officer),
    ]
    return [_mark(record, level) for record in made]


@pytest.fixture
def levelled(world):
    records = {level: _records(world, level) for level in (UNCLASSIFIED, CONFIDENTIAL, STRICTLY_CONFIDENTIAL)}
    # A record that was Strictly confidential and is Unclassified now: its past version keeps the marker.
    lowered = f.EngagementFactory(operation=world.operation, sensitivity=STRICTLY_CONFIDENTIAL)
    _mark(lowered, STRICTLY_CONFIDENTIAL)
    for field in lowered._meta.concrete_fields:
        if str(getattr(lowered, field.attname)).startswith(MARK):
            setattr(lowered, field.attname, "Open")
    lowered.sensitivity, lowered.summary = UNCLASSIFIED, "Now open"
    lowered.save()
    records["lowered"] = lowered
    return records


def _admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def _registered_levelled():
    return [model for model in admin.site._registry if is_levelled(model)]


def test_every_admin_class_on_the_site_goes_through_the_policy():
    """The URL walk's part for the administration: no registered model, nor inline, escapes the policy."""
    assert len(admin.site._registry) >= 30
    for model, model_admin in admin.site._registry.items():
        assert isinstance(model_admin, PolicyAdminMixin), model
        for inline in model_admin.inlines:
            assert issubclass(inline, PolicyFieldsMixin), (model, inline)
    assert len(_registered_levelled()) >= 20


def _pages(client, model, pk):
    yield _admin_url(model, "change", pk)
    yield _admin_url(model, "delete", pk)
    try:
        yield _admin_url(model, "history", pk)
    except NoReverseMatch:
        return
    if hasattr(model, "history"):
        for version in model.history.filter(**{model._meta.pk.attname: pk}).values_list("history_id", flat=True):
            yield _admin_url(model, "simple_history", pk, version)


def test_no_page_of_the_administration_shows_what_it_may_not_see(client, world, levelled):
    client.force_login(world.admin)
    assert world.admin.is_superuser
    answered = 0
    for model in admin.site._registry:
        urls = [_admin_url(model, "changelist"), _admin_url(model, "changelist") + f"?q={MARK}"]
        urls.append(_admin_url(model, "add"))
        for pk in model._base_manager.values_list("pk", flat=True)[:200]:
            urls.extend(_pages(client, model, pk))
        for url in urls:
            response = client.get(url)
            assert response.status_code < 500, url
            if response.status_code == 200:
                answered += 1
                assert not SHOWN.search(response.content.decode()), url
    assert answered > 200  # the walk really opened pages, not only redirects


def test_records_above_unclassified_are_not_listed_and_their_pages_are_closed(client, world, levelled):
    client.force_login(world.admin)
    for level in (CONFIDENTIAL, STRICTLY_CONFIDENTIAL):
        for record in levelled[level]:
            model = type(record)
            if not is_levelled(model):
                continue
            for view in ("change", "delete", "history"):
                response = client.get(_admin_url(model, view, record.pk))
                assert response.status_code in (302, 404), (model, view, response.status_code)
    # The Unclassified ones are there to be repaired.
    for record in levelled[UNCLASSIFIED]:
        response = client.get(_admin_url(type(record), "change", record.pk))
        assert response.status_code == 200, type(record)
    task_list = client.get(_admin_url(type(levelled[UNCLASSIFIED][0]), "changelist")).content.decode()
    assert levelled[UNCLASSIFIED][0].title in task_list
    assert levelled[CONFIDENTIAL][0].reference not in task_list


def test_a_past_version_at_a_higher_level_is_not_listed_nor_opened(client, world, levelled):
    client.force_login(world.admin)
    lowered = levelled["lowered"]
    history = client.get(_admin_url(type(lowered), "history", lowered.pk))
    assert history.status_code == 200
    assert MARK not in history.content.decode()
    for version in lowered.history.filter(sensitivity=STRICTLY_CONFIDENTIAL):
        page = client.get(_admin_url(type(lowered), "simple_history", lowered.pk, version.history_id))
        assert page.status_code == 404


def test_no_version_can_be_reverted(client, world, levelled):
    """The history's "Revert" was a side door: it rewrote a Strictly confidential record and lowered its level."""
    client.force_login(world.admin)
    lowered = levelled["lowered"]
    for version in lowered.history.all():
        url = _admin_url(type(lowered), "simple_history", lowered.pk, version.history_id)
        response = client.post(url, {"sensitivity": UNCLASSIFIED, "summary": "rewritten", "_continue": "1"})
        assert response.status_code == 405
    for record in levelled[STRICTLY_CONFIDENTIAL]:
        model = type(record)
        if not hasattr(model, "history"):
            continue
        for version in model.history.filter(**{model._meta.pk.attname: record.pk}):
            client.post(_admin_url(model, "simple_history", record.pk, version.history_id), {"sensitivity": 1})
    lowered.refresh_from_db()
    assert lowered.summary == "Now open"
    for record in levelled[STRICTLY_CONFIDENTIAL]:
        if "sensitivity" in {field.name for field in record._meta.concrete_fields}:
            assert type(record)._base_manager.get(pk=record.pk).sensitivity == STRICTLY_CONFIDENTIAL


def test_the_level_is_read_only_on_the_change_page(client, world, levelled):
    client.force_login(world.admin)
    incident = next(r for r in levelled[UNCLASSIFIED] if r._meta.model_name == "accessincident")
    page = client.get(_admin_url(type(incident), "change", incident.pk))
    assert 'name="sensitivity"' not in page.content.decode()
    data = {
        "operation": incident.operation_id,
        "title": "Repaired title",
        "occurred_on": incident.occurred_on.isoformat(),
        "category": incident.category,
        "source": incident.source,
        "sensitivity": STRICTLY_CONFIDENTIAL,
        "version": incident.version,
    }
    client.post(_admin_url(type(incident), "change", incident.pk), data)
    incident.refresh_from_db()
    assert incident.sensitivity == UNCLASSIFIED


def test_related_choices_name_no_record_the_administration_may_not_see(client, world, levelled):
    """Foreign keys are chosen by id and labelled only when visible; links to records with a level are not on
    the form at all (they are made on the product's pages)."""
    client.force_login(world.admin)
    hidden_actor = next(r for r in levelled[STRICTLY_CONFIDENTIAL] if r._meta.model_name == "actor")
    hidden_actor.name = f"{MARK}-name"
    hidden_actor.save()
    component = next(r for r in levelled[STRICTLY_CONFIDENTIAL] if r._meta.model_name == "missioncomponent")
    assert component.actor.sensitivity == STRICTLY_CONFIDENTIAL
    # Pointing an Unclassified record at a hidden one is refused, not saved.
    contact = next(r for r in levelled[UNCLASSIFIED] if r._meta.model_name == "liaisoncontact")
    response = client.post(
        _admin_url(type(contact), "change", contact.pk),
        {"actor": hidden_actor.pk, "operation": contact.operation_id, "name": "x", "version": 1},
    )
    assert response.status_code == 200
    assert MARK not in response.content.decode()
    contact.refresh_from_db()
    assert contact.actor_id != hidden_actor.pk
    engagement = next(r for r in levelled[UNCLASSIFIED] if r._meta.model_name == "engagement")
    engagement_form = client.get(_admin_url(type(engagement), "change", engagement.pk))
    assert 'name="actors"' not in engagement_form.content.decode()


def test_a_deletion_that_would_reach_a_hidden_record_is_refused(client, world, levelled):
    client.force_login(world.admin)
    actor = f.ActorFactory(operation=world.operation, sensitivity=UNCLASSIFIED, name="Open actor")
    contact = f.LiaisonContactFactory(actor=actor, sensitivity=STRICTLY_CONFIDENTIAL, name=f"{MARK}-contact")
    url = _admin_url(type(actor), "delete", actor.pk)
    page = client.get(url).content.decode()
    assert MARK not in page
    assert "1 liaison contact that the site administration may not see" in page
    client.post(url, {"post": "yes"})
    assert type(actor).objects.filter(pk=actor.pk).exists()
    assert type(contact).objects.filter(pk=contact.pk).exists()
    # The bulk action takes the same path.
    changelist = _admin_url(type(actor), "changelist")
    bulk = client.post(changelist, {"action": "delete_selected", "_selected_action": [actor.pk], "post": "yes"})
    assert MARK not in bulk.content.decode()
    assert type(actor).objects.filter(pk=actor.pk).exists()
    # Nothing hidden in the way: the deletion goes ahead.
    lone = f.ActorFactory(operation=world.operation, sensitivity=UNCLASSIFIED)
    client.post(_admin_url(type(lone), "delete", lone.pk), {"post": "yes"})
    assert not type(lone).objects.filter(pk=lone.pk).exists()


def test_every_attachment_page_of_the_administration_answers(client, world, levelled):
    client.force_login(world.admin)
    attachment = next(r for r in levelled[UNCLASSIFIED] if r._meta.model_name == "attachment")
    for view in ("change", "history", "delete"):
        assert client.get(_admin_url(type(attachment), view, attachment.pk)).status_code == 200, view
    hidden = next(r for r in levelled[STRICTLY_CONFIDENTIAL] if r._meta.model_name == "attachment")
    assert client.get(_admin_url(type(hidden), "change", hidden.pk)).status_code == 302


def test_the_index_keeps_no_recent_actions_naming_records(client, world, levelled):
    client.force_login(world.admin)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Recent actions" not in page
    assert "CMCoord Tracker administration" in page
