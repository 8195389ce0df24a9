"""The supervision pages: what they show, running the model from the form, and adopting, with each
refusal shown on the page and nothing written."""

import pytest
from django.urls import reverse

from sn.supervision.models import SupervisionProposal
from sn.supervision.tests.helpers import borough_a_proposal, give_demand
from sn.teams.models import Posting, Rank
from sn.teams.tests.factories import PostingFactory
from sn.testing.world import add_officer

pytestmark = pytest.mark.django_db


def test_the_borough_page_shows_today_beside_the_latest_proposal(world, client_for):
    proposal = borough_a_proposal(world)
    response = client_for("analyst").get(reverse("supervision:borough", args=[world.boroughs["a"].code]))
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Proposal {proposal.pk}" in page
    assert "Today: each sergeant&#x27;s wards" in page or "Today: each sergeant's wards" in page
    assert 'id="today-map-data"' in page and 'id="proposal-map-data"' in page
    assert "Sam Sergeant" in page  # the sergeant of a1 and a2
    assert "Run the model" in page
    # An analyst may run the model but not adopt.
    assert "Adopt this proposal" not in page


def test_a_borough_lead_sees_the_adopt_button_and_what_adopting_changes(world, client_for):
    proposal = borough_a_proposal(world)
    page = (
        client_for("borough_lead").get(reverse("supervision:proposal", args=[proposal.pk])).content.decode()
    )
    assert "Adopt this proposal" in page
    assert "What adopting it changes" in page
    assert "Postings ended (1)" in page  # sergeant_a leaves a2, which joins a3 and a4


def test_the_cluster_page_shows_the_inspector_their_clusters_groups(world, client_for):
    borough_a_proposal(world)
    response = client_for("inspector").get(reverse("supervision:cluster", args=["C-A"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Adopt this proposal" not in page
    # The proposal's own page is the borough's, out of an inspector's reach: no link to it.
    assert "/supervision/proposals/" not in page


def test_running_the_model_from_the_form_goes_to_the_proposal(world, client_for):
    give_demand(world)
    url = reverse("supervision:borough_propose", args=[world.boroughs["a"].code])
    client = client_for("analyst")
    assert 'value="3"' in client.get(url).content.decode()  # the review's ratio of four teams
    response = client.post(url, {"target": "2"})
    proposal = SupervisionProposal.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "supervision:proposal", args=[proposal.pk]
    )


@pytest.mark.parametrize(
    ("target", "message"),
    [("1", "the target must be between 2 and 4"), ("", "Enter a target number of sergeants"), ("x", "whole")],
)
def test_a_bad_target_is_shown_on_the_form_and_nothing_is_made(world, client_for, target, message):
    give_demand(world)
    url = reverse("supervision:borough_propose", args=[world.boroughs["a"].code])
    response = client_for("borough_lead").post(url, {"target": target})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "Error: " in response.content.decode()
    assert not SupervisionProposal.objects.exists()


def test_a_borough_lead_adopts_and_the_postings_change(world, client_for):
    proposal = borough_a_proposal(world)
    url = reverse("supervision:proposal_adopt", args=[proposal.pk])
    client = client_for("borough_lead")
    assert "Adopt and change the postings" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == SupervisionProposal.Status.ADOPTED
    ended = Posting.objects.get(officer=world.officers["sergeant_a"], team=world.teams["a2"])
    assert ended.end_date is not None


def test_adopting_a_stale_proposal_is_refused_on_the_page(world, client_for):
    proposal = borough_a_proposal(world)
    PostingFactory(officer=add_officer(Rank.PC, 950), team=world.teams["a3"], start_date=proposal.as_at)
    url = reverse("supervision:proposal_adopt", args=[proposal.pk])
    client = client_for("borough_lead")
    assert "Postings have changed since this proposal was made" in client.get(url).content.decode()
    postings = Posting.objects.count()
    response = client.post(url)
    assert response.status_code == 400
    assert "have changed since this proposal was made" in response.content.decode()
    assert Posting.objects.count() == postings
    proposal.refresh_from_db()
    assert proposal.status == SupervisionProposal.Status.PROPOSED


def test_an_analyst_cannot_adopt(world, client_for):
    proposal = borough_a_proposal(world)
    response = client_for("analyst").post(reverse("supervision:proposal_adopt", args=[proposal.pk]))
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == SupervisionProposal.Status.PROPOSED


def test_the_force_page_totals_the_boroughs(world, client_for):
    borough_a_proposal(world)
    page = client_for("central_unit").get(reverse("supervision:force")).content.decode()
    assert "Borough A" in page and "Borough B" in page
    assert "would have 6 sergeants" in page  # 8 teams at 480/630
    assert "2 sergeants are posted today" not in page  # one sergeant per borough
    assert "; 2 are posted today" in page
