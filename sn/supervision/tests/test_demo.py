"""The demo's supervision: a proposal, not adopted, for every borough at the review's ratio."""

import pytest

from sn.supervision.demo import supervision_demo_load
from sn.supervision.models import SupervisionProposal
from sn.supervision.selectors import postings_fingerprint, seed_ratio_target
from sn.supervision.services import proposal_is_stale
from sn.supervision.tests.helpers import give_demand

pytestmark = pytest.mark.django_db


def test_every_borough_gets_a_proposal_at_the_reviews_ratio_that_can_be_adopted(world):
    give_demand(world)
    summary = supervision_demo_load(seed=1, progress=lambda *_: None)
    assert summary.startswith("2 borough proposals at the review's ratio: 6 sergeants for 8 teams")
    proposals = list(SupervisionProposal.objects.order_by("borough__name"))
    assert [p.borough for p in proposals] == [world.boroughs["a"], world.boroughs["b"]]
    for proposal in proposals:
        assert proposal.status == SupervisionProposal.Status.PROPOSED
        assert proposal.target == seed_ratio_target(4)
        # Made from the force's facts split by borough, it matches each borough's own fingerprint.
        assert proposal.postings_fingerprint == postings_fingerprint(proposal.borough, proposal.as_at)
        assert not proposal_is_stale(proposal)
    again = supervision_demo_load(seed=1, progress=lambda *_: None)
    assert "already present" in again
    assert SupervisionProposal.objects.count() == 2
