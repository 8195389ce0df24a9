"""Named, contactable officers: the selector, the sweep, the public panel, the police.uk feed."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sn.core.models import AuditEvent
from sn.core.registries import SCORECARD_MEASURES, WORK_ITEMS
from sn.geography.models import Neighbourhood
from sn.geography.tests.factories import NeighbourhoodFactory
from sn.guarantee.models import NamedOfficerLapse
from sn.guarantee.selectors import (
    named_officers,
    neighbourhoods_with_named_officer,
    recorded_shares,
    ward_statuses,
)
from sn.guarantee.services import named_officer_lapses_sweep
from sn.guarantee.work import lapses_for
from sn.teams.models import Posting, Rank
from sn.teams.tests.factories import OfficerFactory, PostingFactory, TeamFactory
from sn.workforce.tests.factories import DutyFactory, duty_codes_seed, local_start

pytestmark = pytest.mark.django_db


def _today():
    return timezone.localdate()


def test_world_wards_with_and_without(world):
    covered = neighbourhoods_with_named_officer(_today())
    assert world.wards["a1"].id in covered and world.wards["a2"].id in covered
    # a3 and a4 have a team but nobody posted.
    assert world.wards["a3"].id not in covered
    statuses = ward_statuses(_today())
    assert "no PC, PCSO or sergeant" in statuses[world.wards["a3"].id].reason
    names = {o.name for o in named_officers(world.wards["a2"], _today())}
    assert names == {world.officers["sergeant_a"].full_name}


def test_posting_end_ends_the_named_officer(world):
    today = _today()
    Posting.objects.filter(team=world.teams["a2"]).update(end_date=today + timedelta(days=5))
    assert named_officers(world.wards["a2"], today)[0].to_date == today + timedelta(days=5)
    assert named_officers(world.wards["a2"], today + timedelta(days=6)) == []


def _leave(officer, team, first: date, days: int):
    codes = duty_codes_seed()
    for n in range(days):
        day = first + timedelta(days=n)
        DutyFactory(officer=officer, team=team, code=codes["AL"], starts_at=local_start(day))


def test_long_leave_is_not_named_short_leave_is(world):
    today = _today()
    sergeant = world.officers["sergeant_a"]
    codes = duty_codes_seed()
    DutyFactory(
        officer=sergeant,
        team=world.teams["a2"],
        code=codes["SN"],
        starts_at=local_start(today - timedelta(days=30)),
    )
    _leave(sergeant, world.teams["a2"], today - timedelta(days=10), 20)
    assert named_officers(world.wards["a2"], today) == []
    assert "away" in ward_statuses(today)[world.wards["a2"].id].reason
    # A week's leave, back on duty after it: still the named officer.
    other = world.officers["pc_a"]
    DutyFactory(
        officer=other,
        team=world.teams["a1"],
        code=codes["SN"],
        starts_at=local_start(today - timedelta(days=4)),
    )
    _leave(other, world.teams["a1"], today - timedelta(days=3), 6)
    DutyFactory(
        officer=other,
        team=world.teams["a1"],
        code=codes["SN"],
        starts_at=local_start(today + timedelta(days=3)),
    )
    assert other.full_name in {o.name for o in named_officers(world.wards["a1"], today)}


def test_no_contact_route(world):
    world.officers["sergeant_a"].__class__.objects.filter(pk=world.officers["sergeant_a"].pk).update(email="")
    world.teams["a2"].__class__.objects.filter(pk=world.teams["a2"].pk).update(email="")
    status = ward_statuses(_today())[world.wards["a2"].id]
    assert not status.covered and "no e-mail" in status.reason
    # The team's e-mail is a route for an officer without one.
    world.teams["a2"].__class__.objects.filter(pk=world.teams["a2"].pk).update(email="team@police.example")
    named = named_officers(world.wards["a2"], _today())
    assert named[0].email == "team@police.example" and not named[0].own_email


def test_sweep_records_lapses_tells_sergeant_and_lead_and_is_audited(world):
    today = _today()
    Posting.objects.filter(team=world.teams["a2"]).update(end_date=today + timedelta(days=3))
    summary = named_officer_lapses_sweep(today=today, actor=world.user("central_unit"))
    lapses = {lapse.neighbourhood_id: lapse for lapse in NamedOfficerLapse.objects.all()}
    assert lapses[world.wards["a2"].id].starts_on == today + timedelta(days=4)  # in sight
    assert lapses[world.wards["a3"].id].starts_on == today
    assert summary.opened == len(lapses)
    assert AuditEvent.objects.filter(object_id=str(lapses[world.wards["a3"].id].pk)).exists()
    # The sergeant leads a1 and a2; the borough lead hears of every ward of borough A.
    lapse_day = today + timedelta(days=4)
    a2_item = f"{world.wards['a2'].name} has no named contactable officer from {lapse_day:%-d %b %Y}"
    assert [item.title for item in lapses_for(world.user("sergeant"))] == [a2_item]
    titles = [item.title for item in lapses_for(world.user("borough_lead"))]
    assert a2_item in titles and any(world.wards["a3"].name in t for t in titles)
    assert WORK_ITEMS.get("named_officer_lapses").permission == "hear_of_named_officer_lapses"
    # Out of scope: borough B's lapses are not theirs.
    assert all(world.wards["b3"].name not in i.title for i in lapses_for(world.user("borough_lead")))
    # A second run changes nothing; a ward staffed again ends its lapse.
    assert named_officer_lapses_sweep(today=today).opened == 0
    Posting.objects.create(officer=world.officers["pc_b"], team=world.teams["a3"], start_date=today)
    named_officer_lapses_sweep(today=today + timedelta(days=1))
    assert NamedOfficerLapse.objects.get(neighbourhood=world.wards["a3"]).ends_on is not None


def test_public_panel_says_a_gap_plainly(world, client):
    named_officer_lapses_sweep(today=_today())
    page = client.get(reverse("public:ward", args=[world.wards["a3"].code])).content.decode()
    assert "Your neighbourhood officers" in page
    assert "There is no named officer for this neighbourhood" in page and "The force has been told" in page
    page = client.get(reverse("public:ward", args=[world.wards["a2"].code])).content.decode()
    assert world.officers["sergeant_a"].full_name in page and "mailto:" in page


def test_police_uk_people_has_named_officers_with_contacts(world, client):
    ward = world.wards["a2"]
    url = reverse("policeapi:neighbourhood_people", args=[world.force.code, ward.police_uk_id])
    body = client.get(url).json()
    sergeant = world.officers["sergeant_a"]
    person = next(p for p in body if p["name"] == sergeant.full_name)
    assert set(person) == {"name", "rank", "bio", "contact_details"}
    assert person["contact_details"]["email"] == sergeant.email


def test_named_officers_pages(world, client_for):
    client = client_for("borough_lead")
    page = client.get(reverse("guarantee:named_officers")).content.decode()
    assert "Named, contactable officers" in page and world.boroughs["a"].name in page
    page = client.get(reverse("guarantee:named_officers_borough", args=[world.boroughs["a"].code]))
    assert page.status_code == 200 and world.wards["a3"].name in page.content.decode()
    assert (
        client.get(reverse("guarantee:named_officers_borough", args=[world.boroughs["b"].code])).status_code
        == 404
    )


def test_scorecard_measure(world):
    measure = SCORECARD_MEASURES.get("named_officer")
    today = _today()
    named_officer_lapses_sweep(today=today)
    figures = measure.figures(today.replace(day=1), today + timedelta(days=1))
    assert figures[world.wards["a1"].id] == (1.0, 1.0)
    assert figures[world.wards["a3"].id] == (0.0, 1.0)


def test_history_from_recorded_lapses(world):
    last_end = _today().replace(day=1) - timedelta(days=1)
    before_end = last_end.replace(day=1) - timedelta(days=1)
    NamedOfficerLapse.objects.create(
        neighbourhood=world.wards["a3"],
        starts_on=before_end - timedelta(days=3),
        ends_on=before_end,
        reason="no posting",
        noticed_at=timezone.now(),
    )
    wards = Neighbourhood.objects.filter(borough=world.boroughs["a"])
    days = [before_end, last_end]
    shares = recorded_shares(days, wards)
    assert (shares[days[0]][0].with_officer, shares[days[0]][0].wards) == (3, 4)
    assert shares[days[1]][0].with_officer == 4


def test_history_shows_a_lapse_within_a_month_that_ended_before_the_month_end(world, client_for):
    # A lapse from the 5th to the 20th of last month: the month end alone would miss it.
    today = _today()
    last_month_end = today.replace(day=1) - timedelta(days=1)
    NamedOfficerLapse.objects.create(
        neighbourhood=world.wards["a1"],
        starts_on=last_month_end.replace(day=5),
        ends_on=last_month_end.replace(day=20),
        reason="no posting",
        noticed_at=timezone.now(),
    )
    wards = Neighbourhood.objects.filter(borough=world.boroughs["a"])
    shares = recorded_shares([last_month_end], wards)
    # a3 and a4 have nobody posted but no lapse recorded: only a1's recorded gap counts.
    assert (shares[last_month_end][0].with_officer, shares[last_month_end][0].wards) == (3, 4)
    page = client_for("borough_lead").get(reverse("guarantee:named_officers")).content.decode()
    assert "every day of the month" in page


def test_a_town_centre_area_with_its_own_team_has_named_officers_too(world, client):
    # QA: "every neighbourhood" had a named officer only if it was a ward; a town-centre area's team
    # (docs/adr/0005) had no panel on its public page and "No data" on the scorecard.
    area = NeighbourhoodFactory(
        borough=world.boroughs["a"], cluster=None, kind=Neighbourhood.Kind.NON_WARD, code="NW-TC-9"
    )
    team = TeamFactory(neighbourhood=area)
    officer = OfficerFactory(rank=Rank.PC)
    PostingFactory(officer=officer, team=team, start_date=_today() - timedelta(days=30))
    today = _today()
    assert area.id in neighbourhoods_with_named_officer(today)
    named_officer_lapses_sweep(today=today)
    figures = SCORECARD_MEASURES.get("named_officer").figures(today.replace(day=1), today + timedelta(days=1))
    assert figures[area.id] == (1.0, 1.0)
    page = client.get(reverse("public:ward", args=[area.code])).content.decode()
    assert "Your neighbourhood officers" in page and officer.full_name in page
