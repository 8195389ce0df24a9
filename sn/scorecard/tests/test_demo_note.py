"""In the demo every duty is in the officer's own ward, so community time meets the commitment
everywhere: where the figure is shown on demo duties the page says so (QA S5)."""

from datetime import timedelta

import pytest
from django.urls import reverse

from sn.scorecard.tests.test_scorecard import LAST
from sn.workforce.models import DutySource
from sn.workforce.tests.factories import DutyFactory, local_start

pytestmark = pytest.mark.django_db

NOTE = "every duty is in the officer's own ward"


def _duty(world, source):
    DutyFactory(
        officer=world.officers["pc_a"],
        team=world.teams["a1"],
        starts_at=local_start(LAST + timedelta(days=3)),
        source=source,
    )


PAGES = [
    ("sergeant", "scorecard:home"),
    ("sergeant", "scorecard:community_force"),
    ("sergeant", "scorecard:community_ward"),
    (None, "scorecard:public_ward"),
    (None, "scorecard:public_force"),
]


@pytest.mark.parametrize(("source", "shown"), [(DutySource.DEMO, True), (DutySource.SERVICE, False)])
@pytest.mark.parametrize(("role", "name"), PAGES)
def test_the_demo_note_is_shown_beside_community_time_on_demo_duties_only(
    world, client_for, role, name, source, shown
):
    args = [world.wards["a1"].code] if name.endswith("_ward") else []
    _duty(world, source)
    page = client_for(role).get(reverse(name, args=args), {"month": f"{LAST:%Y-%m}"})
    assert page.status_code == 200
    assert (NOTE in page.content.decode()) is shown
