"""Files on a notification (the notification as sent, a party's written answer): listed on its page and served
exactly as the notification is read; never in the digest or the API."""

import pytest

from tests.factories import AttachmentFactory
from tests.support import CONFIDENTIAL, STANDINGS, VIEW_LEVELS

from .conftest import notification_url


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def attached(world, level_notifications):
    notification = level_notifications[CONFIDENTIAL]
    attachment = AttachmentFactory(record=notification, uploaded_by=world.officer, original_name="Signed HNS form.pdf")
    return notification, attachment


@pytest.mark.parametrize("standing", STANDINGS)
def test_a_confidential_notifications_file_is_read_as_the_notification(login, world, attached, standing):
    notification, attachment = attached
    client = login(world.by_role(standing))
    download = client.get(attachment.get_absolute_url())
    readable = CONFIDENTIAL in VIEW_LEVELS[standing]
    assert download.status_code == (200 if readable else 404), standing  # the HCT and other operations: 404
    if readable:
        assert "Signed HNS form.pdf" in client.get(notification_url(notification)).text


def test_the_file_stays_out_of_the_api(login, world, attached):
    notification, _attachment = attached
    response = login(world.officer).get(f"/api/v1/notifications/{notification.pk}/")
    assert response.status_code == 200 and "Signed HNS form" not in response.text
