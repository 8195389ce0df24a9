from datetime import date

import pytest

from sn.concerns.models import Channel
from sn.concerns.selectors import months_before, period_ending, topic_ranking, ward_concerns
from sn.concerns.services import concern_create
from sn.concerns.taxonomy import Topic
from sn.concerns.tests.factories import ConcernFactory
from sn.core.archive import record_archive

END = date(2026, 3, 31)


def test_months_before_keeps_the_day_or_the_month_end():
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2026, 3, 5), 12) == date(2025, 3, 5)
    assert months_before(date(2026, 1, 15), 2) == date(2025, 11, 15)


def test_period_ending_runs_from_the_day_after_months_back():
    period = period_ending(months=12, end=date(2026, 3, 5))
    assert (period.start, period.end) == (date(2025, 3, 6), date(2026, 3, 5))
    assert period.recent_start == date(2025, 12, 5)


@pytest.mark.django_db
def test_ranking_counts_recent_concerns_twice_and_breaks_ties_by_recency(world):
    ward = world.wards["a1"]
    period = period_ending(months=12, end=END)
    # Burglary: 4 concerns, all old (score 4). Youths: 2 old, 1 recent (score 4, but raised later).
    # Drugs: 2 recent (score 4, raised latest of all). Noise: 1 old (score 1).
    for day in (date(2025, 5, 1), date(2025, 6, 1), date(2025, 7, 1), date(2025, 8, 1)):
        ConcernFactory(neighbourhood=ward, topic=Topic.BURGLARY, raised_on=day)
    for day in (date(2025, 5, 2), date(2025, 6, 2)):
        ConcernFactory(neighbourhood=ward, topic=Topic.ASB_YOUTHS, raised_on=day, channel=Channel.SURVEY)
    ConcernFactory(neighbourhood=ward, topic=Topic.ASB_YOUTHS, raised_on=date(2026, 2, 1))
    ConcernFactory(neighbourhood=ward, topic=Topic.ASB_YOUTHS, raised_on=date(2024, 1, 1))  # too old
    for day in (date(2026, 3, 1), date(2026, 3, 20)):
        ConcernFactory(neighbourhood=ward, topic=Topic.DRUG_DEALING, raised_on=day)
    ConcernFactory(neighbourhood=ward, topic=Topic.ASB_NOISE, raised_on=date(2025, 9, 1))
    archived = ConcernFactory(neighbourhood=ward, topic=Topic.ASB_NOISE, raised_on=date(2026, 3, 2))
    record_archive(record=archived, reason="Duplicate")
    ConcernFactory(neighbourhood=world.wards["a2"], topic=Topic.ASB_NOISE, raised_on=date(2026, 3, 2))

    ranking = topic_ranking(neighbourhood=ward, period=period)

    # Three topics score 4: the one raised latest first.
    assert [(r.topic, r.count, r.recent, r.score) for r in ranking] == [
        (Topic.DRUG_DEALING, 2, 2, 4),
        (Topic.ASB_YOUTHS, 3, 1, 4),
        (Topic.BURGLARY, 4, 0, 4),
        (Topic.ASB_NOISE, 1, 0, 1),
    ]
    assert [r.rank for r in ranking] == [1, 2, 3, 4]
    youths = ranking[1]
    assert youths.channels == 2 and youths.young_people and youths.last_raised == date(2026, 2, 1)
    assert youths.category == "anti-social-behaviour"
    assert [r.topic for r in topic_ranking(neighbourhood=ward, period=period, limit=2)] == [
        Topic.DRUG_DEALING,
        Topic.ASB_YOUTHS,
    ]


@pytest.mark.django_db
def test_ward_concerns_filters_and_leaves_out_archived(world):
    ward = world.wards["a1"]
    kept = ConcernFactory(neighbourhood=ward, topic=Topic.BURGLARY, channel=Channel.MEDIA)
    ConcernFactory(neighbourhood=ward, topic=Topic.ROBBERY, channel=Channel.MEDIA)
    gone = ConcernFactory(neighbourhood=ward, topic=Topic.BURGLARY, channel=Channel.MEDIA)
    record_archive(record=gone, reason="Raised in error")
    assert list(ward_concerns(ward, topics=[Topic.BURGLARY], channels=[Channel.MEDIA])) == [kept]
    assert ward_concerns(ward).count() == 2


@pytest.mark.django_db
def test_a_concern_links_back_to_the_record_that_raised_it(world):
    ward = world.wards["a1"]
    team = world.teams["a1"]  # any saved record stands in for an event of an app above
    concern = concern_create(
        neighbourhood=ward,
        raised_on=date(2026, 1, 5),
        channel=Channel.ENGAGEMENT_EVENT,
        topic=Topic.BURGLARY,
        description="Sheds broken into",
        source="Street briefing",
        source_record=team,
    )
    concern.refresh_from_db()
    assert concern.source_record == team
