"""A date filter beyond what the product holds is a clear field error. (Hostile values on every filter and form of the
engagement and key-message pages: ``tests/records/test_hardening.py``, from their declarations.)"""


def test_a_date_outside_the_allowed_range_is_a_clear_filter_error(world, login, level_messages):
    response = login(world.officer).get("/api/v1/engagements/", {"before": "9999-12-31"})
    assert response.status_code == 400
    assert "Choose a date between" in response.json()["before"][0]
