from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sn.teams.models import EstablishmentPolicy, Posting, Rank, Team
from sn.teams.selectors import policy_in_force, staffing_summary, team_staffing
from sn.teams.services import establishment_policy_create, posting_create, posting_end
from sn.teams.tests.factories import PostingFactory

pytestmark = pytest.mark.django_db


def test_a_ward_of_14000_or_more_people_has_the_1_2_6_establishment(world):
    staffing = team_staffing(Team.objects.filter(id=world.teams["a1"].id))[world.teams["a1"].id]
    assert staffing.establishment == {Rank.SERGEANT: 1, Rank.PC: 2, Rank.PCSO: 6}


def test_a_smaller_ward_has_the_1_2_3_establishment(world):
    staffing = team_staffing(Team.objects.filter(id=world.teams["a3"].id))[world.teams["a3"].id]
    assert staffing.establishment == {Rank.SERGEANT: 1, Rank.PC: 2, Rank.PCSO: 3}


def test_a_shared_sergeant_counts_as_half_a_sergeant_in_each_team(world):
    staffing = team_staffing(Team.objects.filter(neighbourhood__borough=world.boroughs["a"]))
    assert staffing[world.teams["a1"].id].strength[Rank.SERGEANT] == 0.5
    assert staffing[world.teams["a2"].id].strength[Rank.SERGEANT] == 0.5
    assert staffing[world.teams["a2"].id].vacancies(Rank.SERGEANT) == 0.5
    assert staffing[world.teams["a1"].id].shared_sergeant_teams == 1


def test_vacancies_and_over_strength_are_counted_by_rank(world):
    staffing = team_staffing(Team.objects.filter(id=world.teams["a1"].id))[world.teams["a1"].id]
    # a1 has 2 PCs and 3 PCSOs against 2 and 6 posts.
    assert staffing.vacancies(Rank.PCSO) == 3
    assert staffing.vacancies(Rank.PC) == 0
    PostingFactory(officer__rank=Rank.PC, team=world.teams["a1"])
    staffing = team_staffing(Team.objects.filter(id=world.teams["a1"].id))[world.teams["a1"].id]
    assert staffing.over_strength(Rank.PC) == 1


def test_ended_and_future_postings_do_not_count(world):
    today = date.today()
    PostingFactory(officer__rank=Rank.PCSO, team=world.teams["a3"], start_date=today + timedelta(days=10))
    PostingFactory(officer__rank=Rank.PCSO, team=world.teams["a3"], end_date=today - timedelta(days=1))
    staffing = team_staffing(Team.objects.filter(id=world.teams["a3"].id))[world.teams["a3"].id]
    assert staffing.strength[Rank.PCSO] == 0


def test_borough_totals_are_the_sum_of_their_teams(world):
    groups, total = staffing_summary(
        Team.objects.all(),
        group_by="neighbourhood__borough__code",
        label_field="neighbourhood__borough__name",
    )
    assert [g.label for g in groups] == ["Borough A", "Borough B"]
    assert total.teams == 8
    assert total.strength[Rank.SERGEANT] == 2  # two people, each shared over two teams
    assert (
        total.establishment[Rank.PCSO] == sum(g.establishment[Rank.PCSO] for g in groups) == 2 * (6 + 3 * 3)
    )


def test_staffing_takes_the_same_number_of_queries_whatever_the_team_size(world):
    teams = Team.objects.filter(neighbourhood__borough=world.boroughs["a"])
    with CaptureQueriesContext(connection) as before:
        team_staffing(teams)
    PostingFactory.create_batch(30, officer__rank=Rank.SPECIAL, team=world.teams["a2"])
    with CaptureQueriesContext(connection) as after:
        team_staffing(teams)
    assert len(after) == len(before)


def test_the_policy_in_force_is_the_latest_that_has_started(world):
    establishment_policy_create(
        effective_from=date(2010, 1, 1), population_threshold=14000, standard=(1, 2, 3), enhanced=(1, 2, 6)
    )
    establishment_policy_create(
        effective_from=date(2030, 1, 1), population_threshold=12000, standard=(1, 3, 3), enhanced=(1, 3, 6)
    )
    assert policy_in_force(on=date(2025, 1, 1)).effective_from == date(2010, 1, 1)
    assert policy_in_force(on=date(2031, 1, 1)).population_threshold == 12000
    assert EstablishmentPolicy.objects.count() == 2  # the history is kept


def test_without_a_recorded_policy_the_settings_default_applies(db):
    policy = policy_in_force()
    assert policy.population_threshold == 14000
    assert policy.model_name_for(14000) == "1-2-6"
    assert policy.model_name_for(13999) == "1-2-3"


def test_a_policy_needs_a_positive_threshold(db):
    with pytest.raises(ValidationError) as error:
        establishment_policy_create(
            effective_from=date(2010, 1, 1), population_threshold=0, standard=(1, 2, 3), enhanced=(1, 2, 6)
        )
    assert "population_threshold" in error.value.message_dict


def test_a_pc_cannot_hold_two_current_postings(world):
    with pytest.raises(ValidationError) as error:
        posting_create(officer=world.officers["pc_a"], team=world.teams["a3"], start_date=date(2025, 1, 1))
    assert "officer" in error.value.message_dict


def test_a_sergeant_may_lead_another_team(world):
    posting = posting_create(
        officer=world.officers["sergeant_a"], team=world.teams["a3"], start_date=date(2025, 1, 1)
    )
    assert posting.pk


def test_a_posting_cannot_end_before_it_starts(world):
    posting = Posting.objects.filter(officer=world.officers["pc_a"]).get()
    with pytest.raises(ValidationError):
        posting_end(posting=posting, end_date=date(2019, 1, 1))
    posting_end(posting=posting, end_date=date(2025, 1, 1))
    posting.refresh_from_db()
    assert posting.end_date == date(2025, 1, 1)
