"""The demo loader: its deployments link a problem of the receiving ward, move the lent officer's
duties there, tell the home ward's panel, and hold the cover rule the service checks."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sn.deployments.demo import PLAN, deployments_demo_load
from sn.deployments.models import Deployment
from sn.deployments.selectors import cover_rows
from sn.deployments.tests.factories import planned_meeting, roster, ward_priority
from sn.panels.models import PanelNotice
from sn.teams.models import Rank
from sn.teams.selectors import active_postings
from sn.workforce.models import Duty

pytestmark = pytest.mark.django_db


def test_the_demo_lends_within_the_cover_rule(world):
    today = timezone.localdate()
    first = today + timedelta(days=PLAN[0][0] - 1)
    staff = [
        p.officer
        for p in active_postings(on=today).filter(team=world.teams["a1"])
        if p.officer.rank in (Rank.PC, Rank.PCSO)
    ]
    roster(world.teams["a1"], staff, first, (PLAN[-1][1] - PLAN[0][0]) + 3)
    ward_priority(world.wards["a2"])
    planned_meeting(world.wards["a1"])
    summary = deployments_demo_load(seed=1, today=today, progress=lambda _: None)
    deployments = list(Deployment.objects.all())
    assert deployments and summary.startswith(f"{len(deployments)} deployments")
    for deployment in deployments:
        lent = deployment.lent.get()
        assert deployment.neighbourhood == world.wards["a2"] and deployment.priority is not None
        assert (
            lent.duties_moved
            == Duty.objects.filter(officer=lent.officer, neighbourhood=world.wards["a2"]).count()
        )
        rows = cover_rows(deployment)
        assert rows and not [row for row in rows if row["missing"]]
    assert PanelNotice.objects.count() == len(deployments)
    # The same seed and day make the same deployments.
    before = [(d.starts_on, d.neighbourhood_id, d.lent.get().officer_id) for d in deployments]
    Duty.objects.filter(neighbourhood=world.wards["a2"]).update(neighbourhood=world.wards["a1"])
    Deployment.objects.all().delete()
    deployments_demo_load(seed=1, today=today, progress=lambda _: None)
    after = [(d.starts_on, d.neighbourhood_id, d.lent.get().officer_id) for d in Deployment.objects.all()]
    assert after == before
