"""Where a reader lands (the sum of all their wards, QA S3) and which links the scorecard pages show
them (only those they may open, QA S2)."""

import re

import pytest
from django.urls import reverse

from sn.core.registries import SCORECARD_MEASURES
from sn.scorecard.tests.grants import GRANTS
from sn.scorecard.tests.test_scorecard import LAST, measures_for

pytestmark = pytest.mark.django_db

ROLES = sorted(role.value for role, granted in GRANTS.items() if "view_scorecard" in granted)
INTERNAL_LINK = re.compile(r'href="(/scorecard/[^"#]*)"')


def _links(response) -> set[str]:
    return {href.replace("&amp;", "&") for href in INTERNAL_LINK.findall(response.content.decode())}


def _shown(response, key="t_percent"):
    return {line.measure.key: line.figure for part in response.context["parts"] for line in part.lines}[key]


@pytest.mark.parametrize("role", ROLES)
def test_every_scorecard_link_a_reader_is_shown_opens_for_them(world, client_for, role):
    client = client_for(role)
    with SCORECARD_MEASURES.isolated(measures_for(world)):
        home = client.get(reverse("scorecard:home"), {"month": f"{LAST:%Y-%m}"})
        assert home.status_code == 200
        seen, pages = set(), [home]
        # The landing page and every page it links to: each link shown there must open too.
        for depth in range(2):
            found = set().union(*(_links(page) for page in pages)) - seen
            seen |= found
            pages = []
            for href in sorted(found):
                response = client.get(href)
                assert response.status_code == 200, (role, href, response.status_code)
                if depth == 0 and response.get("Content-Type", "").startswith("text/html"):
                    pages.append(response)


def test_a_pc_is_not_shown_the_community_time_link_a_sergeant_is(world, client_for):
    with SCORECARD_MEASURES.isolated(measures_for(world)):
        pc = client_for("team_officer").get(reverse("scorecard:home"))
        assert not any("community-time" in href for href in _links(pc))
        sergeant = client_for("sergeant").get(reverse("scorecard:home"))
    assert any("community-time" in href for href in _links(sergeant))


def test_a_sergeant_shared_by_two_wards_lands_on_their_sum(world, client_for):
    client = client_for("sergeant")
    with SCORECARD_MEASURES.isolated(measures_for(world)):
        response = client.get(reverse("scorecard:home"), {"month": f"{LAST:%Y-%m}"})
    area = response.context["area"]
    assert area.level == "wards" and area.ward_ids == {world.wards["a1"].pk, world.wards["a2"].pk}
    # (1 + 1) / (1 + 9): the counts summed, never the mean of 100% and 11.1%.
    assert _shown(response).value == pytest.approx(20.0)
    assert [item for _, item in response.context["below"]] == [world.wards["a1"], world.wards["a2"]]
    ward_page = client.get(reverse("scorecard:ward", args=[world.wards["a2"].code]))
    assert reverse("scorecard:home") in _links(ward_page)


def test_an_inspector_lands_on_the_sum_of_their_cluster_and_can_pick_one_ward(world, client_for):
    client = client_for("inspector")
    with SCORECARD_MEASURES.isolated(measures_for(world)):
        response = client.get(reverse("scorecard:home"), {"month": f"{LAST:%Y-%m}"})
        area = response.context["area"]
        assert area.level == "wards" and area.name == "Cluster A"
        assert area.ward_ids == {world.wards[k].pk for k in ("a1", "a2", "a3", "a4")}
        assert _shown(response).value == pytest.approx(20.0)
        assert _shown(response, "t_count").value == 2
        ward = reverse("scorecard:ward", args=[world.wards["a2"].code])
        single = client.get(ward, {"month": f"{LAST:%Y-%m}"})
    assert single.context["area"].level == "ward"
    assert _shown(single).value == pytest.approx(100 / 9)


def test_a_pc_in_one_ward_lands_on_that_ward(world, client_for):
    with SCORECARD_MEASURES.isolated(measures_for(world)):
        response = client_for("team_officer").get(reverse("scorecard:home"))
    assert response.context["area"].level == "ward" and response.context["area"].pk == world.wards["a1"].pk


def test_a_borough_lead_still_lands_on_their_borough(world, client_for):
    with SCORECARD_MEASURES.isolated(measures_for(world)):
        response = client_for("borough_lead").get(reverse("scorecard:home"))
    assert response.context["area"].level == "borough"
