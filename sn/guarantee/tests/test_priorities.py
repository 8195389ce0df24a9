"""Priorities kept fresh and open to influence: stale priorities, the owner's work item, the measure,
who took part, the public and staff panels."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sn.activity.services import Activity, activity_record
from sn.core.registries import SCORECARD_MEASURES
from sn.guarantee.priorities import participation, priority_stories, stale_priorities
from sn.guarantee.work import stale_for
from sn.panels.models.panels import MemberType
from sn.panels.tests.factories import (
    MeetingFactory,
    MilestoneFactory,
    PanelFactory,
    PanelMemberFactory,
    PriorityFactory,
    ProgressUpdateFactory,
    at_seven_pm,
)

pytestmark = pytest.mark.django_db


def _priorities(world):
    today = timezone.localdate()
    panel = PanelFactory(neighbourhood=world.wards["a1"])
    chosen = MeetingFactory(panel=panel, starts_at=at_seven_pm(today - timedelta(days=200)), public_count=7)
    members = [PanelMemberFactory(panel=panel, member_type=t) for t in (MemberType.RESIDENT,) * 3]
    members.append(PanelMemberFactory(panel=panel, member_type=MemberType.BUSINESS))
    chosen.members_present.set(members)
    owner = world.officers["pc_a"]
    stale = PriorityFactory(selected_at=chosen, owner=owner, wording="Stop the speeding on Mill Lane")
    ProgressUpdateFactory(priority=stale, on=today - timedelta(days=120))
    fresh = PriorityFactory(selected_at=chosen, owner=owner, wording="Less drug dealing in the park")
    ProgressUpdateFactory(priority=fresh, on=today - timedelta(days=10))
    return stale, fresh


def test_a_priority_without_an_update_for_90_days_is_stale_and_flagged_to_its_owner(world):
    stale, fresh = _priorities(world)
    today = timezone.localdate()
    rows = stale_priorities(today)
    assert [r.priority for r in rows] == [stale]
    assert rows[0].last_update == today - timedelta(days=120)
    items = stale_for(world.user("team_officer"))  # the PC who owns both
    assert len(items) == 1 and "Mill Lane" in items[0].title and items[0].overdue
    assert stale_for(world.user("sergeant")) == []


def test_measure_counts_fresh_priorities(world):
    _priorities(world)
    today = timezone.localdate()
    figures = SCORECARD_MEASURES.get("priorities_fresh").figures(
        today.replace(day=1), today + timedelta(days=1)
    )
    assert figures[world.wards["a1"].id] == (1, 2)


def test_participation_by_type_from_the_records(world):
    stale, _ = _priorities(world)
    part = participation([stale])[stale.pk]
    assert part.members_by_type == {"Resident": 3, "Business": 1}
    assert part.public_present == 7 and part.concerns == 0
    stories = priority_stories(world.wards["a1"], public=True)
    assert [s.stale for s in stories] == [True, False]


def test_public_and_staff_pages_show_priorities_and_who_chose_them(world, client, client_for):
    _priorities(world)
    page = client.get(reverse("public:ward", args=[world.wards["a1"].code])).content.decode()
    # One card per priority: the Guarantee's rows sit in the priority's own section, not in a second list.
    assert page.count("Stop the speeding on Mill Lane") == 1
    assert "Raised on" in page and "How to have a say" in page and "What we did" in page
    assert "3 resident" in page and "1 business" in page
    assert "do not say whether a resident or a business raised them" not in page  # no concerns behind it
    assert "No recorded concerns are linked to it" in page
    assert "Progress update" not in page  # the team's notes are not published
    staff = client_for("sergeant").get(reverse("pages:ward", args=[world.wards["a1"].code]))
    assert "Priorities: last update and who took part" in staff.content.decode()


def test_public_what_we_did_says_what_was_done_not_only_a_count(world):
    stale, _ = _priorities(world)
    day = timezone.localdate() - timedelta(days=3)
    activity_record(
        neighbourhood=world.wards["a1"],
        activity=Activity(
            on=day, summary="Mrs Smith's door at 4 Mill Lane", counts={"arrests": 2}, priority=stale
        ),
    )
    story = next(s for s in priority_stories(world.wards["a1"], public=True) if s.priority == stale)
    line = next(what for on, what in story.done if on == day)
    assert "arrests: 2" in line  # not "2 arrests", which reads "1 arrests" for one
    assert "Mill Lane" not in line  # the free-text summary is not published


def test_a_milestone_achieved_is_an_update_as_what_we_did_says(world):
    # QA: the public page listed "Achieved: ..." on 29 September under "What we did" while "Last update"
    # said 20 August and flagged the priority stale.
    stale, _ = _priorities(world)
    today = timezone.localdate()
    MilestoneFactory(
        priority=stale, description="Speed cameras agreed", achieved_on=today - timedelta(days=20)
    )
    assert stale_priorities(today) == []
    story = next(s for s in priority_stories(world.wards["a1"], public=True) if s.priority == stale)
    assert story.last_update == today - timedelta(days=20) and not story.stale
    figures = SCORECARD_MEASURES.get("priorities_fresh").figures(
        today.replace(day=1), today + timedelta(days=1)
    )
    assert figures[world.wards["a1"].id] == (2, 2)
