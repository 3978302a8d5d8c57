"""What the operation's task list shows on each row, beyond the workflow: how sensitive each task is."""

import pytest

from cmcoord.core.choices import Sensitivity
from tests.support import VIEW_LEVELS, section, task_log_url

from .conftest import TITLES


@pytest.mark.parametrize("standing", ["officer", "hq", "hct"])
def test_each_row_shows_the_task_s_sensitivity(world, login, level_tasks, standing):
    response = login(world.by_role(standing)).get(task_log_url("task-list"), {"sort": "sensitivity"})
    rows = response.text.split('data-testid="task-row"')[1:]
    levels = sorted(VIEW_LEVELS[standing])
    assert len(rows) == len(levels)
    for row, level in zip(rows, levels, strict=True):
        assert TITLES[level] in row
        badge = section(row, "task-sensitivity")
        assert f"sensitivity-badge-{level.value}" in badge and str(Sensitivity(level).label) in badge
    # On a phone the table stacks into cards: the cell carries its own label.
    assert 'data-label="Sensitivity"' in rows[0]
    assert 'href="?sort=-sensitivity"' in response.text  # sorted by it, the header turns the order round
