"""Property tests of the ASB Case Review threshold (sn.asb.threshold)."""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from sn.asb.threshold import case_review_threshold, qualifies

START = date(2026, 1, 1)
days = st.integers(min_value=0, max_value=500)
delays = st.integers(min_value=0, max_value=31)


@st.composite
def report(draw, delay=delays):
    reported = START + timedelta(days=draw(days))
    return (reported - timedelta(days=draw(delay)), reported)


reports = st.lists(report(), max_size=8)


@settings(deadline=None)
@given(reports, st.randoms())
def test_the_order_of_the_reports_does_not_matter(found, rng):
    shuffled = list(found)
    rng.shuffle(shuffled)
    assert case_review_threshold(found) == case_review_threshold(shuffled)


@settings(deadline=None)
@given(reports, report())
def test_adding_a_qualifying_report_never_unflags_nor_delays(found, extra):
    before = case_review_threshold(found)
    after = case_review_threshold([*found, extra])
    if before.met:
        assert after.met
        assert after.met_on <= before.met_on


@settings(deadline=None)
@given(reports, st.lists(report(delay=st.integers(min_value=32, max_value=400)), max_size=5))
def test_reports_made_late_do_not_count(found, late):
    assert all(not qualifies(i, r) for i, r in late)
    assert case_review_threshold([*found, *late]) == case_review_threshold(found)


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=400), st.integers(min_value=1, max_value=90), delays)
def test_exactly_three_within_six_months_flag_on_the_third(first, gap, delay):
    one = START + timedelta(days=first)
    two = one + timedelta(days=gap)
    three = min(one + relativedelta(months=6) - timedelta(days=1), two + timedelta(days=gap))
    found = [(d - timedelta(days=delay), d) for d in (one, two, three)]
    result = case_review_threshold(found)
    assert result.met and result.met_on == three
    assert not case_review_threshold(found[:2]).met


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=400), delays)
def test_three_spread_over_more_than_six_months_do_not_flag(first, delay):
    one = START + timedelta(days=first)
    three = one + relativedelta(months=6)
    two = one + (three - one) / 2
    found = [(d - timedelta(days=delay), d) for d in (one, two, three)]
    assert not case_review_threshold(found).met


def test_a_report_of_an_incident_after_it_was_reported_does_not_count():
    day = START + timedelta(days=10)
    assert not qualifies(day + timedelta(days=1), day)
