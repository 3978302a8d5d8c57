"""Who may export what: every export in every format, for every standing (``Action.EXPORT``, written out here by
hand from the README's "Who sees what": officers and head up to Confidential, HQ and HCT Unclassified only,
Strictly confidential never)."""

import pytest

from tests.support import STANDINGS

from .support import EXPORTS, FORMATS, csv_rows, export_text, export_url

# Which of the CAF records named "<kind>-<level>-secret" each standing's exports carry.
EXPORT_LEVELS = {
    "officer": {"U", "C"},
    "head": {"U", "C"},
    "hct": {"U"},
    "hq": {"U"},
    "hq_limited": set(),
    "other_officer": set(),
    "outsider": set(),
    "admin": set(),
}
CAF_STANDINGS = {"officer", "head", "hct", "hq"}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("name", "code"), EXPORTS)
def test_anonymous_is_sent_to_sign_in(client, export_data, name, code, fmt):
    response = client.get(export_url(name, fmt, code))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", ["tasks", "actors", "priorities"])
@pytest.mark.parametrize("standing", ["hq_limited", "other_officer", "outsider", "admin"])
def test_an_operation_without_standing_answers_404(world, export_data, login, standing, name, fmt):
    response = login(world.by_role(standing)).get(export_url(name, fmt))
    assert response.status_code == 404


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("name", "code"), EXPORTS)
@pytest.mark.parametrize("standing", STANDINGS)
def test_exports_carry_exactly_what_the_policy_allows(world, export_data, login, standing, name, code, fmt):
    response = login(world.by_role(standing)).get(export_url(name, fmt, code))
    if code is not None and standing not in CAF_STANDINGS:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    text = export_text(response, fmt)
    allowed = EXPORT_LEVELS[standing]
    kinds = {"tasks": ["Task"], "actors": ["Actor", "Contact"], "priorities": [], "missions": []}[name]
    for kind in kinds:
        for level in ("U", "C", "SC"):
            assert (f"{kind}-{level}-secret" in text) == (level in allowed), (kind, level)
    assert "Mali-task" not in text
    if name == "actors":
        assert ("Child-U" in text) == ("U" in allowed)
        assert "Actor-SC-secret" not in text  # not as a row, nor as a parent organisation


@pytest.mark.parametrize("standing", STANDINGS)
def test_the_mission_export_names_only_operations_the_reader_may_export_from(world, export_data, login, standing):
    text = export_text(login(world.by_role(standing)).get(export_url("missions", "csv", None)), "csv")
    in_caf = standing in CAF_STANDINGS
    in_mali = standing in {"hq", "hq_limited", "other_officer"}
    assert (",Central African Republic,MINUSCA," in text) == in_caf
    assert (",Mali,MINUSCA," in text) == in_mali


def test_priority_counts_cover_only_exportable_tasks(world, export_data, login):
    """Three tasks serve the priority; the officer may export two of them, the HCT member one."""
    for standing, expected in [("officer", "2"), ("hct", "1")]:
        rows = csv_rows(login(world.by_role(standing)).get(export_url("priorities", "csv")))
        assert rows[2][rows[1].index("#indicator+tasks+num")] == expected
