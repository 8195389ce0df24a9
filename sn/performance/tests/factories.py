"""Factories for survey results and comparison groups."""

import factory
from factory.django import DjangoModelFactory

from sn.core.tests.factories import fake
from sn.geography.tests.factories import BoroughFactory
from sn.performance.models import ComparisonGroup, ComparisonMembership, Measure, SurveyResult
from sn.performance.quarters import FinancialQuarter

FIRST_QUARTER = FinancialQuarter(2008, 1)
QUARTERS = 40  # ten financial years, 2008/09 to 2017/18


class SurveyResultFactory(DjangoModelFactory):
    """Confidence in local police in a new borough; successive results fall in successive quarters, so
    several for one borough and measure do not collide. `share` is the proportion answering positively."""

    class Meta:
        model = SurveyResult

    class Params:
        share = fake("pyfloat", min_value=0.3, max_value=0.95)

    borough = factory.SubFactory(BoroughFactory)
    quarter_start = factory.Sequence(lambda n: FIRST_QUARTER.shifted(n % QUARTERS).start)
    measure = Measure.CONFIDENCE
    sample_size = fake("random_int", min=200, max=500)
    positive = factory.LazyAttribute(lambda o: round(o.share * o.sample_size))


class ComparisonGroupFactory(DjangoModelFactory):
    class Meta:
        model = ComparisonGroup

    class Params:
        county = fake("county")

    name = factory.LazyAttributeSequence(lambda o, n: f"{o.county} boroughs {n}")
    description = "Boroughs alike in population, density and demand"


class ComparisonMembershipFactory(DjangoModelFactory):
    class Meta:
        model = ComparisonMembership

    borough = factory.SubFactory(BoroughFactory)
    group = factory.SubFactory(ComparisonGroupFactory)
