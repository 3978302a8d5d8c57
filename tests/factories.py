"""One factory per model. Defaults make the least privileged, most ordinary record."""

import functools
import hashlib
from datetime import date

import factory
from django.contrib.auth import get_user_model

from cmcoord.core.choices import Role
from cmcoord.operations.choices import CMCoordStrategy, OCHARegion
from cmcoord.operations.models import CountryOperation, HeadquartersAccess, Membership

TEST_PASSWORD = "correct-horse-battery-staple"

COUNTRIES = ["CF", "ML", "SD", "SS", "CD", "YE", "SO", "AF", "NE", "BF", "TD", "NG", "CM", "LY", "IQ", "SY", "LB", "HT"]


@functools.cache
def _test_password_hash():
    """The tests' password hashed once (with the test settings' fast hasher): a user is then saved in one query."""
    from django.contrib.auth.hashers import make_password

    return make_password(TEST_PASSWORD)


class UserFactory(factory.django.DjangoModelFactory):
    """Signs in with ``TEST_PASSWORD``, or with ``password=…`` given in clear."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.LazyFunction(_test_password_hash)

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        password = kwargs.get("password")
        if password and password != _test_password_hash():
            from django.contrib.auth.hashers import make_password

            kwargs["password"] = make_password(password)
        return kwargs


class CountryOperationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CountryOperation
        django_get_or_create = ("country",)

    country = factory.Sequence(lambda n: COUNTRIES[n % len(COUNTRIES)])
    name = factory.LazyAttribute(lambda o: f"Operation {o.country}")
    time_zone = "Africa/Bangui"
    strategy = CMCoordStrategy.COORDINATION
    region = OCHARegion.ROWCA


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    operation = factory.SubFactory(CountryOperationFactory)
    role = Role.OFFICER


class HeadquartersAccessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HeadquartersAccess
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    all_operations = True

    @factory.post_generation
    def operations(self, create, extracted, **kwargs):
        if create and extracted:
            self.operations.set(extracted)


# --- Task log (protection_tasks) ----------------------------------------------------------------


def _catalogue_activity(code="AN-1"):
    from protection_tasks.models import Activity

    return Activity.objects.get(code=code, operation__isnull=True)


class ProtectionPriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "protection_tasks.ProtectionPriority"

    operation = factory.SubFactory(CountryOperationFactory)
    title = factory.Sequence(lambda n: f"Protection priority {n}")


def _next_reference(task):
    """The reference the app would hand out now (``CAF-2026-0042``), from the operation's own counter."""
    from cmcoord.operations.calendar import operation_today
    from protection_tasks.services import next_reference

    return next_reference(task.operation, operation_today(task.operation))


def reserve_references(operation, count):
    """The next ``count`` references of ``operation``, taken from its counter at once, for ``bulk_create``.

    One ``next_reference`` per row would cost four queries a row: thousands for the query budgets' data.
    """
    from django.db.models import F

    from cmcoord.operations.calendar import operation_today
    from protection_tasks.models import TaskReferenceCounter

    year = operation_today(operation).year
    counter, _ = TaskReferenceCounter.objects.get_or_create(operation=operation, year=year)
    TaskReferenceCounter.objects.filter(pk=counter.pk).update(last_number=F("last_number") + count)
    first = counter.last_number + 1
    return [f"{operation.code}-{year}-{number:04d}" for number in range(first, first + count)]


class TaskFactory(factory.django.DjangoModelFactory):
    """A task saved with a plain ``create`` (no service, no timeline entry). Pass ``owner``: there is no default.

    Its reference comes from the operation's counter, as the app hands them out, so that a task the test then
    creates through the app takes the next number rather than one already used.
    """

    class Meta:
        model = "protection_tasks.Task"
        skip_postgeneration_save = True

    operation = factory.SubFactory(CountryOperationFactory)
    reference = factory.LazyAttribute(_next_reference)
    activity = factory.LazyFunction(_catalogue_activity)
    title = factory.Sequence(lambda n: f"Task {n}")
    version = 1

    @factory.post_generation
    def protection_priorities(self, create, extracted, **kwargs):
        if create and extracted:
            self.protection_priorities.set(extracted)

    @factory.post_generation
    def collaborators(self, create, extracted, **kwargs):
        if create and extracted:
            self.collaborators.set(extracted)


class TimelineEntryFactory(factory.django.DjangoModelFactory):
    """A progress note on ``task`` (pass it)."""

    class Meta:
        model = "protection_tasks.TimelineEntry"

    kind = "note"
    text = factory.Sequence(lambda n: f"Progress note {n}")


# --- Actor registry and mission contexts (actors) -----------------------------------------------


class ActorFactory(factory.django.DjangoModelFactory):
    """An actor at the model's default level (Confidential). Pass ``sensitivity`` to choose another."""

    class Meta:
        model = "actors.Actor"

    operation = factory.SubFactory(CountryOperationFactory)
    name = factory.Sequence(lambda n: f"Actor {n}")
    category = "domestic_civilian"
    actor_type = "local_leader"


class ActorAssessmentFactory(factory.django.DjangoModelFactory):
    """An assessment of ``actor``, in the actor's operation. Pass ``assessor`` to avoid a new user per row."""

    class Meta:
        model = "actors.ActorAssessment"

    actor = factory.SubFactory(ActorFactory)
    operation = factory.SelfAttribute("actor.operation")
    stance = "neutral"
    influence = 3
    interest = 3
    strategy = CMCoordStrategy.COORDINATION
    assessor = factory.SubFactory(UserFactory)


class ActorRelationshipFactory(factory.django.DjangoModelFactory):
    """``source`` relationship_type ``target``; by default the target is a new actor of the source's operation."""

    class Meta:
        model = "actors.ActorRelationship"

    source = factory.SubFactory(ActorFactory)
    target = factory.SubFactory(ActorFactory, operation=factory.SelfAttribute("..source.operation"))
    operation = factory.SelfAttribute("source.operation")
    relationship_type = "allied"


class LiaisonContactFactory(factory.django.DjangoModelFactory):
    """A contact person at ``actor``, at the model's default level (Strictly confidential)."""

    class Meta:
        model = "actors.LiaisonContact"

    actor = factory.SubFactory(ActorFactory)
    operation = factory.SelfAttribute("actor.operation")
    name = factory.Sequence(lambda n: f"Contact {n}")


class MissionFactory(factory.django.DjangoModelFactory):
    """A mission saved with a plain ``create`` (operations' peace flag untouched). Pass ``operations=[...]``."""

    class Meta:
        model = "missions.Mission"
        skip_postgeneration_save = True

    acronym = factory.Sequence(lambda n: f"MSN{n}")
    name = factory.Sequence(lambda n: f"Mission {n}")
    kind = "pko"

    @factory.post_generation
    def operations(self, create, extracted, **kwargs):
        if create and extracted:
            self.operations.set(extracted)


class MissionPhaseChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "missions.MissionPhaseChange"

    mission = factory.SubFactory(MissionFactory)
    phase = "active"
    started_on = factory.Faker("date_object")


class CoordinationPlatformFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "missions.CoordinationPlatform"

    mission = factory.SubFactory(MissionFactory)
    name = factory.Sequence(lambda n: f"Protection working group {n}")


class MissionComponentFactory(factory.django.DjangoModelFactory):
    """Pass ``mission`` and ``actor`` (of an operation the mission covers)."""

    class Meta:
        model = "missions.MissionComponent"

    mission = factory.SubFactory(MissionFactory)
    actor = factory.SubFactory(ActorFactory)
    kind = "military"


class MissionLiaisonOfficerFactory(factory.django.DjangoModelFactory):
    """A liaison officer at the model's default level (Strictly confidential). Pass ``mission`` and ``operation``."""

    class Meta:
        model = "missions.MissionLiaisonOfficer"

    mission = factory.SubFactory(MissionFactory)
    operation = factory.SubFactory(CountryOperationFactory)
    name = factory.Sequence(lambda n: f"Liaison officer {n}")


class TaskActorFactory(factory.django.DjangoModelFactory):
    """Pass ``task`` and ``actor`` (of the task's operation)."""

    class Meta:
        model = "actors.TaskActor"

    role = "target"


class TaskMissionFactory(factory.django.DjangoModelFactory):
    """Pass ``task`` and ``mission`` (covering the task's operation)."""

    class Meta:
        model = "missions.TaskMission"


def _content_type_of(record):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(record)


ATTACHMENT_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


class AttachmentFactory(factory.django.DjangoModelFactory):
    """A small PDF attached to ``record`` (pass it: a task or any record taking attachments) by ``uploaded_by``."""

    class Meta:
        model = "attachments.Attachment"

    class Params:
        record = None

    operation = factory.LazyAttribute(lambda o: o.record.operation)
    content_type = factory.LazyAttribute(lambda o: _content_type_of(o.record))
    object_id = factory.LazyAttribute(lambda o: o.record.pk)
    file = factory.django.FileField(data=ATTACHMENT_PDF, filename="minutes.pdf")
    original_name = factory.Sequence(lambda n: f"Minutes {n}.pdf")
    mime_type = "application/pdf"
    size = len(ATTACHMENT_PDF)
    sha256 = hashlib.sha256(ATTACHMENT_PDF).hexdigest()


# --- Engagements, follow-ups and key messages (engagements) ---------------------------------------------


def _days_ago(days):
    from datetime import timedelta

    from django.utils import timezone

    return timezone.now() - timedelta(days=days)


class EngagementFactory(factory.django.DjangoModelFactory):
    """A meeting at the model's default level (Confidential), a week ago. Pass ``operation``; ``actors=[...]``."""

    class Meta:
        model = "engagements.Engagement"
        skip_postgeneration_save = True

    operation = factory.SubFactory(CountryOperationFactory)
    occurred_at = factory.LazyFunction(lambda: _days_ago(7))
    mode = "meeting"
    summary = factory.Sequence(lambda n: f"Engagement summary {n}")

    @factory.post_generation
    def actors(self, create, extracted, **kwargs):
        if create and extracted:
            self.actors.set(extracted)


class FollowUpFactory(factory.django.DjangoModelFactory):
    """A follow-up of ``engagement`` (pass it), of catalogue activity DI-1, not yet a task."""

    class Meta:
        model = "engagements.FollowUp"

    text = factory.Sequence(lambda n: f"Follow-up {n}")
    activity = factory.LazyFunction(lambda: _catalogue_activity("DI-1"))


class KeyMessageFactory(factory.django.DjangoModelFactory):
    """A draft key message at the model's default level (Confidential). Pass ``operation``; ``engagements=[...]``."""

    class Meta:
        model = "engagements.KeyMessage"
        skip_postgeneration_save = True

    operation = factory.SubFactory(CountryOperationFactory)
    title = factory.Sequence(lambda n: f"Key message {n}")
    text = "Armed escorts are a last resort."
    issue = "armed_escorts"

    @factory.post_generation
    def engagements(self, create, extracted, **kwargs):
        if create and extracted:
            self.engagements.set(extracted)

    @factory.post_generation
    def target_actors(self, create, extracted, **kwargs):
        if create and extracted:
            self.target_actors.set(extracted)


class AdminUnitFactory(factory.django.DjangoModelFactory):
    """An admin 1 unit of the Central African Republic; pass ``parent`` (and ``level=2``) for an admin 2 unit."""

    class Meta:
        model = "gazetteer.AdminUnit"

    country = "CF"
    level = 1
    pcode = factory.Sequence(lambda n: f"CF{9000 + n}")
    name = factory.Sequence(lambda n: f"Region {n}")


# --- Humanitarian notification system (deconfliction) --------------------------------------------


class NotificationFactory(factory.django.DjangoModelFactory):
    """A static-site notification at the model's default level (Confidential), its status as saved: "awaiting
    answers". Pass ``parties=[...]`` for their answer rows ("submitted"), and ``submitted_at`` to date it."""

    class Meta:
        model = "deconfliction.Notification"
        skip_postgeneration_save = True

    operation = factory.SubFactory(CountryOperationFactory)
    reference = factory.Sequence(lambda n: f"HNS-{n:05d}")
    title = factory.Sequence(lambda n: f"Site {n}")
    notifying_organisation = "WFP"
    latitude = "5.756700"
    longitude = "20.673200"
    valid_from = factory.Faker("date_between", start_date="-30d", end_date="today")
    valid_to = factory.LazyAttribute(lambda n: n.valid_from)

    @factory.post_generation
    def parties(self, create, extracted, **kwargs):
        if create and extracted:
            from deconfliction.models import PartyAnswer

            PartyAnswer.objects.bulk_create(PartyAnswer(notification=self, party=party) for party in extracted)

    @factory.post_generation
    def tasks(self, create, extracted, **kwargs):
        if create and extracted:
            self.tasks.set(extracted)


class PartyAnswerFactory(factory.django.DjangoModelFactory):
    """Pass ``notification`` and ``party`` (an actor of its operation); "submitted" unless told otherwise."""

    class Meta:
        model = "deconfliction.PartyAnswer"


# --- Access incidents and training events (incidents, trainings) --------------------------------------------


class AccessIncidentFactory(factory.django.DjangoModelFactory):
    """An incident at the model's default level (Confidential), dated in 2026. Pass ``operation``."""

    class Meta:
        model = "incidents.AccessIncident"

    operation = factory.SubFactory(CountryOperationFactory)
    title = factory.Sequence(lambda n: f"Access incident {n}")
    occurred_on = factory.Faker("date_between_dates", date_start=date(2026, 1, 1), date_end=date(2026, 1, 31))
    category = "movement_within"
    source = "partner"


class TrainingFactory(factory.django.DjangoModelFactory):
    """A one-day training at the model's default level (Confidential), with 12 participants. Pass ``operation``."""

    class Meta:
        model = "trainings.Training"

    operation = factory.SubFactory(CountryOperationFactory)
    title = factory.Sequence(lambda n: f"Training {n}")
    start_date = date(2026, 1, 15)
    end_date = factory.SelfAttribute("start_date")
    topics = factory.LazyFunction(lambda: ["ihl"])
    female = 5
    male = 7


# --- Planning and preparedness (planning) --------------------------------------------------------------------


class PlanningDocumentFactory(factory.django.DjangoModelFactory):
    """A draft country-specific guideline at the model's default level (Confidential). Pass ``operation``; for the
    PP-4 flag, ``kind="assessment", status="in_force"`` with ``effective_date`` and ``review_due``."""

    class Meta:
        model = "planning.PlanningDocument"

    operation = factory.SubFactory(CountryOperationFactory)
    kind = "guidelines"
    title = factory.Sequence(lambda n: f"Planning document {n}")
    status = "draft"


class MCDARequestFactory(factory.django.DjangoModelFactory):
    """A pending request with one last-resort justification, at the model's default level (Confidential), made on
    2026-01-05. Pass ``operation``."""

    class Meta:
        model = "planning.MCDARequest"

    operation = factory.SubFactory(CountryOperationFactory)
    requested = factory.Sequence(lambda n: f"Airlift {n} of medical supplies")
    asset = "Mi-8 helicopter"
    purpose = "Deliver cholera kits to a cut-off district"
    no_civilian_alternative = True
    requested_on = date(2026, 1, 5)


class ChecklistItemFactory(factory.django.DjangoModelFactory):
    """A key point of an operation's set-up checklist, not started, at the model's default level (Confidential)."""

    class Meta:
        model = "planning.ChecklistItem"

    operation = factory.SubFactory(CountryOperationFactory)
    code = factory.Sequence(lambda n: f"SU-{n:03d}")
    order = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Key point {n}")
