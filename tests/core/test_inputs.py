"""The strict input rules (``cmcoord.core.inputs``) on each kind of field, and on the pages and API the issue named.

``tests/core/test_hardening.py`` walks every form page, every FilterSet and every API list with the same values, to
show that no form or filter escapes the rules; here each rule is shown on the examples of the issue.
"""

from datetime import date
from decimal import Decimal

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from cmcoord.core.forms import StrictForm
from cmcoord.core.inputs import ascii_integer
from deconfliction.forms import NotificationForm
from deconfliction.models import Notification
from tests.factories import ActorFactory, EngagementFactory, TaskFactory
from tests.support import UNCLASSIFIED, actors_url

NOT_ASCII_NUMBERS = ["\u0661\u0662\u0663", "\uff11\u0662\u0663", "+5", "1e2", "\u00b2", "1\u00a0000"]
ASCII_MESSAGE = "digits 0 to 9 only"
RANGE_MESSAGE = "Choose a date between 2000-01-01 and 2100-12-31."


class Sample(StrictForm):
    count = forms.IntegerField(required=False)
    latitude = forms.DecimalField(required=False, max_digits=9, decimal_places=6)
    share = forms.FloatField(required=False)
    day = forms.DateField(required=False)
    moment = forms.DateTimeField(required=False)
    ticked = forms.BooleanField(required=False)
    title = forms.CharField(required=False)
    notes = forms.CharField(required=False, widget=forms.Textarea)
    secret = forms.CharField(required=False, widget=forms.PasswordInput)
    file = forms.FileField(required=False)


def sample(data, files=None):
    form = Sample(QueryDict(mutable=True) if data is None else data, files)
    form.is_valid()
    return form


@pytest.mark.parametrize("value", [*NOT_ASCII_NUMBERS, "10.0"])
def test_an_integer_takes_ascii_digits_only_and_says_so(value):
    form = sample({"count": value})
    assert ASCII_MESSAGE in form.errors["count"][0]


@pytest.mark.parametrize("value", ["\u0665", "\uff15", "+5", "1e2", "5,5"])
def test_a_decimal_takes_ascii_digits_and_a_dot_only(value):
    form = sample({"latitude": value, "share": value})
    assert ASCII_MESSAGE in form.errors["latitude"][0]
    assert ASCII_MESSAGE in form.errors["share"][0]


def test_ascii_numbers_still_pass():
    form = sample({"count": " 123 ", "latitude": "-4.25", "share": "0.5"})
    assert form.errors == {}
    assert (form.cleaned_data["count"], form.cleaned_data["latitude"]) == (123, Decimal("-4.25"))


@pytest.mark.parametrize("day", ["0001-01-01", "1000-01-01", "1899-12-31", "1999-12-31", "2101-01-01"])
def test_a_date_outside_2000_to_2100_is_refused(day):
    form = sample({"day": day, "moment": f"{day} 00:00"})
    assert form.errors["day"] == [RANGE_MESSAGE]
    assert form.errors["moment"] == [RANGE_MESSAGE]


def test_a_date_in_other_digits_is_refused_and_the_edges_pass():
    assert ASCII_MESSAGE in sample({"day": "\u0662\u0660\u0662\u0666-01-01"}).errors["day"][0]
    form = sample({"day": "2000-01-01", "moment": "2100-12-31 23:59"})
    assert form.errors == {}
    assert form.cleaned_data["day"] == date(2000, 1, 1)


@pytest.mark.parametrize("value", ["0", "bogus", "1", "yes"])
def test_a_checkbox_refuses_what_no_checkbox_sends(value):
    form = sample({"ticked": value})
    assert form.errors["ticked"] == [f"A checkbox is either ticked or not: “{value}” is neither."]


@pytest.mark.parametrize(("value", "ticked"), [("on", True), ("true", True), ("True", True), ("false", False)])
def test_a_checkbox_takes_what_checkboxes_and_django_send(value, ticked):
    form = sample({"ticked": value})
    assert form.errors == {}
    assert form.cleaned_data["ticked"] is ticked


def test_an_unticked_checkbox_is_absent_and_reads_false():
    form = sample({})
    assert form.errors == {}
    assert form.cleaned_data["ticked"] is False


def test_text_loses_bidirectional_controls_and_long_text_only_the_overrides():
    form = sample(
        {"title": "A\u202eB\u2067C\u2069\u200f", "notes": "\u0645\u200f\u202eX\u202d\u2067Y\u2069", "secret": "p\u202e"}
    )
    assert form.cleaned_data["title"] == "ABC"
    assert form.cleaned_data["notes"] == "\u0645\u200fX\u2067Y\u2069"  # marks and isolates stay: Arabic needs them
    assert form.cleaned_data["secret"] == "p\u202e"  # a password is never changed behind its owner's back


def test_text_that_was_not_utf8_is_refused_with_a_message():
    data = QueryDict("title=Caf%E9&notes=ok", encoding="utf-8")  # Latin-1 é: Django reads U+FFFD
    assert "\ufffd" in data["title"]
    form = sample(data)
    assert form.errors["title"] == [
        "This contains characters that are not valid text (UTF-8) and cannot be saved; type it again."
    ]


def test_one_file_field_takes_one_file():
    files = QueryDict(mutable=True)
    files.setlist("file", [SimpleUploadedFile("a.txt", b"a"), SimpleUploadedFile("b.txt", b"b")])
    form = sample({}, files)
    assert form.errors["file"] == ["Choose one file here; 2 were sent. Attach the others one at a time."]
    one = QueryDict(mutable=True)
    one.setlist("file", [SimpleUploadedFile("a.txt", b"a")])
    assert sample({}, one).errors == {}


def test_a_field_added_after_the_form_was_built_follows_the_rules_too():
    form = Sample({"extra": "\u0661"})
    form.fields["extra"] = forms.IntegerField()
    assert ASCII_MESSAGE in form.errors["extra"][0]


@pytest.mark.parametrize(
    ("text", "number"), [("12", 12), (" 7 ", 7), ("-3", -3), ("\u0661", None), ("+5", None), ("9" * 19, None)]
)
def test_numbers_read_outside_forms_take_ascii_digits(text, number):
    assert ascii_integer(text) == number


# --- The examples of the issue, on the product's own forms, filters and API ----------------------------------


def notification_data(world, **changes):
    data = {
        "reference": "HNS-CAF-2026-0001", "kind": "static_site", "title": "Bambari hub",
        "notifying_organisation": "WFP", "submitted_at": "2026-11-20T10:00", "valid_from": "2026-11-20",
        "valid_to": "2026-12-20", "sensitivity": "2", "latitude": "5.75", "longitude": "20.67",
    }  # fmt: skip
    data.update(changes)
    return data


@pytest.mark.parametrize(
    "submitted_at", ["0001-01-01T00:00", "1000-01-01T00:00", "1899-12-31T23:00", "1999-12-31T10:00"]
)
def test_a_notification_submitted_before_2000_is_a_form_error_not_a_500(world, login, submitted_at):
    client = login(world.officer)
    client.raise_request_exception = False
    response = client.post("/operations/CAF/notifications/new/", notification_data(world, submitted_at=submitted_at))
    assert response.status_code == 200
    assert RANGE_MESSAGE in response.text
    assert not Notification.objects.exists()


@pytest.mark.parametrize("latitude", ["\u0665", "+5", "1e1"])
def test_a_notification_latitude_in_other_digits_is_refused(world, login, latitude):
    form = NotificationForm(notification_data(world, latitude=latitude), user=world.officer, operation=world.operation)
    assert not form.is_valid()
    assert ASCII_MESSAGE in form.errors["latitude"][0]


def test_an_actor_is_not_picked_by_its_number_in_other_digits(world):
    actor = ActorFactory(operation=world.operation, sensitivity=UNCLASSIFIED)
    arabic = "".join(chr(0x0660 + int(digit)) for digit in str(actor.pk))
    form = NotificationForm(notification_data(world, parties=[arabic]), user=world.officer, operation=world.operation)
    assert not form.is_valid()
    assert ASCII_MESSAGE in form.errors["parties"][0]
    form = NotificationForm(
        notification_data(world, parties=[str(actor.pk)]), user=world.officer, operation=world.operation
    )
    form.is_valid()
    assert "parties" not in form.errors


def test_a_checkbox_posted_as_0_does_not_make_an_actor_a_party_to_the_conflict(world, login):
    from actors.models import Actor

    data = {"name": "Front Populaire", "category": "nsag", "actor_type": "rebel_group", "party_to_conflict": "0"}
    response = login(world.officer).post(actors_url("actor-create"), data)
    assert response.status_code == 200
    assert "A checkbox is either ticked or not: “0” is neither." in response.text
    assert not Actor.objects.exists()


def test_actor_aliases_and_engagement_participants_are_names_without_bidirectional_controls(world):
    actor = ActorFactory.build(
        operation=world.operation, aliases="Front\u202e du Nord\nF\u2067PN\u2069", description="\u202eX\u200f"
    )
    actor.full_clean()
    assert actor.aliases == "Front du Nord\nFPN"
    assert actor.description == "X\u200f"  # long text: the override goes, the mark stays
    engagement = EngagementFactory.build(
        operation=world.operation, other_participants="Col. \u202ealoK\nMajor \u2066Bria\u2069", summary="\u202eok"
    )
    engagement.clean()
    assert (engagement.other_participants, engagement.summary) == ("Col. aloK\nMajor Bria", "ok")


def test_a_filter_in_other_digits_is_refused_on_the_page_and_in_the_api(world, login):
    task = TaskFactory(operation=world.operation, owner=world.officer, sensitivity=UNCLASSIFIED)
    client = login(world.officer)
    arabic_owner = "".join(chr(0x0660 + int(digit)) for digit in str(world.officer.pk))
    response = client.get(reverse("task-list"), {"owner": arabic_owner})
    assert response.status_code == 400
    assert ASCII_MESSAGE in response.json()["owner"][0]
    assert (
        client.get(reverse("task-list"), {"owner": world.officer.pk}).json()["results"][0]["reference"]
        == task.reference
    )
    response = client.get(reverse("task-list"), {"due_after": "1999-12-31"})
    assert response.status_code == 400
    assert response.json()["due_after"] == [RANGE_MESSAGE]


@pytest.mark.parametrize("page_size", ["\u0665\u0660", "+50", "5e1"])
def test_the_api_page_size_takes_ascii_digits(world, login, page_size):
    response = login(world.officer).get(reverse("task-list"), {"page_size": page_size})
    assert response.status_code == 400
    assert ASCII_MESSAGE in response.json()["page_size"][0]


def test_a_query_string_that_is_not_utf8_answers_400_saying_so(world, login):
    client = login(world.officer)
    response = client.get("/operations/CAF/tasks/?q=Caf%E9")
    assert response.status_code == 400
    assert "not valid text (UTF-8)" in response.text
    assert "not valid text (UTF-8)" in client.get("/api/v1/tasks/?q=Caf%E9").json()["detail"]


def test_a_form_body_that_is_not_utf8_is_refused_with_a_message(world, login):
    client = login(world.officer)
    body = "name=Caf%E9&category=nsag&actor_type=rebel_group"
    response = client.post(actors_url("actor-create"), body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert "not valid text (UTF-8) and cannot be saved" in response.text


def test_a_multipart_body_that_is_not_utf8_is_refused_with_a_message(world, login):
    boundary = "BoUnDaRy"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\n'.encode()
        + b"Caf\xe9\r\n"
        + f'--{boundary}\r\nContent-Disposition: form-data; name="category"\r\n\r\nnsag\r\n--{boundary}--\r\n'.encode()
    )
    response = login(world.officer).post(
        actors_url("actor-create"), body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert response.status_code == 200
    assert "not valid text (UTF-8) and cannot be saved" in response.text


def test_the_answer_to_put_on_a_form_page_is_405(world, login):
    client = login(world.officer)
    for method in ("put", "patch", "delete"):
        response = getattr(client, method)(actors_url("actor-create"), "name=x")
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD, POST, OPTIONS"
    assert client.get(actors_url("actor-create")).status_code == 200


def test_timezone_aware_datetimes_are_judged_in_their_own_zone():
    """Midnight of 1 January 2000 in Bangui is still 1999 in UTC: the operation's date is what counts."""
    from deconfliction.forms import OperationDateTimeField

    field = OperationDateTimeField(time_zone="Africa/Bangui")
    form = StrictForm({"moment": "2000-01-01T00:30"})
    form.fields["moment"] = field
    assert form.is_valid(), form.errors
    assert timezone.localtime(form.cleaned_data["moment"], timezone.get_fixed_timezone(0)).year == 1999


@pytest.mark.parametrize(("number", "page"), [("2", 2), ("\u0662", 1), ("+2", 1), ("2.0", 1), (None, 1)])
def test_a_page_number_in_other_digits_is_no_page_number(number, page):
    from cmcoord.core.views import forgiving_page_number

    assert forgiving_page_number(number) == page


def test_an_api_cursor_positioned_in_other_digits_was_not_made_here(world, login):
    from base64 import b64encode
    from urllib.parse import urlencode

    task = TaskFactory(operation=world.operation, owner=world.officer, sensitivity=UNCLASSIFIED)
    client = login(world.officer)
    for position, status in [("\u0660", 404), ("0", 200)]:
        cursor = b64encode(urlencode({"p": position}).encode()).decode()
        response = client.get(reverse("task-list"), {"cursor": cursor})
        assert response.status_code == status
    assert response.json()["results"][0]["reference"] == task.reference
