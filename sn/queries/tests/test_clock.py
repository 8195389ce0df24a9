"""Property tests of the 72-hour clock: calendar and working-time rules, breaches, and clocks stopped only
by substantive replies, once: after it only follow-ups."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sn.feedback.working_days import is_working_day
from sn.queries import clock
from sn.queries.models import QueryReply, ReplyKind
from sn.queries.services import query_reply
from sn.queries.tests.factories import CommunityQueryFactory

moments = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31)).map(
    lambda d: d.replace(tzinfo=UTC, microsecond=0)
)


CALENDAR = override_settings(
    SN_QUERY_CLOCK_WORKING_TIME=False, SN_QUERY_CLOCK_HOURS=72, SN_QUERY_WARN_HOURS=12
)
WORKING = override_settings(
    SN_QUERY_CLOCK_WORKING_TIME=True,
    SN_QUERY_CLOCK_HOURS=72,
    SN_QUERY_WORKING_DAY_START=9,
    SN_QUERY_WORKING_DAY_END=17,
)


@CALENDAR
@settings(deadline=None, max_examples=200)
@given(received=moments)
def test_calendar_deadline_is_exactly_72_hours(received):
    due = clock.deadline(received)
    assert due - received == timedelta(hours=72)
    assert clock.hours_elapsed(received, due) == 72


@WORKING
@settings(deadline=None, max_examples=200)
@given(received=moments, hours=st.integers(min_value=1, max_value=200))
def test_working_time_deadline(received, hours):
    due = clock.deadline(received, hours)
    assert due > received
    # The working hours between receipt and deadline are exactly the clock's length...
    assert clock.hours_elapsed(received, due) == pytest.approx(hours)
    # ...and the deadline falls in working hours on a working day.
    local = clock._local(due)
    assert is_working_day(local.date())
    assert 9 <= local.hour + local.minute / 60 <= 17


@WORKING
@settings(deadline=None, max_examples=100)
@given(received=moments, later=st.integers(min_value=0, max_value=400 * 3600))
def test_hours_elapsed_grows_and_never_exceeds_calendar(received, later):
    until = received + timedelta(seconds=later)
    elapsed = clock.hours_elapsed(received, until)
    assert 0 <= elapsed <= later / 3600 + 1  # +1: a change of the clocks in local time
    assert clock.hours_elapsed(received, until + timedelta(hours=1)) >= elapsed


@WORKING
def test_working_time_skips_weekend_and_bank_holiday():
    # Friday 22 Dec 2023 16:00 (London = UTC in winter): 1 hour on Friday, then Christmas Day, Boxing Day
    # and 1 Jan are bank holidays: 1 + 3x8 + 4x8 + 8 = 65 hours by Monday 8 Jan, 7 more on Tuesday.
    received = datetime(2023, 12, 22, 16, tzinfo=UTC)
    due = clock.deadline(received)
    assert clock.hours_elapsed(received, due) == 72
    assert due == datetime(2024, 1, 9, 16, tzinfo=UTC)


@CALENDAR
@settings(deadline=None, max_examples=200)
@given(
    received=moments,
    acks=st.lists(st.integers(min_value=0, max_value=300 * 3600), max_size=5),
    substantive=st.none() | st.integers(min_value=0, max_value=300 * 3600),
    now_after=st.integers(min_value=0, max_value=300 * 3600),
)
def test_only_a_substantive_reply_stops_the_clock(received, acks, substantive, now_after):
    due = clock.deadline(received)
    now = received + timedelta(seconds=now_after)
    answered = None if substantive is None else received + timedelta(seconds=substantive)
    # Acknowledgements are not an input to the clock at all: whatever they were, the state is the same.
    state = clock.clock_state(due_at=due, answered_at=answered, now=now)
    assert state.stopped == (answered is not None)
    if answered is None:
        assert state.state == ("running" if now <= due else "breached")
    else:
        # A substantive reply after the deadline is a breach, before it is met, whenever it is looked at.
        assert state.state == ("met" if answered <= due else "breached")


@CALENDAR
def test_nearing_breach():
    received = datetime(2026, 3, 2, 9, tzinfo=UTC)
    due = clock.deadline(received)
    assert not clock.nearing_breach(
        clock.clock_state(due_at=due, answered_at=None, now=due - timedelta(hours=13))
    )
    assert clock.nearing_breach(
        clock.clock_state(due_at=due, answered_at=None, now=due - timedelta(hours=11))
    )
    assert (
        clock.clock_state(due_at=due, answered_at=None, now=due + timedelta(hours=5)).label
        == "Breached by 5 hours"
    )


@pytest.mark.django_db
@CALENDAR
@settings(deadline=None, max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    replies=st.lists(
        st.tuples(st.sampled_from(ReplyKind.values), st.integers(min_value=0, max_value=100 * 3600)),
        max_size=6,
    )
)
def test_the_first_substantive_reply_stops_the_clock_once_and_only_follow_ups_come_after(world, replies):
    query = CommunityQueryFactory(neighbourhood=world.wards["a1"])
    sent_at, answered, recorded = query.received_at, None, []
    for kind, gap in replies:
        sent_at += timedelta(seconds=gap)
        # Before the answer: acknowledgements and the answer; after it: follow-ups only.
        if (kind == ReplyKind.FOLLOW_UP) == (answered is not None):
            query_reply(query=query, kind=kind, text="Said.", sent_at=sent_at)
            recorded.append(kind)
            if kind == ReplyKind.SUBSTANTIVE:
                answered = sent_at
        else:
            with pytest.raises(ValidationError) as error:
                query_reply(query=query, kind=kind, text="Said.", sent_at=sent_at)
            assert "kind" in error.value.message_dict
        query.refresh_from_db()
        assert query.answered_at == answered
    assert list(QueryReply.objects.filter(query=query).values_list("kind", flat=True)) == recorded
    assert recorded.count(ReplyKind.SUBSTANTIVE) <= 1
    state = clock.clock_state(due_at=query.due_at, answered_at=query.answered_at, now=sent_at)
    assert state.stopped == (ReplyKind.SUBSTANTIVE in recorded)
