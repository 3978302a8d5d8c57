"""What the engagement services do beyond saving: a key message recorded at an engagement becomes "Delivered"."""

from engagements import services
from engagements.choices import KeyMessageStatus
from engagements.models import Engagement
from tests.factories import EngagementFactory, KeyMessageFactory


def test_a_key_message_recorded_at_an_engagement_becomes_delivered(world):
    """From the engagement's side or the message's own, drafted and agreed messages become "Delivered" (audited, the
    version moved on); a retired one stays retired."""
    agreed = KeyMessageFactory(operation=world.operation, status=KeyMessageStatus.AGREED)
    retired = KeyMessageFactory(operation=world.operation, status=KeyMessageStatus.RETIRED)
    engagement = EngagementFactory(operation=world.operation)
    services.engagement_edit(
        user=world.officer,
        engagement=Engagement.objects.get(pk=engagement.pk),
        expected_version=engagement.version,
        key_messages=[agreed, retired],
    )
    agreed.refresh_from_db()
    retired.refresh_from_db()
    assert (agreed.status, agreed.version) == (KeyMessageStatus.DELIVERED, 2)
    assert agreed.history.first().history_user == world.officer
    assert retired.status == KeyMessageStatus.RETIRED
    drafted = KeyMessageFactory.build(operation=world.operation, status=KeyMessageStatus.DRAFT)
    services.key_message_create(user=world.officer, message=drafted, engagements=[engagement])
    assert drafted.status == KeyMessageStatus.DELIVERED
    undelivered = KeyMessageFactory.build(operation=world.operation, status=KeyMessageStatus.AGREED)
    services.key_message_create(user=world.officer, message=undelivered)
    assert undelivered.status == KeyMessageStatus.AGREED
