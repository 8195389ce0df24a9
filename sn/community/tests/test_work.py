"""What the home page lists from community: members due an interview for the team, records due a review
for the sergeant, teams short of the standards for the inspector and the borough lead."""

import html
from datetime import date

import pytest
from django.urls import reverse

from sn.community.tests.factories import ContactFactory, KinInterviewFactory, KinMemberFactory, days_ago
from sn.community.work import compliance_shortfalls, members_due, reviews_due
from sn.core.access import has_permission
from sn.core.registries import WORK_ITEMS

pytestmark = pytest.mark.django_db


def test_a_pc_is_given_the_members_of_their_ward_due_an_interview_most_overdue_first(client_for, world):
    later = KinMemberFactory(
        neighbourhood=world.wards["a1"], name="Later Member", last_interviewed_on=days_ago(190)
    )
    first = KinMemberFactory(
        neighbourhood=world.wards["a1"], name="First Member", last_interviewed_on=days_ago(400)
    )
    KinMemberFactory(
        neighbourhood=world.wards["a3"], name="Elsewhere Member", last_interviewed_on=days_ago(400)
    )

    items = members_due(world.user("team_officer"))
    body = html.unescape(client_for("team_officer").get("/").content.decode())

    assert [item.title.split(" (")[0] for item in items] == [
        "Interview First Member",
        "Interview Later Member",
    ]
    assert items[0].overdue and items[0].url == reverse("community:kin_interview_new", args=[first.pk])
    assert items[0].urgency > items[1].urgency > 0
    assert "KIN members due an interview" in body and body.index("First Member") < body.index("Later Member")
    assert "Elsewhere Member" not in body and later.name in body


def test_the_sergeant_is_given_each_ward_with_records_due_a_review(client_for, world):
    ContactFactory(neighbourhood=world.wards["a2"], consent_given_on=days_ago(900), last_contacted_on=None)
    KinMemberFactory(
        neighbourhood=world.wards["a2"], joined_on=days_ago(1000), last_interviewed_on=days_ago(900)
    )
    ContactFactory(neighbourhood=world.wards["a3"], consent_given_on=days_ago(900), last_contacted_on=None)

    (item,) = reviews_due(world.user("sergeant"))

    assert item.area == world.wards["a2"].name and item.title.startswith("Review 2 KIN or contact records")
    assert item.url == reverse("community:personal_data_review", args=[world.wards["a2"].code])
    assert "Personal data due for review" in client_for("sergeant").get("/").content.decode()
    assert "Personal data due for review" not in client_for("team_officer").get("/").content.decode()


def test_inspectors_and_borough_leads_are_given_teams_short_of_the_standards_worst_first(
    client_for, world, settings
):
    settings.SN_KIN_INTERVIEWS_PER_MONTH = 2
    last_month = (date.today().replace(day=1) - date.resolution).replace(day=10)
    member = KinMemberFactory(neighbourhood=world.wards["a1"], last_interviewed_on=last_month)
    for _ in range(2):
        KinInterviewFactory(member=member, interviewed_on=last_month)
    KinMemberFactory(neighbourhood=world.wards["a2"], last_interviewed_on=days_ago(400))

    inspector = compliance_shortfalls(world.user("inspector"))
    lead = compliance_shortfalls(world.user("borough_lead"))

    assert [item.title.split(":")[0] for item in inspector][0] == world.wards["a2"].name
    assert world.wards["a1"].name not in {item.title.split(":")[0] for item in inspector}
    assert {item.title.split(":")[0] for item in inspector} == {
        world.wards[k].name for k in ("a2", "a3", "a4")
    }
    assert len(lead) == 3  # borough A is cluster A: the same three teams short
    assert (
        inspector[0].url
        == reverse("community:compliance_cluster", args=["C-A"]) + f"#team-{world.wards['a2'].code}"
    )
    assert "1 of 1 members overdue" in inspector[0].title
    assert "KIN compliance" in client_for("inspector").get("/").content.decode()


def test_each_kind_of_work_goes_to_the_roles_that_do_it(world):
    providers = {provider.key: provider for provider in WORK_ITEMS}
    who = {
        key: {role for role in world.users if has_permission(world.user(role), providers[key].permission)}
        for key in ("kin_due", "personal_data_review", "kin_compliance")
    }
    assert who == {
        "kin_due": {"team_officer", "sergeant"},
        "personal_data_review": {"sergeant"},
        "kin_compliance": {"inspector", "borough_lead"},
    }
