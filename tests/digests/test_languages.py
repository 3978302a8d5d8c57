"""Digests in the reader's language: each recipient's mail (subject, HTML and text parts) in the language they chose
for their account, else in the schedule's (addresses without an account, people who chose none), else the
operation's; Arabic mails are written right to left. Built once per language when the digest is built, so that a
retried send goes out once, as built; the audience decides what is named, in every language alike."""

from datetime import UTC, datetime
from html import unescape
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse

from cmcoord.accounts.models import AccountPreferences
from cmcoord.core.choices import Standing
from digests import services
from digests.choices import DeliveryStatus, DigestStatus
from digests.models import Digest, DigestSchedule
from tests.digests.test_exactly_once import FlakyConnection
from tests.digests.test_views import form_data
from tests.factories import EngagementFactory
from tests.support import CONFIDENTIAL, MANAGERS, STANDINGS, UNCLASSIFIED, expected_status

NOON_3_MARCH = datetime(2026, 3, 3, 12, tzinfo=UTC)

# What the catalogues say (locale/*/LC_MESSAGES/django.po), written out rather than looked up.
FRENCH = {"subject": "Central African Republic : synthèse périodique CMCoord, du 2026-03-02 au 2026-03-03",
          "section": "Travail par domaine", "button": "Ouvrir le tableau de bord de l'opération"}  # fmt: skip
ARABIC = {"subject": "Central African Republic: الموجز الدوري للتنسيق المدني العسكري، من 2026-03-02 إلى 2026-03-03",
          "section": "العمل حسب مجال المهام", "button": "فتح لوحة معلومات العملية"}  # fmt: skip
ENGLISH = {"subject": "Central African Republic: CMCoord digest, 2026-03-02 to 2026-03-03",
           "section": "Work by task area", "button": "Open the operation dashboard"}  # fmt: skip
SPANISH_SECTION = "Trabajo por área"


def prefer(user, language):
    AccountPreferences.objects.update_or_create(user=user, defaults={"language": language})


def sent(make_schedule, committed, **fields):
    make_schedule(dispatch_from=datetime(2026, 3, 3, tzinfo=UTC), **fields)
    with committed():
        services.dispatch(now=NOON_3_MARCH)
    return {message.to[0]: message for message in mail.outbox}


def parts(message):
    (html, mimetype), *_rest = message.alternatives
    assert mimetype == "text/html"
    return message.subject, html, message.body


def assert_written_in(message, words, language, direction):
    subject, html, text = parts(message)
    assert subject == words["subject"]
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert f'<body dir="{direction}"' in html
    for part in (html, text):
        assert words["section"] in part
    assert words["button"] in unescape(html)


def test_a_digest_in_french_for_a_member_who_chose_french(world, make_schedule, committed):
    prefer(world.hct, "fr")
    mails = sent(make_schedule, committed)
    assert list(mails) == ["hct@example.org"]
    assert_written_in(mails["hct@example.org"], FRENCH, "fr", "ltr")
    assert ENGLISH["section"] not in mails["hct@example.org"].body


def test_a_digest_in_arabic_is_written_right_to_left(world, make_schedule, committed):
    prefer(world.hct, "ar")
    message = sent(make_schedule, committed)["hct@example.org"]
    assert_written_in(message, ARABIC, "ar", "rtl")
    _subject, html, _text = parts(message)
    assert "text-align:left;padding" not in html  # headings start on the right
    assert "text-align:right;padding" in html


def test_a_digest_for_whoever_chose_nothing_is_in_the_schedules_language_else_the_operations(
    world, make_schedule, committed
):
    world.operation.language = "fr"
    world.operation.save()
    assert_written_in(sent(make_schedule, committed)["hct@example.org"], FRENCH, "fr", "ltr")
    mail.outbox.clear()
    Digest.objects.all().delete()
    DigestSchedule.objects.all().delete()
    assert_written_in(sent(make_schedule, committed, language="ar")["hct@example.org"], ARABIC, "ar", "rtl")


def test_mixed_recipients_get_one_mail_each_in_their_language(world, make_schedule, committed):
    prefer(world.hct, "fr")
    prefer(world.head, "ar")
    prefer(world.hq, "")  # chose nothing: the schedule's language
    mails = sent(
        make_schedule,
        committed,
        language="es",
        recipient_roles=[Standing.HCT, Standing.HEAD, Standing.HQ],
        extra_recipients="ngo.focal@example.net",
    )
    assert sorted(message.to[0] for message in mail.outbox) == [
        "hct@example.org", "head@example.org", "hq@example.org", "ngo.focal@example.net",
    ]  # fmt: skip
    assert_written_in(mails["hct@example.org"], FRENCH, "fr", "ltr")
    assert_written_in(mails["head@example.org"], ARABIC, "ar", "rtl")
    for address in ("hq@example.org", "ngo.focal@example.net"):
        _subject, html, text = parts(mails[address])
        assert '<html lang="es" dir="ltr">' in html and SPANISH_SECTION in text, address
    digest = Digest.objects.get()
    assert (digest.language, sorted(digest.in_other_languages)) == ("es", ["ar", "fr"])
    assert dict(digest.deliveries.values_list("address", "language")) == {
        "hct@example.org": "fr", "head@example.org": "ar", "hq@example.org": "es", "ngo.focal@example.net": "es",
    }  # fmt: skip
    assert digest.status == DigestStatus.SENT


def test_a_retried_send_goes_out_once_in_its_language(world, make_schedule, committed, retrying_worker):
    prefer(world.hct, "ar")
    make_schedule(dispatch_from=datetime(2026, 3, 3, tzinfo=UTC))
    connection_ = FlakyConnection(failures=1)
    with mock.patch("digests.services.get_connection", connection_), committed():
        services.dispatch(now=NOON_3_MARCH)
    (message,) = connection_.sent
    assert_written_in(message, ARABIC, "ar", "rtl")
    delivery = Digest.objects.get().deliveries.get()
    assert (delivery.status, delivery.language, delivery.attempts) == (DeliveryStatus.SENT, "ar", 2)
    with mock.patch("digests.services.get_connection", connection_):
        assert services.send(delivery.pk) == "skipped"
    assert len(connection_.sent) == 1


def test_every_language_names_only_what_the_audience_may_read(world, make_schedule, committed):
    """The HCT's digest, in French and Arabic alike, lists the Unclassified engagement and never the Confidential
    one's words: each language's mail is built through the audience's access, not translated from another."""
    day = datetime(2026, 3, 2, 12, tzinfo=UTC)
    EngagementFactory(operation=world.operation, occurred_at=day, sensitivity=UNCLASSIFIED, outcome="Market reopened")
    EngagementFactory(operation=world.operation, occurred_at=day, sensitivity=CONFIDENTIAL, outcome="Commander named")
    prefer(world.hct, "fr")
    prefer(world.head, "ar")
    mails = sent(make_schedule, committed, recipient_roles=[Standing.HCT, Standing.HEAD], language="en")
    assert sorted(mails) == ["hct@example.org", "head@example.org"]
    for message in mail.outbox:
        for part in parts(message):
            assert "Commander named" not in part
        assert "Market reopened" in message.body
    digest = Digest.objects.get()
    assert "Commander named" not in str(digest.in_other_languages) + digest.html + digest.text


def test_a_digest_built_before_languages_is_sent_as_built(world, make_schedule, committed):
    """Deliveries made before this change have no language: they get the digest as it was built."""
    mails = sent(make_schedule, committed)
    assert_written_in(mails["hct@example.org"], ENGLISH, "en", "ltr")
    digest = Digest.objects.get()
    assert digest.mail_in("") == (digest.subject, digest.html, digest.text)
    assert digest.mail_in("fr") == (digest.subject, digest.html, digest.text)  # not built in French: as built


# --- The schedule's language, set by the head of office ---------------------------------------------------------


def schedule_url(name, **kwargs):
    return reverse(f"digests:{name}", kwargs={"code": "CAF", **kwargs})


def test_the_head_sets_the_schedules_language(world, login):
    client = login(world.head)
    assert client.post(schedule_url("schedule-create"), form_data(language="ar")).status_code == 302
    schedule = DigestSchedule.objects.get()
    assert (schedule.language, schedule.mail_language) == ("ar", "ar")
    response = client.post(schedule_url("schedule-edit", pk=schedule.pk), form_data(language="klingon"))
    assert response.status_code == 200 and "language" in response.context["form"].errors
    assert client.post(schedule_url("schedule-edit", pk=schedule.pk), form_data(language="")).status_code == 302
    schedule.refresh_from_db()
    assert (schedule.language, schedule.mail_language) == ("", world.operation.language)


@pytest.mark.parametrize("standing", STANDINGS)
def test_only_the_head_sets_the_language(world, login, make_schedule, standing):
    schedule = make_schedule()
    response = login(world.by_role(standing)).post(
        schedule_url("schedule-edit", pk=schedule.pk), form_data(language="fr")
    )
    schedule.refresh_from_db()
    if standing in MANAGERS:
        assert response.status_code == 302 and schedule.language == "fr"
    else:
        assert response.status_code == expected_status(standing, MANAGERS) and schedule.language == ""


def test_anonymous_cannot_set_the_language(client, world, make_schedule):
    schedule = make_schedule()
    response = client.post(schedule_url("schedule-edit", pk=schedule.pk), form_data(language="fr"))
    assert response.status_code == 302 and "login" in response["Location"]
    schedule.refresh_from_db()
    assert schedule.language == ""


def test_the_archive_says_which_language_each_recipient_got(world, login, make_schedule, committed):
    prefer(world.hct, "fr")
    sent(make_schedule, committed)
    digest = Digest.objects.get()
    page = login(world.head).get(schedule_url("digest-detail", pk=digest.pk)).content.decode()
    assert "French" in page


def test_building_in_several_languages_costs_the_same_for_two_recipients_or_forty(world, make_schedule):
    """Each language the recipients read is built once, whatever the number of recipients: forty HCT members in
    French and Arabic cost what two do (their languages are read in one query)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import MembershipFactory

    prefer(world.hct, "fr")
    costs = []
    for period, members in ((1, 1), (2, 39)):
        for number in range(members):
            user = MembershipFactory(operation=world.operation, role="hct", user__username=f"hct{period}-{number}").user
            prefer(user, ["ar", "fr"][number % 2])
        schedule = make_schedule(name=f"Digest {period}")
        digest, _created = services.digest_for_period(
            schedule, datetime(2026, 3, 2, 6, tzinfo=UTC), datetime(2026, 3, 3, 6, tzinfo=UTC)
        )
        with CaptureQueriesContext(connection) as queries:
            assert services.build(digest.pk)
        costs.append(len(queries))
        digest.refresh_from_db()
        assert (digest.language, sorted(digest.in_other_languages)) == ("en", ["ar", "fr"])
    assert costs[0] == costs[1], costs
    assert Digest.objects.get(schedule__name="Digest 2").deliveries.count() == 41
