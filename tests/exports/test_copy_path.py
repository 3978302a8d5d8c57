"""On PostgreSQL the CSV rows come from ``COPY (the queryset's SQL) TO STDOUT``; they must be the bytes the portable
path writes for the same data (CI runs on PostgreSQL; elsewhere only the portable path exists)."""

import datetime

import pytest
from django.db import connection
from django.test import RequestFactory

from cmcoord.exports import get_export
from cmcoord.exports.writers import RowCounter, stream_csv
from tests.factories import ActorFactory, LiaisonContactFactory, MissionFactory, ProtectionPriorityFactory, TaskFactory
from tests.support import CONFIDENTIAL, UNCLASSIFIED

from .support import HIDDEN_FORMULAS

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")

AWKWARD = [
    'Comma, "quoted" text',
    "Line\nfeed and\r\ncarriage return",
    "\rLeading carriage return",
    "=1+2",
    "-negative",
    "Ünïcödé — ✓ 中文",
    "  spaces around  ",
    "back\\slash and \\. alone",
    "",
    *HIDDEN_FORMULAS.values(),
]


@pytest.fixture
def awkward_data(world):
    caf = world.operation
    priority = ProtectionPriorityFactory(operation=caf, title="=priority, with comma")
    for n, text in enumerate(AWKWARD):
        TaskFactory(
            operation=caf, owner=world.officer, sensitivity=CONFIDENTIAL if n % 2 else UNCLASSIFIED,
            title=text or "untitled", outcome=text, admin1_name=text, due_date=datetime.date(2026, 1, 1 + n),
            protection_priorities=[priority],
        )  # fmt: skip
        actor = ActorFactory(operation=caf, sensitivity=UNCLASSIFIED, name=f"Actor {n} {text}", acronym=text[:40])
        LiaisonContactFactory(actor=actor, sensitivity=CONFIDENTIAL, name=f"{text} contact")
    MissionFactory(acronym="MINUSCA", name='Mission "quoted", ok', resolution="=S/RES/1", operations=[caf])


@pytest.mark.parametrize(
    ("name", "code"), [("tasks", "CAF"), ("actors", "CAF"), ("priorities", "CAF"), ("missions", None)]
)
def test_copy_and_portable_paths_write_the_same_bytes(world, awkward_data, name, code):
    export = get_export(name)
    request = RequestFactory().get("/", {"sort": "title"} if name == "tasks" else {})
    request.user = world.officer
    operation = world.operation if code else None
    copy_counter, portable_counter = RowCounter(), RowCounter()
    copied = b"".join(stream_csv(export, export.build(request, operation), copy_counter))
    portable = b"".join(stream_csv(export, export.build(request, operation), portable_counter, portable=True))
    assert copied == portable
    assert copy_counter.rows == portable_counter.rows > 0
    assert copy_counter.done and portable_counter.done


def test_an_empty_queryset_copies_nothing(world):
    export = get_export("tasks")
    request = RequestFactory().get("/", {"status": "no-such-status"})
    request.user = world.officer
    counter = RowCounter()
    content = b"".join(stream_csv(export, export.build(request, world.operation), counter))
    assert content.count(b"\n") == 2 and counter.rows == 0 and counter.done
