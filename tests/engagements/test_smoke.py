from tests.engagements.conftest import engagements_url


def test_pages_answer(world, login, level_messages, level_engagements):
    client = login(world.officer)
    engagement = next(iter(level_engagements.values()))
    message = next(iter(level_messages.values()))
    for url in [
        engagements_url("engagement-list"),
        engagements_url("engagement-create"),
        engagements_url("engagement-detail", pk=engagement.pk),
        engagements_url("engagement-edit", pk=engagement.pk),
        engagements_url("key-message-list"),
        engagements_url("key-message-create"),
        engagements_url("key-message-detail", pk=message.pk),
        engagements_url("key-message-edit", pk=message.pk),
        "/api/v1/engagements/",
        "/api/v1/key-messages/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:3000])
