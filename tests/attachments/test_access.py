from cmcoord.attachments.models import Attachment
from cmcoord.core.access import Action


def test_smoke(world, attached, client):
    assert list(Attachment.objects.restrict(world.officer, Action.VIEW)) == [attached.attachment]
    assert list(Attachment.objects.restrict(world.hct, Action.VIEW)) == []
    client.force_login(world.officer)
    r = client.get(attached.attachment.get_absolute_url())
    assert r.status_code == 200, r
    assert b"".join(r.streaming_content).startswith(b"%PDF")
    r = client.get(attached.task.get_absolute_url())
    assert r.status_code == 200
    assert "Commander meeting.pdf" in r.text
