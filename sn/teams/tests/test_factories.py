from datetime import date

import pytest

from sn.teams.models import Rank
from sn.teams.tests.factories import EstablishmentPolicyFactory, OfficerFactory, PostingFactory, TeamFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "factory_class", [OfficerFactory, TeamFactory, PostingFactory, EstablishmentPolicyFactory]
)
def test_each_factory_builds_a_valid_saved_record(factory_class):
    record = factory_class()
    record.refresh_from_db()
    record.full_clean()


def test_a_posting_is_current_and_of_a_pc_unless_told_otherwise():
    posting = PostingFactory()
    assert posting.start_date < date.today()
    assert posting.end_date is None
    assert posting.officer.rank == Rank.PC


def test_officers_have_different_collar_numbers():
    first, second = OfficerFactory.create_batch(2)
    assert first.collar_number != second.collar_number


def test_a_team_is_named_after_its_neighbourhood():
    team = TeamFactory()
    assert team.name == f"{team.neighbourhood.name} SNT"


def test_successive_policies_start_on_different_days_with_the_standard_establishment():
    first, second = EstablishmentPolicyFactory.create_batch(2)
    assert first.effective_from != second.effective_from
    assert first.model_name_for(14000) == "1-2-6"
    assert first.model_name_for(13999) == "1-2-3"
