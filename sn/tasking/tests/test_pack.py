"""The meeting pack on a small known world: borough A's wards a1-a4 in a row, borough B's b1-b4 beyond
it, so that a4 and b1 share the boundary between the boroughs."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from sn.concerns.taxonomy import Topic
from sn.core.months import add_months
from sn.crime.demand import force_demand
from sn.incidents.categories import Category
from sn.incidents.models import IncidentMonthly
from sn.panels.models import Priority
from sn.panels.tests.helpers import ward_panel_setup
from sn.problemsolving.models import Intervention
from sn.tasking import pack
from sn.tasking.models import Action, TaskingMeeting
from sn.tasking.tests.helpers import make_case

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def sections_of(world, letter: str = "a", kind=TaskingMeeting.Kind.TASKING_GROUP, as_at=TODAY) -> dict:
    return {s["key"]: s for s in pack.assemble(world.boroughs[letter], kind, as_at)}


def rows(section: dict, table: int = 0) -> list[list]:
    return section["tables"][table]["rows"] if len(section["tables"]) > table else []


@pytest.fixture
def known(world):
    """Priorities: burglary in a1, a4 and b1 (a4 and b1 adjacent across the boundary); noise in a3."""
    for key in ("a1", "a3", "a4", "b1"):
        ward_panel_setup(world, key)
    Priority.objects.filter(neighbourhood=world.wards["a3"]).update(topic=Topic.ASB_NOISE)
    return world


def test_a_case_with_nothing_recorded_for_weeks_is_listed_as_stalled_and_a_lively_one_is_not(known):
    owner = known.officers["pc_a"]
    quiet = make_case(
        known.wards["a1"], owner, title="Quiet case", last_activity_on=TODAY - timedelta(weeks=10)
    )
    late = make_case(known.wards["a2"], owner, title="Late intervention")
    Intervention.objects.create(
        case=late,
        description="Council to fit lighting",
        delivered_by=Intervention.DeliveredBy.POLICE,
        owner_officer=owner,
        due_on=TODAY - timedelta(days=3),
    )
    make_case(known.wards["a1"], owner, title="Lively case")
    make_case(
        known.wards["b1"],
        known.officers["pc_b"],
        title="Other borough",
        last_activity_on=TODAY - timedelta(weeks=20),
    )

    stalled = sections_of(known)["stalled"]

    listed = {row[0]: row for row in rows(stalled)}
    assert set(listed) == {quiet.reference, late.reference}
    assert "nothing recorded for 10 weeks" in listed[quiet.reference][-1]
    assert "1 intervention past due" in listed[late.reference][-1]
    assert stalled["as_at"] == TODAY.isoformat()


def test_a_closed_case_is_not_stalled_and_an_earlier_pack_reads_the_case_as_it_stood(known):
    owner = known.officers["pc_a"]
    make_case(
        known.wards["a1"],
        owner,
        title="Closed",
        stage="closed",
        closed_on=TODAY - timedelta(days=1),
        last_activity_on=TODAY - timedelta(weeks=12),
    )
    assert rows(sections_of(known)["stalled"]) == []
    # Eight weeks ago it was open and had been silent for four weeks: not yet stalled (six).
    assert rows(sections_of(known, as_at=TODAY - timedelta(weeks=8))["stalled"]) == []


def test_a_theme_across_the_boundary_with_the_next_borough_is_found_from_adjacency(known):
    themes = sections_of(known)["themes"]

    groups = rows(themes)
    assert len(groups) == 1
    assert groups[0] == [Topic.BURGLARY.label, known.wards["a4"].name, "Borough B", 2]
    # The same group is in borough B's pack, seen from the other side.
    assert rows(sections_of(known, "b")["themes"])[0][0] == Topic.BURGLARY.label


@override_settings(SN_TASKING_THEME_SHARE=0.5)
def test_a_topic_held_by_half_the_boroughs_wards_is_a_strategic_theme(known):
    ward_panel_setup(known, "a2")  # burglary: now a1, a2 and a4 of the four wards

    themes = sections_of(known)["themes"]

    assert rows(themes, 1) == [[Topic.BURGLARY.label, 3, 4]]


@override_settings(SN_TASKING_HIGH_DEMAND_WARDS=1)
def test_priorities_in_and_next_to_the_busiest_ward_are_listed(known):
    month = add_months(TODAY.replace(day=1), -1)
    for key, count in (("a2", 400), ("a3", 20), ("a4", 5)):
        IncidentMonthly.objects.create(
            neighbourhood=known.wards[key], month=month, category=Category.BURGLARY, count=count
        )

    demand = sections_of(known)["demand"]

    assert rows(demand)[0][0] == known.wards["a2"].name
    listed = {row[0]: row[1] for row in rows(demand, 1)}
    a2 = known.wards["a2"].name
    assert listed == {known.wards["a1"].name: f"next to {a2}", known.wards["a3"].name: f"next to {a2}"}
    assert f"{month:%B %Y}" in demand["dates"]


def test_actions_of_earlier_meetings_of_the_same_group_are_to_follow_up(known):
    borough = known.boroughs["a"]
    earlier = TaskingMeeting.objects.create(
        borough=borough, held_on=TODAY - timedelta(days=40), chair="Chair"
    )
    jag = TaskingMeeting.objects.create(
        borough=borough,
        held_on=TODAY - timedelta(days=40),
        chair="Chair",
        kind=TaskingMeeting.Kind.JOINT_ACTION_GROUP,
    )
    Action.objects.create(
        meeting=earlier, description="Report on CCTV", owner_name="Jo", due_on=TODAY - timedelta(1)
    )
    Action.objects.create(meeting=jag, description="Council clean-up", owner_name="Al", due_on=TODAY)

    actions = sections_of(known)["actions"]

    assert [row[0] for row in rows(actions)] == ["Report on CCTV"]
    assert rows(actions)[0][4:] == ["Overdue", 0]


def test_the_pack_takes_the_same_few_queries_however_many_cases_there_are(
    known, django_assert_max_num_queries
):
    owner = known.officers["pc_a"]
    for n in range(30):
        make_case(known.wards["a1"], owner, title=f"Case {n}", last_activity_on=TODAY - timedelta(weeks=9))
    with django_assert_max_num_queries(40):
        found = sections_of(known)
    assert len(rows(found["stalled"])) == 30


def test_the_rankings_read_in_one_query_are_the_crime_apps_month_by_month(known):
    months = [add_months(TODAY.replace(day=1), -i) for i in range(1, 16)]
    for n, month in enumerate(months):
        for key, count in (("a1", 3 + n), ("a2", 40 - n), ("b3", 7 * (n % 3))):
            IncidentMonthly.objects.create(
                neighbourhood=known.wards[key], month=month, category=Category.BURGLARY, count=count
            )
        IncidentMonthly.objects.create(
            neighbourhood=known.wards["a4"], month=month, category=Category.ANTI_SOCIAL_BEHAVIOUR, count=n
        )
    dates = [TODAY, TODAY - timedelta(days=100), TODAY - timedelta(days=300)]

    rankings = pack.demand.rankings_for(dates)

    for day in dates:
        end = pack.demand.demand_end_month(day)
        expected = force_demand(end_month=end)
        got = rankings[end]
        assert [(a.code, a.crime, a.asb, a.force_rank, a.borough_rank) for a in got.areas] == [
            (a.code, a.crime, a.asb, a.force_rank, a.borough_rank) for a in expected.areas
        ]
