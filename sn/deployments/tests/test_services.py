"""deployment_create, deployment_end and deployment_cancel: what each writes (the grant, the moved
duties, the panel notice) and every refusal, naming the field and writing nothing.

The world's ward a1 has two PCs and three PCSOs, rostered here on earlies for a fortnight; a2 next to
it has none, so a1 lends to a2."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sn.accounts.models import AccessGrant
from sn.accounts.tests.factories import UserFactory
from sn.core.models import AuditEvent
from sn.core.roles import Role
from sn.deployments.models import Deployment, LentOfficer
from sn.deployments.services import deployment_cancel, deployment_create, deployment_end
from sn.deployments.tests.factories import planned_meeting, roster, ward_priority
from sn.geography.scope import scope_of
from sn.panels.models import PanelNotice
from sn.panels.notices import meeting_notices
from sn.problemsolving.models import Case
from sn.problemsolving.tests.factories import case_for_ward
from sn.teams.models import Rank
from sn.teams.selectors import active_postings
from sn.teams.tests.factories import OfficerFactory
from sn.testing.world import build_wide_world
from sn.workforce.models import Duty

pytestmark = pytest.mark.django_db
DAYS = 14


def _refused(**kwargs) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as error:
        deployment_create(**kwargs)
    return error.value.message_dict


@pytest.fixture
def a1(world):
    """a1's PCs and PCSOs rostered on earlies from today; `first` (tomorrow) starts the fortnight."""
    tomorrow = timezone.localdate() + timedelta(days=1)
    officers = [p.officer for p in active_postings(on=tomorrow).filter(team=world.teams["a1"])]
    staff = [o for o in officers if o.rank in (Rank.PC, Rank.PCSO)]
    roster(world.teams["a1"], staff, timezone.localdate(), DAYS + 1)
    return {
        "pcs": [o for o in staff if o.rank == Rank.PC],
        "pcsos": [o for o in staff if o.rank == Rank.PCSO],
        "first": tomorrow,
    }


def _account(officer):
    """The officer's account (the world's team officer is pc_a), made when they have none."""
    existing = getattr(officer, "user", None)
    return existing or UserFactory(role=Role.TEAM_OFFICER, officer=officer)


def _request(world, a1, **changes) -> dict:
    request = {
        "actor": world.user("inspector"),
        "neighbourhood": world.wards["a2"],
        "priority": ward_priority(world.wards["a2"]),
        "starts_on": a1["first"],
        "ends_on": a1["first"] + timedelta(days=6),
        "officers": [a1["pcs"][0]],
        "reason": "Evening patrols on the estate",
    }
    request.update(changes)
    return request


def test_an_inspector_lends_a_pc_within_the_cluster(world, a1):
    pc = a1["pcs"][0]
    user = _account(pc)
    meeting = planned_meeting(world.wards["a1"])
    deployment = deployment_create(**_request(world, a1))
    assert deployment.status == Deployment.Status.PLANNED
    lent = deployment.lent.get()
    assert lent.home_team == world.teams["a1"] and lent.duties_moved == 7
    # The officer's duties of the period are on the receiving ward; their team is still their own.
    moved = Duty.objects.filter(officer=pc, neighbourhood=world.wards["a2"])
    assert moved.count() == 7 and set(moved.values_list("team", flat=True)) == {world.teams["a1"].pk}
    assert Duty.objects.filter(officer=pc, neighbourhood=world.wards["a1"]).count() == DAYS + 1 - 7
    # Their scope takes in the receiving ward for the period.
    grant = lent.access_grant
    assert (
        grant.user == user
        and grant.neighbourhood == world.wards["a2"]
        and grant.ends_on == deployment.ends_on
    )
    # The home ward's panel is told, on the papers of its next meeting.
    notice = PanelNotice.objects.get()
    assert notice.meeting == meeting and "lent to" in notice.title
    assert meeting_notices(meeting) == [notice]
    assert AuditEvent.objects.filter(object_repr__contains=deployment.reference).exists()


def test_a_ward_granted_by_a_deployment_is_in_the_lent_officers_scope(world, a1):
    pc = a1["pcs"][0]
    user = _account(pc)
    deployment_create(
        **_request(world, a1, starts_on=timezone.localdate(), ends_on=a1["first"] + timedelta(days=2))
    )
    assert scope_of(user).covers_neighbourhood(world.wards["a2"])


def test_lending_the_only_pc_left_is_refused_naming_ward_day_and_shift(world, a1):
    deployment_create(**_request(world, a1))
    before = Deployment.objects.count(), Duty.objects.filter(neighbourhood=world.wards["a2"]).count()
    errors = _refused(**_request(world, a1, officers=[a1["pcs"][1]]))
    first = a1["first"]
    assert errors["cover"][0] == (
        f"{world.wards['a1'].name} would have no PC on duty on {first:%A} {first.day} {first:%B %Y} "
        "in the 07:00 to 15:00 shift."
    )
    assert (
        Deployment.objects.count(),
        Duty.objects.filter(neighbourhood=world.wards["a2"]).count(),
    ) == before


def test_one_of_each_rank_may_go_but_not_every_pcso(world, a1):
    deployment_create(**_request(world, a1, officers=[a1["pcs"][0], a1["pcsos"][0], a1["pcsos"][1]]))
    errors = _refused(**_request(world, a1, officers=[a1["pcsos"][2]]))
    assert "no PCSO" in errors["cover"][0]


def test_days_without_duties_rostered_are_refused(world, a1):
    last = a1["first"] + timedelta(days=DAYS)
    errors = _refused(**_request(world, a1, ends_on=last))
    assert errors["cover"] == [
        f"The duties for {world.wards['a1'].name} are not rostered for {last:%A} {last.day} {last:%B %Y}; "
        "the cover cannot be checked."
    ]


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"priority": None}, "problem", "Choose the case or priority"),
        ({"ends_on": None}, "ends_on", "set period"),
        ({"starts_on": None}, "starts_on", "Enter the day"),
        ({"ends_on": "before"}, "ends_on", "on or after the day it starts"),
        ({"starts_on": "yesterday"}, "starts_on", "today or later"),
        ({"reason": " "}, "reason", "Say what"),
        ({"officers": []}, "officers", "at least one officer"),
        ({"neighbourhood": "a1"}, "officers", "their own ward"),
        ({"officers": "sergeant"}, "officers", "only PCs and PCSOs"),
        ({"officers": "unposted"}, "officers", "not posted to a team"),
        ({"neighbourhood": "b2"}, "neighbourhood", "wards you command"),
        ({"actor": "sergeant"}, None, "may deploy officers"),
    ],
)
def test_each_refusal_names_its_field_and_writes_nothing(world, a1, changes, field, words):
    resolved = {}
    for key, value in changes.items():
        if value == "before":
            value = a1["first"] - timedelta(days=1)
        elif value == "yesterday":
            value = timezone.localdate() - timedelta(days=1)
        elif key == "neighbourhood":
            value = world.wards[value]
        elif value == "sergeant" and key == "officers":
            value = [world.officers["sergeant_a"]]
        elif value == "sergeant":
            value = world.user("sergeant")
        elif value == "unposted":
            value = [OfficerFactory(rank=Rank.PC)]
        resolved[key] = value
    request = _request(world, a1, **resolved)
    if changes.get("neighbourhood") in ("a1", "b2"):
        request["priority"] = ward_priority(request["neighbourhood"])
    with pytest.raises(ValidationError) as error:
        deployment_create(**request)
    text = str(error.value.message_dict.get(field) if field else error.value.messages)
    assert words in text
    assert not Deployment.objects.exists() and not AccessGrant.objects.exists()
    assert not Duty.objects.filter(neighbourhood=world.wards["a2"]).exists()


def test_a_case_of_another_ward_is_refused(world, a1):
    case = case_for_ward(world.wards["a3"], owner=a1["pcs"][0])
    errors = _refused(**_request(world, a1, priority=None, case=case))
    assert "not a case of" in errors["problem"][0]


def test_a_closed_case_is_refused_and_an_open_one_accepted(world, a1):
    case = case_for_ward(world.wards["a2"], owner=a1["pcs"][0])
    deployment = deployment_create(**_request(world, a1, priority=None, case=case))
    assert deployment.case == case
    closed = case_for_ward(
        world.wards["a2"], owner=a1["pcs"][0], stage=Case.Stage.CLOSED, closed_on=timezone.localdate()
    )
    errors = _refused(**_request(world, a1, priority=None, case=closed, officers=[a1["pcsos"][0]]))
    assert "closed" in errors["problem"][0]


def test_an_officer_already_lent_is_refused(world, a1):
    first = deployment_create(**_request(world, a1))
    errors = _refused(
        **_request(world, a1, neighbourhood=world.wards["a3"], priority=ward_priority(world.wards["a3"]))
    )
    assert f"already lent by {first.reference}" in errors["officers"][0]


def test_a_borough_lead_lends_across_clusters_and_an_inspector_may_not(wide_world_a5):
    world, a1 = wide_world_a5
    request = _request(world, a1, neighbourhood=world.wards["a5"], priority=ward_priority(world.wards["a5"]))
    assert "neighbourhood" in _refused(**request)
    request["actor"] = world.user("borough_lead")
    assert deployment_create(**request).neighbourhood == world.wards["a5"]


@pytest.fixture
def wide_world_a5(db):
    world = build_wide_world()
    tomorrow = timezone.localdate() + timedelta(days=1)
    staff = [
        p.officer
        for p in active_postings(on=tomorrow).filter(team=world.teams["a1"])
        if p.officer.rank in (Rank.PC, Rank.PCSO)
    ]
    roster(world.teams["a1"], staff, timezone.localdate(), DAYS + 1)
    return world, {
        "pcs": [o for o in staff if o.rank == Rank.PC],
        "pcsos": [o for o in staff if o.rank == Rank.PCSO],
        "first": tomorrow,
    }


def test_ending_early_hands_back_the_remaining_days_and_records_results(world, a1):
    pc = a1["pcs"][0]
    _account(pc)
    today = timezone.localdate()
    deployment = deployment_create(
        **_request(world, a1, starts_on=today, ends_on=a1["first"] + timedelta(days=6))
    )
    assert deployment.status == Deployment.Status.ACTIVE
    later = a1["first"] + timedelta(days=2)
    with pytest.raises(ValidationError) as error:
        deployment_end(
            deployment=deployment, actor=world.user("inspector"), results="", ended_on=later, today=later
        )
    assert "results" in error.value.message_dict
    deployment_end(
        deployment=deployment,
        actor=world.user("inspector"),
        results="Two arrests",
        ended_on=later,
        today=later,
    )
    deployment.refresh_from_db()
    assert deployment.status == Deployment.Status.ENDED and deployment.ended_on == later
    assert deployment.last_day == later
    on_a2 = Duty.objects.filter(officer=pc, neighbourhood=world.wards["a2"])
    assert sorted(on_a2.values_list("date", flat=True)) == [today + timedelta(days=n) for n in range(4)]
    grant = LentOfficer.objects.get().access_grant
    assert grant.ends_on == later
    # The officer is free from the day after for another deployment.
    deployment_create(
        **_request(world, a1, starts_on=later + timedelta(days=1), ends_on=later + timedelta(days=2)),
        today=later,
    )


def test_cancelling_hands_back_every_day_and_tells_the_panel(world, a1):
    pc = a1["pcs"][0]
    _account(pc)
    planned_meeting(world.wards["a1"])
    deployment = deployment_create(**_request(world, a1))
    with pytest.raises(ValidationError) as error:
        deployment_cancel(deployment=deployment, actor=world.user("inspector"), reason="")
    assert "reason" in error.value.message_dict
    deployment_cancel(deployment=deployment, actor=world.user("inspector"), reason="The burglar was arrested")
    assert deployment.status == Deployment.Status.CANCELLED
    assert not Duty.objects.filter(neighbourhood=world.wards["a2"]).exists()
    assert LentOfficer.objects.get().access_grant.revoked_at is not None
    assert PanelNotice.objects.count() == 2
    with pytest.raises(ValidationError):
        deployment_cancel(deployment=deployment, actor=world.user("inspector"), reason="again")
    # The cancelled deployment no longer holds the PC.
    deployment_create(**_request(world, a1))


def test_a_started_deployment_is_ended_not_cancelled(world, a1):
    deployment = deployment_create(**_request(world, a1))
    later = a1["first"] + timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        deployment_cancel(deployment=deployment, actor=world.user("inspector"), reason="x", today=later)
    assert "end it early" in error.value.message_dict["status"][0]
