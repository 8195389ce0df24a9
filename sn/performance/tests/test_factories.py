import pytest

from sn.geography.tests.factories import BoroughFactory
from sn.performance.tests.factories import (
    ComparisonGroupFactory,
    ComparisonMembershipFactory,
    SurveyResultFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "factory_class", [SurveyResultFactory, ComparisonGroupFactory, ComparisonMembershipFactory]
)
def test_each_factory_builds_a_valid_saved_record(factory_class):
    record = factory_class()
    record.refresh_from_db()
    record.full_clean()


def test_several_results_for_one_borough_fall_in_successive_quarters():
    borough = BoroughFactory()
    results = SurveyResultFactory.create_batch(4, borough=borough)
    quarters = [result.quarter for result in results]
    assert quarters == [quarters[0].shifted(i) for i in range(4)]


def test_the_share_answering_positively_sets_the_positive_count():
    result = SurveyResultFactory(sample_size=400, share=0.6)
    assert result.positive == 240
