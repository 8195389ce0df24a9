"""The due list, the retention review, the ward's figures and the dates the standards turn on."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sn.community.models import KinMember
from sn.community.selectors import (
    due_for_review,
    due_list,
    members_due_for_user,
    review_list,
    reviews_due_by_ward,
    team_officers,
    ward_figures,
)
from sn.community.standards import months_after
from sn.community.tests.factories import ContactFactory, KinInterviewFactory, KinMemberFactory, days_ago
from sn.teams.models import Rank
from sn.teams.tests.factories import OfficerFactory, PostingFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
        (date(2026, 3, 15), -6, date(2025, 9, 15)),
        (date(2026, 1, 31), -2, date(2025, 11, 30)),
    ],
)
def test_months_after_keeps_the_day_or_the_months_last(day, months, expected):
    assert months_after(day, months) == expected


def test_the_due_list_puts_the_most_overdue_first(world):
    ward = world.wards["a1"]
    never = KinMemberFactory(
        neighbourhood=ward, name="Never Interviewed", joined_on=days_ago(400), last_interviewed_on=None
    )
    recent = KinMemberFactory(neighbourhood=ward, name="Recent", last_interviewed_on=days_ago(10))
    stale = KinMemberFactory(neighbourhood=ward, name="Stale", last_interviewed_on=days_ago(300))

    rows = due_list(KinMember.objects.filter(neighbourhood=ward), today=date.today())

    assert [r.member for r in rows] == [never, stale, recent]
    assert rows[0].overdue and rows[1].overdue and not rows[2].overdue
    assert rows[1].due_on == months_after(days_ago(300), 6)


def test_the_home_page_list_is_the_users_wards_overdue_or_due_soon(world, settings):
    settings.SN_KIN_DUE_SOON_DAYS = 28
    overdue = KinMemberFactory(neighbourhood=world.wards["a1"], last_interviewed_on=days_ago(200))
    soon = KinMemberFactory(neighbourhood=world.wards["a2"], last_interviewed_on=days_ago(170))
    KinMemberFactory(neighbourhood=world.wards["a1"], last_interviewed_on=days_ago(20))  # not due for months
    KinMemberFactory(
        neighbourhood=world.wards["a3"], last_interviewed_on=days_ago(300)
    )  # not the sergeant's ward

    sergeant = [row.member for row in members_due_for_user(world.user("sergeant"), today=date.today())]
    officer = [row.member for row in members_due_for_user(world.user("team_officer"), today=date.today())]

    assert sergeant == [overdue, soon]
    assert officer == [overdue]
    assert members_due_for_user(world.user("borough_lead"), today=date.today()) == []


def test_records_unused_for_the_review_period_are_due_a_review(world, settings):
    settings.SN_PERSONAL_DATA_REVIEW_MONTHS = 24
    ward = world.wards["a1"]
    old = KinMemberFactory(neighbourhood=ward, joined_on=days_ago(1000), last_interviewed_on=days_ago(800))
    KinMemberFactory(
        neighbourhood=ward,
        joined_on=days_ago(1000),
        last_interviewed_on=days_ago(800),
        reviewed_on=days_ago(5),
    )
    KinMemberFactory(neighbourhood=ward, last_interviewed_on=days_ago(30))
    silent = ContactFactory(neighbourhood=ward, consent_given_on=days_ago(900), last_contacted_on=None)
    ContactFactory(neighbourhood=ward, consent_given_on=days_ago(900), last_contacted_on=days_ago(40))
    ContactFactory(neighbourhood=world.wards["b1"], consent_given_on=days_ago(900), last_contacted_on=None)

    items = review_list(ward, today=date.today())

    assert [item.record for item in items] == [silent, old]
    assert items[1].last_used == days_ago(800)
    assert reviews_due_by_ward(world.user("sergeant"), today=date.today()) == {ward.id: 2}
    assert due_for_review(KinMember.objects.all(), today=date.today()).get() == old


def test_the_wards_figures_count_members_interviews_and_withdrawals(world):
    ward = world.wards["a1"]
    today = date.today()
    member = KinMemberFactory(neighbourhood=ward, last_interviewed_on=today)
    KinMemberFactory(neighbourhood=ward, last_interviewed_on=days_ago(250))
    withdrawn = KinMemberFactory(neighbourhood=ward, consent_withdrawn_on=today)
    withdrawn.erased_at = withdrawn.created_at
    withdrawn.save()
    KinInterviewFactory(member=member, interviewed_on=today)
    ContactFactory(neighbourhood=ward)

    with CaptureQueriesContext(connection) as captured:
        figures = ward_figures(ward, today=today)

    assert (figures.members, figures.members_in_date, figures.members_overdue) == (2, 1, 1)
    assert (figures.withdrawn, figures.contacts, figures.interviews_this_month) == (1, 1, 1)
    assert len(captured) == 3


def test_interviews_can_be_logged_for_officers_posted_lately(world):
    ward = world.wards["a1"]
    left = OfficerFactory(rank=Rank.PCSO)
    PostingFactory(officer=left, team=world.teams["a1"], start_date=days_ago(400), end_date=days_ago(30))
    long_gone = OfficerFactory(rank=Rank.PCSO)
    PostingFactory(
        officer=long_gone, team=world.teams["a1"], start_date=days_ago(800), end_date=days_ago(200)
    )

    officers = set(team_officers(ward, today=date.today()))

    assert (
        left in officers and world.officers["pc_a"] in officers and world.officers["sergeant_a"] in officers
    )
    assert long_gone not in officers and world.officers["pc_b"] not in officers
