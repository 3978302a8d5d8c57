"""The schema is the contract: schemathesis (the pinned version, every check, the stateful links between
operations) against the schema the server serves, with a read-write token of an officer, finds no failure.

The world is small but complete: records of every type the API carries, at the levels the officer reads through
it (Unclassified, Confidential), in two operations. The run is bounded (a few examples per operation) and
derandomised (a fixed seed, deterministic generation), so that CI is not flaky; the rate limits are raised for it
(429 stays documented). A failure lists each check that failed, with the request that reproduces it.
"""

import os
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from cmcoord.accounts import tokens
from cmcoord.accounts.models import ApiToken
from cmcoord.core.choices import Role
from tests import factories
from tests.support import CONFIDENTIAL, UNCLASSIFIED

ROOT = Path(__file__).resolve().parents[2]  # where schemathesis.toml is
MAX_EXAMPLES = 3
SEED = 19
TIMEOUT = 300
# The examples, fuzzing and the stateful links, bounded; the coverage phase (every boundary and negative value of
# every parameter) takes minutes, longer than CI allows: run it with `st run` (see schemathesis.toml).
PHASES = "examples,fuzzing,stateful"


@pytest.fixture
def officer_token(guidance_note_catalogue, settings):
    """An officer of two operations, each with records of every type; their read-write token."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"token": "1000000/min", "person": "1000000/min"},
    }
    officer = factories.UserFactory(username="officer")
    operations = [
        factories.CountryOperationFactory(country="CF", name="Central African Republic"),
        factories.CountryOperationFactory(country="ML", name="Mali", time_zone="Africa/Bamako"),
    ]
    for operation in operations:
        factories.MembershipFactory(operation=operation, user=officer, role=Role.OFFICER)
    mission = factories.MissionFactory(operations=operations)
    for operation in operations:
        for level in (UNCLASSIFIED, CONFIDENTIAL):
            _records(operation, level, officer, mission)
    whole, key_id, digest = tokens.new_token()
    ApiToken.objects.create(
        user=officer, name="schema", key_id=key_id, digest=digest, can_write=True,
        expires_at=timezone.now() + timedelta(days=1),
    )  # fmt: skip
    return whole


def _records(operation, level, officer, mission):
    actor = factories.ActorFactory(operation=operation, sensitivity=level, party_to_conflict=True)
    factories.ActorAssessmentFactory(actor=actor, sensitivity=level, assessor=officer)
    factories.ActorRelationshipFactory(source=actor, sensitivity=level, target__sensitivity=level)
    factories.LiaisonContactFactory(actor=actor, sensitivity=level)
    factories.TaskFactory(operation=operation, sensitivity=level, owner=officer, due_date=date(2026, 3, 1))
    factories.EngagementFactory(operation=operation, sensitivity=level, mission=mission)
    factories.KeyMessageFactory(operation=operation, sensitivity=level)
    factories.NotificationFactory(operation=operation, sensitivity=level, parties=[actor])
    factories.AccessIncidentFactory(operation=operation, sensitivity=level)
    factories.TrainingFactory(operation=operation, sensitivity=level)
    factories.PlanningDocumentFactory(operation=operation, sensitivity=level)
    factories.MCDARequestFactory(operation=operation, sensitivity=level)


def test_schemathesis_finds_no_failure(live_server, officer_token):
    command = [
        sys.executable, "-m", "schemathesis.cli", "run", f"{live_server.url}/api/schema/",
        "--header", f"Authorization: Token {officer_token}",
        "--checks", "all", "--max-examples", str(MAX_EXAMPLES), "--seed", str(SEED),
        "--generation-deterministic", "--workers", "1", "--phases", PHASES,
        "--no-color", "--output-truncate", "true",
    ]  # fmt: skip
    environment = {**os.environ, "NO_COLOR": "1", "SCHEMATHESIS_HOOKS": ""}
    run = subprocess.run(  # noqa: S603 - our own interpreter, with arguments of our own
        command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    output = run.stdout + run.stderr
    failures = re.search(r"={5,} FAILURES ={5,}\n(.*?)\n={5,} SUMMARY", output, re.S)
    summary = output[output.find("SUMMARY") :] if "SUMMARY" in output else output[-4000:]
    assert run.returncode == 0, (failures[1] if failures else output[-20000:]) + "\n" + summary
    assert "Tested: " in output and re.search(r"Selected: (\d+)/\1", output), summary
