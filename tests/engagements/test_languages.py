"""Key messages in several languages: a message carries its text in each language it was agreed in, its page shows
the reader's language's version (or the text in its own language, saying so), and an engagement records which
language's version was delivered; the API and the exports carry the versions and the delivered language.

Who reads a version is who reads the message: the versions are fields of the message, shown on its page, in the API
and the export only, each through ``restrict`` (the permission matrix of tests/records covers the pages; here the
versions themselves, level by level and standing by standing)."""

import re
from html import unescape

import pytest
from django.utils import timezone

from engagements.models import Engagement, KeyMessage
from tests.exports.support import csv_rows, export_url
from tests.factories import EngagementFactory, KeyMessageFactory
from tests.support import (
    API_LEVELS,
    CONFIDENTIAL,
    EDITORS,
    STANDINGS,
    STRICTLY_CONFIDENTIAL,
    UNCLASSIFIED,
    VIEW_LEVELS,
    section,
)

from .conftest import LEVELS, engagements_url

ENGLISH = "Armed escorts are a last resort."
FRENCH = "Les escortes armées sont un dernier recours."
SPANISH = "Las escoltas armadas son un último recurso."
ARABIC = "الحراسة المسلحة هي الملاذ الأخير."


def _text_of(html, testid):
    """The text of the element ``data-testid=testid``, tags taken out, spaces single."""
    return " ".join(unescape(re.sub(r"<[^>]*>", " ", section(html, testid))).split())


def in_language(client, code):
    """The client as a reader who chose ``code`` with the switcher (the cookie it sets)."""
    client.cookies["cmcoord_language"] = code
    return client


@pytest.fixture
def message(world):
    """An Unclassified key message written in English, agreed in French too."""
    return KeyMessageFactory(
        operation=world.operation, sensitivity=UNCLASSIFIED, status="agreed", text=ENGLISH, text_fr=FRENCH
    )


def _message_form(**changes):
    data = {"title": "Escorts, last resort", "issue": "armed_escorts", "status": "agreed", "language": "en",
            "text": ENGLISH, "sensitivity": UNCLASSIFIED}  # fmt: skip
    data.update(changes)
    return data


def _engagement_form(**changes):
    now = timezone.localtime(timezone.now() - timezone.timedelta(hours=2), timezone.get_current_timezone())
    data = {"occurred_at": now.strftime("%Y-%m-%dT%H:%M"), "mode": "meeting", "sensitivity": CONFIDENTIAL,
            "summary": "Talk at the checkpoint"}  # fmt: skip
    data.update(changes)
    return data


# --- The key message's form ---------------------------------------------------------------------------------


def test_the_head_of_office_enters_each_languages_version(world, login):
    response = login(world.head).post(
        engagements_url("key-message-create"),
        _message_form(language="fr", text=FRENCH, text_en=ENGLISH, text_es=SPANISH, text_ar=ARABIC),
    )
    assert response.status_code == 302
    message = KeyMessage.objects.get(title="Escorts, last resort")
    assert (message.language, message.text, message.text_en, message.text_es, message.text_ar) == (
        "fr", FRENCH, ENGLISH, SPANISH, ARABIC,
    )  # fmt: skip
    assert message.text_fr == ""
    assert message.languages == ["fr", "en", "es", "ar"]


def test_a_version_in_the_texts_own_language_is_refused(world, login):
    response = login(world.head).post(
        engagements_url("key-message-create"), _message_form(language="fr", text=FRENCH, text_fr=FRENCH)
    )
    assert response.status_code == 200
    assert "text_fr" in response.context["form"].errors
    assert not KeyMessage.objects.exists()


def test_an_unknown_language_is_refused_not_an_error(world, login):
    response = login(world.head).post(engagements_url("key-message-create"), _message_form(language="xx"))
    assert response.status_code == 200 and "language" in response.context["form"].errors


def test_a_new_message_is_written_in_the_offices_language_unless_told(world, login):
    world.operation.language = "fr"
    world.operation.save()
    client = login(world.head)
    form = client.get(engagements_url("key-message-create")).context["form"]
    assert form["language"].value() == "fr"
    assert 'lang="ar" dir="rtl"' in str(form["text_ar"])  # the Arabic version is typed right to left
    data = _message_form(text=FRENCH)
    del data["language"]
    assert client.post(engagements_url("key-message-create"), data).status_code == 302
    assert KeyMessage.objects.get().language == "fr"


def test_editing_without_the_language_keeps_it(world, login):
    message = KeyMessageFactory(operation=world.operation, language="es", text=SPANISH, text_en=ENGLISH)
    data = _message_form(text=SPANISH, text_en=ENGLISH, version=message.version)
    del data["language"]
    response = login(world.head).post(engagements_url("key-message-edit", pk=message.pk), data)
    assert response.status_code == 302
    message.refresh_from_db()
    assert (message.language, message.text_en) == ("es", ENGLISH)


# --- The key message's page ---------------------------------------------------------------------------------


def _shown(response):
    """The message's text as the page shows it, and the language it says it is in (its ``lang``)."""
    html = response.content.decode()
    start = html.index('data-testid="key-message-text"')
    tag = html[html.rindex("<p", 0, start) : html.index(">", start)]
    lang = tag.split('lang="')[1].split('"')[0]
    return lang, _text_of(html, "key-message-text")


def test_a_french_reader_reads_the_french_version(world, login, message):
    response = in_language(login(world.hct), "fr").get(engagements_url("key-message-detail", pk=message.pk))
    assert response.status_code == 200
    assert _shown(response) == ("fr", FRENCH)
    assert ENGLISH not in response.content.decode()


def test_an_english_reader_reads_the_text_as_written(world, login, message):
    response = in_language(login(world.hct), "en").get(engagements_url("key-message-detail", pk=message.pk))
    assert _shown(response) == ("en", ENGLISH)
    assert "Shown in English. Also agreed in: French." in _text_of(response.content.decode(), "key-message-language")


def test_a_reader_whose_language_it_lacks_reads_its_own_language_and_is_told(world, login, message):
    for code in ("ar", "es"):
        response = in_language(login(world.hct), code).get(engagements_url("key-message-detail", pk=message.pk))
        assert _shown(response) == ("en", ENGLISH), code
        assert FRENCH not in response.content.decode()


def test_the_fallback_is_the_texts_own_language_not_english(world, login):
    message = KeyMessageFactory(operation=world.operation, sensitivity=UNCLASSIFIED, language="fr", text=FRENCH,
                                text_ar=ARABIC)  # fmt: skip
    client = login(world.officer)
    assert _shown(in_language(client, "es").get(engagements_url("key-message-detail", pk=message.pk))) == (
        "fr",
        FRENCH,
    )
    assert _shown(in_language(client, "ar").get(engagements_url("key-message-detail", pk=message.pk))) == (
        "ar",
        ARABIC,
    )


def test_a_blank_version_is_no_version(world, login):
    message = KeyMessageFactory(operation=world.operation, sensitivity=UNCLASSIFIED, text=ENGLISH, text_fr="  \n ")
    assert message.languages == ["en"]
    response = in_language(login(world.officer), "fr").get(engagements_url("key-message-detail", pk=message.pk))
    assert _shown(response) == ("en", ENGLISH)


# --- The engagement records the language delivered ----------------------------------------------------------


def test_an_engagement_records_which_languages_version_was_delivered(world, login, message):
    client = login(world.officer)
    response = client.post(
        engagements_url("engagement-create"), _engagement_form(key_messages=[message.pk], delivered_language="fr")
    )
    assert response.status_code == 302
    engagement = Engagement.objects.get()
    assert engagement.delivered_language == "fr"
    assert list(engagement.key_messages.all()) == [message]
    page = in_language(client, "en").get(engagement.get_absolute_url()).content.decode()
    assert _text_of(page, "engagement-delivered-language") == "French"
    deliveries = client.get(engagements_url("key-message-detail", pk=message.pk)).content.decode()
    assert "in French" in _text_of(deliveries, "key-message-deliveries")


def test_a_language_the_message_was_not_agreed_in_is_refused(world, login, message):
    client = login(world.officer)
    for language in ("es", "ar"):
        response = client.post(
            engagements_url("engagement-create"),
            _engagement_form(key_messages=[message.pk], delivered_language=language),
        )
        assert response.status_code == 200
        assert "delivered_language" in response.context["form"].errors
    assert not Engagement.objects.exists()


def test_a_language_without_key_messages_is_refused(world, login, message):
    response = login(world.officer).post(
        engagements_url("engagement-create"), _engagement_form(delivered_language="fr")
    )
    assert response.status_code == 200 and "delivered_language" in response.context["form"].errors


def test_an_unknown_language_is_a_field_error(world, login, message):
    for value in ("xx", "f" * 500, "fr\x00"):
        response = login(world.officer).post(
            engagements_url("engagement-create"), _engagement_form(key_messages=[message.pk], delivered_language=value)
        )
        assert response.status_code == 200 and "delivered_language" in response.context["form"].errors


def test_the_engagement_form_offers_only_the_languages_its_key_messages_have(world, login, message):
    KeyMessageFactory(operation=world.operation, sensitivity=UNCLASSIFIED, language="en", text_ar=ARABIC)
    # Another operation's message in Spanish offers no Spanish; CAF's Strictly confidential one does, to its officer.
    KeyMessageFactory(operation=world.other_operation, sensitivity=UNCLASSIFIED, text_es=SPANISH)
    KeyMessageFactory(operation=world.operation, sensitivity=STRICTLY_CONFIDENTIAL, text_es=SPANISH)
    form = login(world.officer).get(engagements_url("engagement-create")).context["form"]
    offered = [code for code, _name in form.fields["delivered_language"].choices]
    assert offered == ["", "en", "fr", "ar", "es"]  # the officer reads CAF's Strictly confidential one
    KeyMessage.objects.filter(operation=world.operation, text_es=SPANISH).delete()
    form = login(world.officer).get(engagements_url("engagement-create")).context["form"]
    assert [code for code, _name in form.fields["delivered_language"].choices] == ["", "en", "fr", "ar"]


# --- The API and the exports ---------------------------------------------------------------------------------


def test_the_api_carries_the_versions_and_the_delivered_language(world, login, message):
    engagement = EngagementFactory(operation=world.operation, sensitivity=UNCLASSIFIED, delivered_language="fr")
    message.engagements.set([engagement])
    client = login(world.hq)
    found = client.get(f"/api/v1/key-messages/{message.pk}/").json()
    assert (found["language"], found["text"], found["text_fr"], found["text_es"]) == ("en", ENGLISH, FRENCH, "")
    assert client.get(f"/api/v1/engagements/{engagement.pk}/").json()["delivered_language"] == "fr"


def test_the_api_writes_a_version_through_the_form(world, login, message):
    client = login(world.head)
    response = client.patch(
        f"/api/v1/key-messages/{message.pk}/",
        {"text_es": SPANISH},
        content_type="application/json",
        headers={"If-Match": f'"{message.version}"'},
    )
    assert response.status_code == 200, response.content
    message.refresh_from_db()
    assert message.text_es == SPANISH
    response = client.patch(
        f"/api/v1/key-messages/{message.pk}/",
        {"text_en": ENGLISH},
        content_type="application/json",
        headers={"If-Match": f'"{message.version}"'},
    )
    assert response.status_code == 400 and "text_en" in response.json()


def _rows(client, name):
    response = client.get(export_url(name, "csv"))
    assert response.status_code == 200
    _header, hxl, *rows = csv_rows(response)
    return [dict(zip(hxl, row, strict=True)) for row in rows]


def test_the_exports_carry_the_versions_and_the_delivered_language(world, login, message):
    EngagementFactory(operation=world.operation, sensitivity=UNCLASSIFIED, delivered_language="fr")
    client = login(world.officer)
    (row,) = _rows(client, "key-messages")
    assert (row["#description"], row["#description+i_fr"], row["#description+i_ar"]) == (ENGLISH, FRENCH, "")
    assert row["#meta+lang"] == "English"
    (engagement,) = _rows(client, "engagements")
    assert engagement["#meta+lang+delivered"] == "French"


# --- Who reads a version ---------------------------------------------------------------------------------------


@pytest.fixture
def level_versions(world):
    """A CAF key message per level, each with a French version of its own words."""
    return {
        level: KeyMessageFactory(operation=world.operation, sensitivity=level, title=f"Message {level}",
                                 text=f"English words {level}", text_fr=f"Mots français {level}")
        for level in LEVELS
    }  # fmt: skip


def test_anonymous_reads_no_version(client, world, level_versions):
    for message in level_versions.values():
        response = in_language(client, "fr").get(engagements_url("key-message-detail", pk=message.pk))
        assert response.status_code == 302 and "Mots français" not in response.content.decode()
    assert client.get("/api/v1/key-messages/").status_code in (401, 403)


@pytest.mark.parametrize("standing", STANDINGS)
def test_each_standing_reads_the_versions_of_what_it_may_read_only(world, login, level_versions, standing):
    client = in_language(login(world.by_role(standing)), "fr")
    for level, message in level_versions.items():
        response = client.get(engagements_url("key-message-detail", pk=message.pk))
        readable = level in VIEW_LEVELS[standing]
        assert response.status_code == (200 if readable else 404), level  # a record one may not read: not found
        assert (f"Mots français {level}" in response.content.decode()) is readable
    api = client.get("/api/v1/key-messages/")
    texts = str(api.json()) if api.status_code == 200 else ""
    for level in LEVELS:
        assert (f"Mots français {level}" in texts) is (level in API_LEVELS[standing]), level


@pytest.mark.parametrize("standing", STANDINGS)
def test_only_editors_enter_versions(world, login, level_versions, standing):
    message = level_versions[UNCLASSIFIED]
    data = _message_form(title=message.title, text=message.text, text_es=SPANISH, version=message.version)
    response = login(world.by_role(standing)).post(engagements_url("key-message-edit", pk=message.pk), data)
    message.refresh_from_db()
    if standing in EDITORS:
        assert response.status_code == 302 and message.text_es == SPANISH
    else:
        assert response.status_code in (403, 404) and message.text_es == ""


@pytest.mark.parametrize("standing", STANDINGS)
def test_only_editors_record_the_delivered_language(world, login, message, standing):
    engagement = EngagementFactory(operation=world.operation, sensitivity=UNCLASSIFIED)
    data = _engagement_form(sensitivity=UNCLASSIFIED, key_messages=[message.pk], delivered_language="fr",
                            version=engagement.version)  # fmt: skip
    response = login(world.by_role(standing)).post(engagements_url("engagement-edit", pk=engagement.pk), data)
    engagement.refresh_from_db()
    if standing in EDITORS:
        assert response.status_code == 302 and engagement.delivered_language == "fr"
    else:
        assert response.status_code in (403, 404) and engagement.delivered_language == ""


def test_a_message_the_officer_may_not_read_cannot_be_delivered_in_a_language(world, login, message):
    """The languages offered come from the messages the user reads; a hidden message's id is refused, as before."""
    hidden = KeyMessageFactory(operation=world.other_operation, sensitivity=UNCLASSIFIED, text_es=SPANISH)
    response = login(world.officer).post(
        engagements_url("engagement-create"), _engagement_form(key_messages=[hidden.pk], delivered_language="es")
    )
    assert response.status_code == 200 and "key_messages" in response.context["form"].errors
    assert not Engagement.objects.exists()


# --- No lost update: each version is a field of its own -----------------------------------------------------------


def test_a_colleagues_version_is_not_overwritten_by_a_form_opened_before(world, login, message):
    """The head adds the Spanish version while an officer edits the title from the same version: the officer's save
    is refused (409) and the merged form keeps the officer's title and takes the head's Spanish version; saving it
    keeps both. With a JSON field of translations, the form opened before would have put the old versions back."""
    url = engagements_url("key-message-edit", pk=message.pk)
    opened = _message_form(title=message.title, text=ENGLISH, text_fr=FRENCH, version=message.version)
    assert login(world.head).post(url, {**opened, "text_es": SPANISH}).status_code == 302
    response = login(world.officer).post(url, {**opened, "title": "Escorts only as a last resort"})
    assert response.status_code == 409
    merged = response.context["form"].data
    assert (merged["title"], merged["text_es"], merged["text_fr"]) == ("Escorts only as a last resort", SPANISH, FRENCH)
    assert login(world.officer).post(url, merged).status_code == 302
    message.refresh_from_db()
    assert (message.title, message.text_es, message.text_fr) == ("Escorts only as a last resort", SPANISH, FRENCH)


def test_two_people_changing_the_same_version_must_choose(world, login, message):
    url = engagements_url("key-message-edit", pk=message.pk)
    opened = _message_form(title=message.title, text=ENGLISH, text_fr=FRENCH, version=message.version)
    assert login(world.head).post(url, {**opened, "text_fr": "Les escortes : dernier recours."}).status_code == 302
    response = login(world.officer).post(url, {**opened, "text_fr": "Escortes armées : en dernier recours."})
    assert response.status_code == 409
    assert [d.name for d in response.context["merge"].disagreements] == ["text_fr"]
    message.refresh_from_db()
    assert message.text_fr == "Les escortes : dernier recours."


def test_the_api_schema_offers_every_language_to_deliver_in(db):
    """The schema's request bodies come from the form built for nobody: it must not read as "no language" (an empty
    enum) but as every language the API takes, the key messages chosen deciding on saving."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema["components"]["schemas"]
    bodies = [name for name, body in components.items() if "delivered_language" in body.get("properties", {})]
    assert any(name.startswith("Engagement") and name.endswith("New") for name in bodies), bodies
    for name in bodies:
        field = components[name]["properties"]["delivered_language"]
        refs = [item["$ref"].rsplit("/", 1)[1] for item in field.get("oneOf", field.get("allOf", [])) if "$ref" in item]
        enums = [components[ref].get("enum") for ref in refs if ref not in ("BlankEnum", "NullEnum")]
        assert enums == [["en", "fr", "ar", "es"]], (name, field)
