"""The case services: opening, scanning, analysis, response, updates, reviews, invitations and closing.
Each refusal names the field and writes nothing; each change is in the audit trail."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sn.accounts.tests.factories import PartnerOrganisationFactory, UserFactory
from sn.concerns.taxonomy import Topic
from sn.concerns.tests.factories import ConcernFactory
from sn.core.audit import history_for
from sn.core.models import AuditEvent
from sn.core.roles import Role
from sn.geography.tests.factories import ORIGIN_LAT, ORIGIN_LNG, SIZE
from sn.panels.models import Priority
from sn.panels.tests.factories import PriorityFactory
from sn.panels.tests.helpers import ward_panel_setup
from sn.problemsolving.models import Assessment, Case, CaseInvitation, CaseReview, CaseUpdate
from sn.problemsolving.services import (
    case_analysis_update,
    case_close,
    case_invite_organisation,
    case_open,
    case_remove_organisation,
    case_response_start,
    case_review_record,
    case_scanning_update,
    case_update_add,
    response_option_add,
)
from sn.problemsolving.tests.factories import (
    CaseFactory,
    PartnerInterventionFactory,
    PartnerUserFactory,
    ResponseOptionFactory,
    ward_case_setup,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
TOMORROW = lambda: TODAY() + datetime.timedelta(days=1)  # noqa: E731


@pytest.fixture
def a1(world):
    return ward_panel_setup(world, "a1")


@pytest.fixture
def case(world):
    return CaseFactory(neighbourhood=world.wards["a1"], owner=world.officers["pc_a"])


def refused(call, field: str) -> str:
    with pytest.raises(ValidationError) as error:
        call()
    assert field in error.value.message_dict, error.value.message_dict
    return error.value.message_dict[field][0]


def square_in_a1(shift: float = 0.0) -> str:
    """A small square inside ward a1 (column 0 of the factories' grid), moved right by `shift` wards."""
    x, y, d = ORIGIN_LNG + SIZE * (0.25 + shift), ORIGIN_LAT + SIZE * 0.25, SIZE * 0.5
    ring = [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]
    return json.dumps({"type": "Polygon", "coordinates": [ring]})


# --- Opening


def test_a_case_opened_from_a_priority_takes_its_ward_topic_categories_and_concerns(world, a1):
    concerns = ConcernFactory.create_batch(2, neighbourhood=world.wards["a1"])
    a1.priority.concerns.add(*concerns)

    case = case_open(priority=a1.priority, owner=world.officers["pc_a"], actor=world.user("team_officer"))

    assert case.neighbourhood == world.wards["a1"] and case.priority == a1.priority
    assert case.topic == a1.priority.topic and case.categories == ["burglary"]
    assert set(case.concerns.all()) == set(concerns)
    assert case.stage == Case.Stage.SCANNING and case.last_activity_on == TODAY()
    assert case.review_due_on == TODAY() + datetime.timedelta(weeks=4)
    assert (
        history_for(case).filter(action=AuditEvent.Action.CREATE, actor=world.user("team_officer")).exists()
    )


def test_a_priority_gets_one_case_only_and_a_second_is_refused_unwritten(world, a1):
    case_open(priority=a1.priority, owner=world.officers["pc_a"], actor=world.user("sergeant"))

    message = refused(
        lambda: case_open(priority=a1.priority, owner=world.officers["pc_a"], actor=world.user("sergeant")),
        "priority",
    )

    assert "already has its case" in message
    assert Case.objects.filter(priority=a1.priority).count() == 1


def test_an_ended_priority_gets_no_case(world, a1):
    Priority.objects.filter(pk=a1.priority.pk).update(
        status=Priority.Status.WITHDRAWN, withdrawn_at=a1.meeting, ended_on=TODAY()
    )
    a1.priority.refresh_from_db()

    assert "withdrawn" in refused(
        lambda: case_open(priority=a1.priority, owner=world.officers["pc_a"], actor=world.user("sergeant")),
        "priority",
    )
    assert not Case.objects.exists()


def test_a_case_for_a_ward_without_a_priority_needs_its_statement_and_categories(world):
    ward = world.wards["a1"]
    owner = world.officers["pc_a"]
    actor = world.user("team_officer")

    refused(
        lambda: case_open(neighbourhood=ward, owner=owner, title="Drugs", actor=actor), "problem_statement"
    )
    refused(
        lambda: case_open(
            neighbourhood=ward,
            owner=owner,
            title="x",
            problem_statement="y",
            categories=["nonsense"],
            actor=actor,
        ),
        "categories",
    )
    assert not Case.objects.exists()

    case = case_open(
        neighbourhood=ward,
        owner=owner,
        title="Dealing by the station",
        problem_statement="Dealing at the station entrance in the evenings",
        topic=Topic.DRUG_DEALING,
        actor=actor,
    )
    assert case.priority is None and case.categories == ["drugs"]


def test_opening_is_refused_for_a_ward_outside_the_actors_area_and_for_an_owner_not_on_the_team(world):
    b_priority = ward_panel_setup(world, "b1").priority
    assert "outside your area" in refused(
        lambda: case_open(
            priority=b_priority, owner=world.officers["pc_b"], actor=world.user("team_officer")
        ),
        "owner",
    )
    a1 = ward_panel_setup(world, "a1")
    assert "not posted" in refused(
        lambda: case_open(
            priority=a1.priority, owner=world.officers["pc_b"], actor=world.user("team_officer")
        ),
        "owner",
    )
    assert "Your role cannot" in refused(
        lambda: case_open(priority=a1.priority, owner=world.officers["pc_a"], actor=world.user("analyst")),
        "owner",
    )
    assert not Case.objects.exists()


# --- Scanning


def test_scanning_records_named_streets_one_a_line(world, case):
    case_scanning_update(
        case=case,
        title="Burglary on Elm Street",
        problem_statement="Night-time burglaries through rear windows",
        place=Case.Place.STREETS,
        streets="Elm Street\n\n  Oak Road  \n",
        period_start=datetime.date(2023, 1, 15),
        period_end=datetime.date(2023, 6, 1),
        categories=["burglary", "vehicle-crime"],
        actor=world.user("team_officer"),
    )
    case.refresh_from_db()
    assert case.street_list == ["Elm Street", "Oak Road"]
    assert case.period_start == datetime.date(2023, 1, 1)
    assert case.categories == ["burglary", "vehicle-crime"]
    updates = history_for(case).filter(action=AuditEvent.Action.UPDATE)
    assert any("place" in e.changes for e in updates)


def scan(case, actor, **kwargs):
    fields = {
        "title": "Burglary",
        "problem_statement": "Burglaries",
        "place": Case.Place.AREA,
        "period_start": datetime.date(2023, 1, 1),
        "period_end": datetime.date(2023, 6, 1),
        "categories": ["burglary"],
    }
    return case_scanning_update(case=case, actor=actor, **{**fields, **kwargs})


def test_an_area_drawn_within_the_ward_is_kept_as_geojson(world, case):
    scan(case, world.user("team_officer"), area=square_in_a1())
    case.refresh_from_db()
    assert case.place == Case.Place.AREA and json.loads(case.area)["type"] == "Polygon"


@pytest.mark.parametrize(
    ("area", "says"),
    [
        ("not json", "not GeoJSON"),
        ('{"type": "Point", "coordinates": [0, 51]}', "must be a polygon"),
        (
            json.dumps({"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}),
            "not a valid polygon",
        ),
        ("", "Draw the area"),
    ],
)
def test_a_bad_area_is_refused_naming_the_area_and_nothing_changes(world, case, area, says):
    before = case.area
    assert says in refused(lambda: scan(case, world.user("team_officer"), area=area), "area")
    case.refresh_from_db()
    assert case.area == before and case.place == Case.Place.WARD


def test_an_area_in_another_ward_is_refused(world, case):
    assert "outside" in refused(
        lambda: scan(case, world.user("team_officer"), area=square_in_a1(shift=5)), "area"
    )


def test_a_problem_period_in_the_future_or_backwards_is_refused(world, case):
    future = TODAY() + datetime.timedelta(days=62)
    refused(lambda: scan(case, world.user("team_officer"), place="ward", period_end=future), "period_end")
    refused(
        lambda: scan(case, world.user("team_officer"), place="ward", period_start=datetime.date(2023, 7, 1)),
        "period_end",
    )


def test_streets_are_needed_when_the_place_is_streets(world, case):
    refused(
        lambda: scan(case, world.user("team_officer"), place=Case.Place.STREETS, streets="  \n"), "streets"
    )


# --- Analysis and response


def test_analysis_moves_the_case_to_analysis_and_needs_a_side_of_the_triangle(world, case):
    refused(
        lambda: case_analysis_update(case=case, guardian="Caretaker", actor=world.user("team_officer")),
        "victim",
    )
    assert Case.objects.get(pk=case.pk).stage == Case.Stage.SCANNING

    case_analysis_update(
        case=case,
        victim="Ground-floor flats",
        offender="Two local men",
        location="Elm estate",
        manager="Housing association",
        summary="Insecure rear windows",
        actor=world.user("team_officer"),
    )
    case.refresh_from_db()
    assert case.stage == Case.Stage.ANALYSIS and case.analysis_summary == "Insecure rear windows"
    stages = [e.changes.get("stage") for e in history_for(case).filter(action=AuditEvent.Action.UPDATE)]
    assert ["scanning", "analysis"] in stages


def test_the_response_needs_a_chosen_option_and_a_date_that_has_come(world, case):
    actor = world.user("team_officer")
    ResponseOptionFactory(case=case, chosen=False)
    assert "at least one response option" in refused(
        lambda: case_response_start(case=case, started_on=TODAY(), actor=actor), "started_on"
    )
    response_option_add(case=case, description="Target hardening", chosen=True, reason="Windows", actor=actor)
    refused(lambda: case_response_start(case=case, started_on=TOMORROW(), actor=actor), "started_on")
    assert Case.objects.get(pk=case.pk).response_started_on is None

    case_response_start(case=case, started_on=TODAY(), actor=actor)
    case.refresh_from_db()
    assert case.response_started_on == TODAY() and case.stage == Case.Stage.RESPONSE
    refused(lambda: case_response_start(case=case, started_on=TODAY(), actor=actor), "started_on")


# --- Updates


def test_the_team_and_an_invited_partner_add_updates_and_the_partners_carry_their_organisation(world):
    setup = ward_case_setup(world, "a1")
    partner = world.user("partner")

    update = case_update_add(case=setup.case, text="Lighting repaired on block C", actor=partner)

    assert update.organisation == partner.partner_organisation and update.author == partner
    assert history_for(update).filter(action=AuditEvent.Action.CREATE, actor=partner).exists()
    team = case_update_add(case=setup.case, text="Patrols", actor=world.user("team_officer"))
    assert team.organisation is None


def test_a_partner_of_an_organisation_not_invited_is_refused_and_nothing_is_written(world):
    setup = ward_case_setup(world, "a1")
    stranger = PartnerUserFactory(
        partner_organisation=PartnerOrganisationFactory(boroughs=[world.boroughs["a"]])
    )
    count = CaseUpdate.objects.count()

    assert "not invited" in refused(
        lambda: case_update_add(case=setup.case, text="x", actor=stranger), "text"
    )
    assert CaseUpdate.objects.count() == count


def test_an_update_in_the_future_or_empty_is_refused(world, case):
    actor = world.user("team_officer")
    refused(lambda: case_update_add(case=case, text="x", on=TOMORROW(), actor=actor), "on")
    refused(lambda: case_update_add(case=case, text="  ", actor=actor), "text")
    assert not CaseUpdate.objects.filter(case=case).exists()


def test_an_update_moves_the_last_activity_forward_only(world, case):
    Case.objects.filter(pk=case.pk).update(last_activity_on=TODAY() - datetime.timedelta(days=50))
    case.refresh_from_db()
    case_update_add(
        case=case, text="x", on=TODAY() - datetime.timedelta(days=10), actor=world.user("sergeant")
    )
    assert Case.objects.get(pk=case.pk).last_activity_on == TODAY() - datetime.timedelta(days=10)
    case_update_add(
        case=case, text="y", on=TODAY() - datetime.timedelta(days=20), actor=world.user("sergeant")
    )
    assert Case.objects.get(pk=case.pk).last_activity_on == TODAY() - datetime.timedelta(days=10)


# --- Reviews


def test_the_wards_sergeant_reviews_and_the_next_review_falls_due_later(world, case, settings):
    settings.SN_CASE_REVIEW_WEEKS = 3
    review = case_review_record(case=case, note="Going well", actor=world.user("sergeant"))
    case.refresh_from_db()
    assert review.next_due_on == TODAY() + datetime.timedelta(weeks=3) == case.review_due_on
    assert history_for(review).filter(action=AuditEvent.Action.CREATE, actor=world.user("sergeant")).exists()


def test_only_the_wards_sergeant_reviews(world, case):
    for role in ("team_officer", "inspector"):
        refused(lambda role=role: case_review_record(case=case, note="x", actor=world.user(role)), "note")
    other_sergeant = UserFactory(role=Role.SERGEANT)
    assert "not a sergeant of" in refused(
        lambda: case_review_record(case=case, note="x", actor=other_sergeant), "note"
    )
    refused(
        lambda: case_review_record(case=case, note="x", on=TOMORROW(), actor=world.user("sergeant")), "on"
    )
    assert not CaseReview.objects.filter(case=case).exists()


# --- Invitations


def test_the_sergeant_invites_and_removes_an_organisation_and_its_reach_ends_at_once(world, case):
    from sn.problemsolving.permissions import get_case_for_user

    partner = world.user("partner")
    organisation = partner.partner_organisation
    invitation = case_invite_organisation(case=case, organisation=organisation, actor=world.user("sergeant"))
    assert get_case_for_user(partner, case.pk) == case

    case_remove_organisation(case=case, organisation=organisation, actor=world.user("sergeant"))

    invitation.refresh_from_db()
    assert invitation.removed_at is not None and invitation.removed_by == world.user("sergeant")
    with pytest.raises(Exception) as missing:
        get_case_for_user(partner, case.pk)
    assert missing.typename == "Http404"
    assert history_for(invitation).filter(action=AuditEvent.Action.UPDATE).exists()


def test_inviting_is_the_sergeants_only_and_for_organisations_of_the_borough(world, case):
    organisation = world.user("partner").partner_organisation
    refused(
        lambda: case_invite_organisation(
            case=case, organisation=organisation, actor=world.user("team_officer")
        ),
        "organisation",
    )
    elsewhere = PartnerOrganisationFactory(boroughs=[world.boroughs["b"]])
    assert "does not work in" in refused(
        lambda: case_invite_organisation(case=case, organisation=elsewhere, actor=world.user("sergeant")),
        "organisation",
    )
    case_invite_organisation(case=case, organisation=organisation, actor=world.user("sergeant"))
    assert "already invited" in refused(
        lambda: case_invite_organisation(case=case, organisation=organisation, actor=world.user("sergeant")),
        "organisation",
    )
    assert CaseInvitation.objects.filter(case=case).count() == 1


def test_removing_an_organisation_with_open_interventions_is_refused_naming_them(world, case):
    partner = world.user("partner")
    intervention = PartnerInterventionFactory(case=case, owner_user=partner, description="Fix the lights")

    message = refused(
        lambda: case_remove_organisation(
            case=case, organisation=partner.partner_organisation, actor=world.user("sergeant")
        ),
        "organisation",
    )

    assert "Fix the lights" in message and intervention.description in message
    assert CaseInvitation.objects.get(case=case).removed_at is None


# --- Closing


def test_a_case_closes_only_once_assessed_and_then_takes_no_more_work(world, case):
    actor = world.user("team_officer")
    assert "assessment" in refused(
        lambda: case_close(case=case, closing_note="Done", actor=actor), "closing_note"
    )
    assert Case.objects.get(pk=case.pk).is_open

    Assessment.objects.create(
        case=case,
        before_start=datetime.date(2022, 1, 1),
        before_end=datetime.date(2022, 6, 1),
        after_start=datetime.date(2022, 7, 1),
        after_end=datetime.date(2022, 12, 1),
        category_codes=case.category_codes,
        outcome=Assessment.Outcome.REDUCED,
        evidence="Fewer burglaries",
        recorded_by=actor,
        recorded_on=TODAY(),
    )
    case_close(case=case, closing_note="Burglary down by a half", actor=actor)

    case.refresh_from_db()
    assert case.stage == Case.Stage.CLOSED and case.closed_on == TODAY()
    assert "closed" in refused(lambda: case_update_add(case=case, text="More", actor=actor), "text")


def test_a_priority_factory_case_is_in_the_priority_s_ward(world):
    priority = PriorityFactory()
    case = CaseFactory(priority=priority)
    assert case.neighbourhood == priority.neighbourhood
