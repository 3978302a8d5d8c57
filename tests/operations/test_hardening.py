"""Removing a member: only the confirmed POST removes anyone, and never the operation's last head of office."""

from django.urls import reverse

from cmcoord.core.choices import Role
from cmcoord.operations.models import Membership


def remove_url(membership):
    return reverse("operations:member-remove", kwargs={"code": membership.operation.code, "pk": membership.pk})


def test_delete_on_the_remove_address_answers_405_and_removes_nobody(world, login):
    officer = Membership.objects.get(user=world.officer)
    head = Membership.objects.get(user=world.head)
    client = login(world.head)
    for membership in (officer, head):
        assert client.delete(remove_url(membership)).status_code == 405
    assert Membership.objects.filter(pk__in=[officer.pk, head.pk]).count() == 2


def test_other_methods_than_get_and_post_remove_nobody(world, login):
    officer = Membership.objects.get(user=world.officer)
    client = login(world.head)
    for method in ("put", "patch"):
        assert getattr(client, method)(remove_url(officer)).status_code == 405
    assert Membership.objects.filter(pk=officer.pk).exists()


def test_posting_the_removal_of_the_last_head_is_refused_with_a_message(world, login):
    head = Membership.objects.get(user=world.head)
    response = login(world.head).post(remove_url(head), follow=True)
    assert response.status_code == 200
    assert "The operation needs at least one head of office." in response.text
    assert Membership.objects.filter(pk=head.pk, role=Role.HEAD).exists()
