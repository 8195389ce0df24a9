"""The analysis on a small world: borough A's four wards (a1 has 15,000 residents, a2-a4 9,000 each), a
year of concerns in a1 and two years of recorded incidents in every ward."""

from datetime import date

import pytest
from django.urls import reverse

from sn.concerns.analysis import FALLING, HIGH, LOW, RISING, TYPICAL, concern_analysis
from sn.concerns.selectors import month_period
from sn.concerns.taxonomy import Topic
from sn.concerns.tests.factories import ConcernFactory
from sn.core.months import add_months, month_span
from sn.crime.tests.helpers import add_monthly, cover
from sn.incidents.categories import Category

pytestmark = pytest.mark.django_db

END_MONTH = date(2024, 6, 1)
TODAY = date(2024, 6, 30)
MONTHS = month_span(END_MONTH, 12)
EARLIER = [add_months(m, -12) for m in MONTHS]


def _monthly(ward, category, now: int, before: int):
    add_monthly(*[(ward, m, category, now) for m in MONTHS], *[(ward, m, category, before) for m in EARLIER])


def _concerns(ward, topic, *days):
    for day in days:
        ConcernFactory(neighbourhood=ward, topic=topic, raised_on=day)


@pytest.fixture
def recorded(world):
    """a1: burglary low (1 a month; the other wards 10), vehicle crime high and rising (30 a month, 10 a
    year earlier; the others 2), drugs high and steady (20; the others 1), ASB typical (15; the others 12)."""
    a1, others = world.wards["a1"], [world.wards[k] for k in ("a2", "a3", "a4")]
    _monthly(a1, Category.BURGLARY, 1, 1)
    _monthly(a1, Category.VEHICLE_CRIME, 30, 10)
    _monthly(a1, Category.DRUGS, 20, 20)
    _monthly(a1, Category.ANTI_SOCIAL_BEHAVIOUR, 15, 15)
    for ward in others:
        _monthly(ward, Category.BURGLARY, 10, 10)
        _monthly(ward, Category.VEHICLE_CRIME, 2, 2)
        _monthly(ward, Category.DRUGS, 1, 1)
        _monthly(ward, Category.ANTI_SOCIAL_BEHAVIOUR, 12, 12)
    cover(EARLIER[0], MONTHS[-1])
    return a1


@pytest.fixture
def raised(recorded):
    a1 = recorded
    _concerns(
        a1, Topic.BURGLARY, *(date(2023, m, 5) for m in (8, 9, 10, 11)), date(2024, 4, 2), date(2024, 5, 9)
    )
    _concerns(a1, Topic.ASB_YOUTHS, date(2023, 9, 1), date(2023, 10, 1), date(2023, 11, 1), date(2024, 1, 3))
    _concerns(a1, Topic.DRUG_DEALING, date(2023, 12, 1), date(2024, 2, 1), date(2024, 6, 20))
    _concerns(a1, Topic.ASB_NOISE, date(2024, 6, 1))
    _concerns(a1, Topic.BURGLARY, date(2023, 6, 30))  # the day before the period
    return a1


def _analysis(ward, end_month=END_MONTH):
    return concern_analysis(ward, period=month_period(months=12, end_month=end_month, today=TODAY))


def test_topics_are_ranked_by_count_plus_recent_count_then_by_recency(raised):
    analysis = _analysis(raised)
    ranked = [(r.rank.topic, r.rank.count, r.rank.recent, r.rank.score) for r in analysis.rows]
    # Drugs and youths both score 4: drugs was raised later.
    assert ranked == [
        (Topic.BURGLARY, 6, 2, 8),
        (Topic.DRUG_DEALING, 3, 1, 4),
        (Topic.ASB_YOUTHS, 4, 0, 4),
        (Topic.ASB_NOISE, 1, 1, 2),
    ]
    assert analysis.total == 14 and analysis.aligned
    assert [r.often for r in analysis.rows] == [True, True, True, False]
    assert analysis.rows[0].monthly == (0, 5 - 4, 1, 1, 1, 0, 0, 0, 0, 1, 1, 0)[:0] + (
        0,
        1,
        1,
        1,
        1,
        0,
        0,
        0,
        0,
        1,
        1,
        0,
    )


def test_each_topic_sits_beside_its_category_judged_against_the_borough_and_a_year_earlier(raised):
    rows = {r.rank.topic: r.recorded for r in _analysis(raised).rows}
    burglary, drugs, asb = rows[Topic.BURGLARY], rows[Topic.DRUG_DEALING], rows[Topic.ASB_YOUTHS]
    assert (burglary.count, burglary.level, burglary.trend) == (12, LOW, None)
    assert burglary.rate == pytest.approx(0.8) and burglary.borough_rate == pytest.approx(372 / 42)
    assert (drugs.level, drugs.trend) == (HIGH, None)
    assert (asb.label, asb.level, asb.trend) == ("Anti-social behaviour", TYPICAL, None)
    assert rows[Topic.ASB_NOISE] is asb or rows[Topic.ASB_NOISE].series == asb.series


def test_disagreements_and_agreements_are_said_in_words(raised):
    analysis = _analysis(raised)
    burglary, drugs, youths, _ = analysis.rows
    assert burglary.disagreement.startswith(
        "Residents raise burglary often (6 concerns, 2 in the last 3 months)"
    )
    assert (
        "but recorded burglary is low (0.8 per 1,000 residents against the borough's 8.9)"
        in burglary.disagreement
    )
    assert drugs.agreement.endswith("they agree.") and not drugs.disagreement
    assert not youths.disagreement and not youths.agreement
    [(vehicle, words)] = analysis.unraised
    assert vehicle.level == HIGH and vehicle.trend == RISING
    assert words.startswith("Recorded vehicle crime is high (24.0 per 1,000 residents")
    assert words.endswith("and rising (+200% on a year earlier) but nobody raised it in this period.")
    assert analysis.disagreements == [burglary.disagreement, words]


def test_a_topic_raised_often_whose_category_is_falling_disagrees(world, recorded):
    a1 = recorded
    _monthly(a1, Category.ROBBERY, 2, 20)
    _concerns(a1, Topic.ROBBERY, date(2024, 4, 1), date(2024, 5, 1), date(2024, 6, 1))
    robbery = next(r for r in _analysis(a1).rows if r.rank.topic == Topic.ROBBERY)
    assert robbery.recorded.trend == FALLING
    # High against a borough with little robbery, but falling: residents' concern and the trend disagree.
    assert robbery.disagreement.endswith(
        "but recorded robbery is high (1.6 per 1,000 residents against the borough's 0.6) "
        "and falling (-90% on a year earlier)."
    )


def test_months_missing_from_the_data_leave_a_category_unjudged(world):
    a1 = world.wards["a1"]
    _monthly(a1, Category.BURGLARY, 1, 1)
    for key in ("a2", "a3", "a4"):
        _monthly(world.wards[key], Category.BURGLARY, 10, 10)
    cover(EARLIER[0], MONTHS[-1], categories=[c for c in Category.values if c != Category.BURGLARY])
    cover(EARLIER[0], MONTHS[4], categories=[Category.BURGLARY])  # burglary lacks December 2023
    cover(MONTHS[6], MONTHS[-1], categories=[Category.BURGLARY])
    _concerns(a1, Topic.BURGLARY, date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1))
    [row] = _analysis(a1).rows
    assert not row.recorded.complete and row.recorded.level is None and row.recorded.trend is None
    assert row.recorded.change.missing == (date(2023, 12, 1),) and not row.disagreement


def test_a_period_past_the_latest_data_compares_with_the_latest_months_published(raised):
    analysis = _analysis(raised, end_month=date(2024, 6, 1))
    assert analysis.aligned
    later = concern_analysis(
        raised, period=month_period(months=12, end_month=date(2024, 9, 1), today=date(2024, 9, 30))
    )
    assert not later.aligned and later.overlapping
    assert later.profile.end_month == END_MONTH and later.months[-1] == date(2024, 9, 1)


def test_topics_without_a_category_have_nothing_recorded(world):
    _concerns(world.wards["a1"], Topic.ROAD_SAFETY, date(2024, 5, 1), date(2024, 5, 2), date(2024, 5, 3))
    [row] = _analysis(world.wards["a1"]).rows
    assert row.recorded is None and not row.disagreement


def test_the_page_shows_the_ranking_the_disagreement_and_a_map(client_for, raised):
    url = reverse("concerns:analysis", args=[raised.code]) + "?month=2024-06"
    page = client_for("panel_member").get(url)
    text = page.content.decode()
    assert page.status_code == 200
    assert "Residents raise burglary often" in text and "but nobody raised it" in text
    assert 'id="analysis-map"' in text and "Map: Burglary" in text
    download = client_for("analyst").get(url + "&format=csv").content.decode("utf-8-sig")
    assert "Burglary" in download.splitlines()[1] and "(not raised)" in download


def test_a_bad_period_is_shown_beside_its_field_and_refused_for_a_download(client_for, raised):
    url = reverse("concerns:analysis", args=[raised.code])
    page = client_for("sergeant").get(url + "?months=99")
    assert page.status_code == 200 and "from 1 to 36" in page.content.decode()
    assert client_for("sergeant").get(url + "?months=99&format=csv").status_code == 400


def test_without_incident_data_the_page_says_so_once(client_for, world):
    _concerns(world.wards["a1"], Topic.BURGLARY, date(2024, 5, 1))
    url = reverse("concerns:analysis", args=[world.wards["a1"].code]) + "?month=2024-06"
    text = client_for("sergeant").get(url).content.decode()
    assert "No police.uk incident data is loaded" in text and "Incomplete incident data" not in text


def test_disagreements_over_different_years_come_with_a_caveat(client_for, raised):
    url = reverse("concerns:analysis", args=[raised.code])
    aligned = client_for("sergeant").get(url + "?month=2024-06").content.decode()
    later = client_for("sergeant").get(url + "?month=2024-09").content.decode()

    assert 'id="disagreements-caveat"' not in aligned
    assert 'id="disagreements-caveat"' in later and "may only mean that things changed" in later
