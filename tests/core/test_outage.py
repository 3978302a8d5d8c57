"""A database that restarts or fails over: a request that meets the lost connection answers a short 503
"temporarily unavailable" page (never a 500 with a trace), a read is tried once more on a fresh connection, the
next request after recovery works without restarting anything, and Celery tasks retry."""

from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from cmcoord.core.outage import DatabaseRetryTask
from cmcoord.operations.views.home import HomeView

pytestmark = pytest.mark.django_db(transaction=True)  # a connection lost inside a test's transaction cannot recover

LOST = "server closed the connection unexpectedly"


@pytest.fixture
def browser_client(world):
    """A signed-in officer whose client answers as a real server does (the error page, not the exception)."""
    client = Client(raise_request_exception=False)
    client.force_login(world.officer)
    return client


@contextmanager
def home_fails(times):
    """The home page's first ``times`` renderings meet a lost database connection."""
    original = HomeView.get_context_data
    calls = []

    def failing(self, **kwargs):
        calls.append(self.request.method)
        if len(calls) <= times:
            raise OperationalError(LOST)
        return original(self, **kwargs)

    with mock.patch.object(HomeView, "get_context_data", failing):
        yield calls


def assert_unavailable_page(response):
    assert response.status_code == 503
    text = response.content.decode()
    assert "Temporarily unavailable" in text and "Try again in a minute" in text
    assert "Traceback" not in text and LOST not in text and "OperationalError" not in text
    assert response["Retry-After"] == "30" and "no-store" in response["Cache-Control"]


def test_a_read_is_tried_once_more_a_write_never_and_both_answer_503_while_it_is_down(browser_client):
    with home_fails(times=1) as calls:
        response = browser_client.get(reverse("home"))
    assert response.status_code == 200
    assert "Central African Republic" in response.content.decode()
    assert calls == ["GET", "GET"]

    with home_fails(times=2) as calls:  # still down at the second try
        response = browser_client.get(reverse("home"))
    assert_unavailable_page(response)
    assert calls == ["GET", "GET"]  # one more try, no more
    assert browser_client.get(reverse("home")).status_code == 200  # the next request, nothing restarted

    # A write is never repeated; the API and the middleware (before any view) answer 503 too.
    with mock.patch.object(HomeView, "post", create=True, side_effect=OperationalError(LOST)) as post:
        response = browser_client.post(reverse("home"))
    assert_unavailable_page(response)
    assert post.call_count == 1

    with mock.patch("cmcoord.core.api.ScopedReadOnlyViewSet.list", side_effect=OperationalError(LOST), create=True):
        response = browser_client.get("/api/v1/operations/")
    assert response.status_code == 503
    assert response.json() == {"detail": "The service is temporarily unavailable. Try again in a minute."}

    # The session and the user are read by middleware, before any view: the 500 handler tells the outage apart.
    with mock.patch("django.contrib.sessions.backends.db.SessionStore.load", side_effect=OperationalError(LOST)):
        response = browser_client.post(reverse("home"))
    assert_unavailable_page(response)


# --- On PostgreSQL: the connection really ended by the server ----------------------------------------------------


def test_a_connection_ended_by_the_server_during_a_request_and_a_restart(browser_client, terminate_backend):
    """The server ends the connection in the middle of the page (at its third query): the read is tried again on
    a new connection and the officer sees the page. While the database restarts (every connection ended as soon
    as it is used) pages answer 503 and a form is not repeated; once it is back the next request works, in the
    same process."""
    queries = []

    def end_it_at_the_third_query(execute, sql, params, many, context):
        queries.append(sql)
        if len(queries) == 3:
            terminate_backend()
        return execute(sql, params, many, context)

    connection.ensure_connection()
    with connection.execute_wrapper(end_it_at_the_third_query):
        response = browser_client.get(reverse("home"))
    assert response.status_code == 200
    assert "Central African Republic" in response.content.decode()
    assert len(queries) > 3

    def restarting(execute, sql, params, many, context):
        terminate_backend()
        return execute(sql, params, many, context)

    with connection.execute_wrapper(restarting):
        assert_unavailable_page(browser_client.get(reverse("home")))
        assert_unavailable_page(browser_client.post(reverse("operations:settings", kwargs={"code": "CAF"})))
    response = browser_client.get(reverse("home"))
    assert response.status_code == 200 and "Central African Republic" in response.content.decode()


def test_a_task_whose_connection_is_ended_retries_and_finishes(terminate_backend, retrying_worker):
    from cmcoord.core.models import Heartbeat
    from cmcoord.core.tasks import heartbeat

    assert isinstance(heartbeat._get_current_object(), DatabaseRetryTask)
    connection.ensure_connection()
    terminate_backend()  # between two tasks: the worker's kept connection is dead
    result = heartbeat.apply()
    assert result.successful(), result.traceback
    assert Heartbeat.objects.filter(name="worker").exists()
