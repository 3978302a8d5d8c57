"""The operation's tabs lead each standing to the digest pages it may open: schedules for the head of office,
the archive for officers, nothing for HCT members and HQ readers."""

import pytest
from django.urls import reverse

EXPECTED = {
    "head": "digests:schedule-list",
    "officer": "digests:archive",
    "hct": None,
    "hq": None,
}


@pytest.mark.parametrize(("standing", "target"), EXPECTED.items())
def test_the_digests_tab_leads_where_the_standing_may_go(world, login, standing, target):
    # The Operation group's sections show on its own pages (and in the phone menu on every page).
    page = login(world.by_role(standing)).get(reverse("operations:about", kwargs={"code": "CAF"})).text
    tabs = page.split('aria-label="Operation sections"')[1].split("</nav>")[0]
    if target is None:
        assert ">Digests<" not in tabs
    else:
        assert f'href="{reverse(target, kwargs={"code": "CAF"})}"' in tabs
        assert login(world.by_role(standing)).get(reverse(target, kwargs={"code": "CAF"})).status_code == 200
