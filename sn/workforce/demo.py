"""The demo force's workforce: the duty code table, the abstraction policy, a shift pattern for every
team and the duties of every sergeant, PC and PCSO from the first day of the month three months before
today's to four weeks after today (rostered ahead).

- Shift patterns: in each cluster the teams alternate earlies (07:00-15:00) and lates (15:00-23:00),
  and teams of the same kind take their two rest days on different days, so the cluster has 16-hour
  cover every day (seed 000 paragraph 52). Each officer works their team's pattern; a sergeant shared
  by several teams spends each working day with one of them in turn.
- Abstraction (seed 003: 1.6% force-wide for reasons that count): each team has its own rate of other
  abstraction (most between 0.7% and 2.5%, a few teams, about one in twenty, three to five times that),
  varying month to month; none is known ahead of today. Leave comes as a week's block for most officers
  and single days (about a tenth of rostered hours), mandatory training on about one shift in forty,
  and public order on a few event days (exempt reasons, as the policy says).
- PCs and PCSOs are abstracted independently, so most teams keep a PC and a PCSO on each shift, while
  a team with one PC is left without one whenever that PC is away: the thin wards where lending their
  only PC would break the cover rule.

Deterministic for a seed and a day. Rows go to the database as tuples (sn.panels.demo_rows) and are
audited as one event per table.
"""

import json
import random
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, timedelta
from datetime import time as clock

from django.db import connection, transaction
from django.utils import timezone

from sn.core.months import add_months
from sn.panels.demo_rows import next_id
from sn.teams.models import Posting, Rank, Team
from sn.workforce.importing.bulk import audit_tail, audited_insert, audited_insert_rows
from sn.workforce.models import Duty, DutySource, ShiftPattern
from sn.workforce.services.codes import abstraction_policy_defaults_create, duty_codes_defaults_create
from sn.workforce.working_time import breaches

SOURCE = "workforce-demo"
RANKS = (Rank.SERGEANT, Rank.PC, Rank.PCSO)
EARLY, LATE = ("07:00", 8.0), ("15:00", 8.0)
# The first rest day of the i-th team of each kind in a cluster (Monday 0): the first two of each kind
# rest on different days, so every day has an early team and a late team at work.
EARLY_REST = (5, 1, 3, 6, 2, 4, 0)
LATE_REST = (2, 6, 0, 4, 1, 3, 5)
PATTERN_NOTE = "Demo: the cluster's teams alternate earlies and lates, rest days staggered: 16-hour cover"
ROSTERED_AHEAD = timedelta(weeks=4)
OTHER_BASE_RATE = 0.017
HOT_TEAM_SHARE = 0.05
LEAVE_BLOCK_CHANCE = 0.8
LEAVE_DAY_CHANCE = 0.045
TRAINING_CHANCE = 0.025
PUBLIC_ORDER_CHANCE = 0.3
DUTY_COLUMNS = (
    "officer_id",
    "team_id",
    "neighbourhood_id",
    "date",
    "starts_at",
    "ends_at",
    "minutes",
    "code_id",
    "reason_id",
    "source",
    "import_run_id",
    "note",
)


def pattern_for(position: int) -> list[dict | None]:
    """The pattern of a cluster's `position`-th team (in ward code order)."""
    start, hours = EARLY if position % 2 == 0 else LATE
    rests = EARLY_REST if position % 2 == 0 else LATE_REST
    first_rest = rests[(position // 2) % len(rests)]
    rest_days = {first_rest, (first_rest + 1) % 7}
    return [None if day in rest_days else {"start": start, "hours": hours} for day in range(7)]


def event_days(first: date, last: date) -> set[date]:
    """Public order days in the period: New Year's Eve, Notting Hill Carnival (the August bank holiday
    Sunday and Monday), Bonfire Night and Remembrance Sunday."""
    days = set()
    for year in range(first.year, last.year + 1):
        bank_holiday = date(year, 8, 31)
        while bank_holiday.weekday() != 0:
            bank_holiday -= timedelta(days=1)
        remembrance = date(year, 11, 8)
        while remembrance.weekday() != 6:
            remembrance += timedelta(days=1)
        days |= {
            date(year, 12, 31),
            bank_holiday,
            bank_holiday - timedelta(days=1),
            date(year, 11, 5),
            remembrance,
        }
    return {day for day in days if first <= day <= last}


class _Shifts:
    """Each shift's prepared values, made once per day and start rather than once per row."""

    def __init__(self):
        self.cache: dict[tuple[date, str, float], tuple] = {}

    def get(self, day: date, start: str, hours: float) -> tuple:
        key = (day, start, hours)
        if key not in self.cache:
            hour, minute = map(int, start.split(":"))
            starts_at = timezone.make_aware(datetime.combine(day, clock(hour, minute)))
            ends_at = timezone.make_aware(datetime.combine(day, clock(hour, minute)) + timedelta(hours=hours))
            adapt = connection.ops.adapt_datetimefield_value
            minutes = round((ends_at.timestamp() - starts_at.timestamp()) / 60)
            self.cache[key] = (
                connection.ops.adapt_datefield_value(day),
                adapt(starts_at),
                adapt(ends_at),
                minutes,
            )
        return self.cache[key]


def _patterns(first: date) -> tuple[dict[int, list], list[tuple]]:
    by_cluster = defaultdict(list)
    for team_id, cluster_id in Team.objects.values_list("id", "neighbourhood__cluster_id").order_by(
        "neighbourhood__code"
    ):
        by_cluster[cluster_id].append(team_id)
    patterns, rows = {}, []
    prepared_from = connection.ops.adapt_datefield_value(first)
    for team_ids in by_cluster.values():
        for position, team_id in enumerate(team_ids):
            days = pattern_for(position)
            assert not breaches(days), days  # noqa: S101 - the demo's own constants
            patterns[team_id] = days
            rows.append((team_id, prepared_from, json.dumps(days), None, PATTERN_NOTE))
    return patterns, rows


def workforce_demo_load(
    *, seed: int, today: date | None = None, progress: Callable[[str], None] = print
) -> str:
    started = time.monotonic()
    today = today or timezone.localdate()
    first = add_months(today.replace(day=1), -3)
    last = today + ROSTERED_AHEAD
    codes = duty_codes_defaults_create(actor="demo")
    abstraction_policy_defaults_create(actor="demo")
    patterns, pattern_rows = _patterns(first)
    rng = random.Random(f"{seed}-workforce")

    team_ward = dict(Team.objects.values_list("id", "neighbourhood_id"))
    team_rate = {}
    for team_id in sorted(team_ward):
        hot = rng.random() < HOT_TEAM_SHARE
        team_rate[team_id] = OTHER_BASE_RATE * (rng.uniform(3, 5) if hot else rng.uniform(0.4, 1.5))
    postings = defaultdict(list)
    for officer_id, team_id, start, end in (
        Posting.objects.filter(officer__rank__in=RANKS, start_date__lte=last)
        .exclude(end_date__lt=first)
        .order_by("officer_id", "start_date", "id")
        .values_list("officer_id", "team_id", "start_date", "end_date")
    ):
        postings[officer_id].append((start, end or last, team_id))
    progress(f"Rostering {len(postings):,} officers from {first:%d %b %Y} to {last:%d %b %Y} ...")

    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    months = sorted({day.replace(day=1) for day in days})
    month_factor = {
        (team_id, month): rng.uniform(0.6, 1.4) for team_id in sorted(team_ward) for month in months
    }
    events = event_days(first, last)
    month_of = {day: day.replace(day=1) for day in days}
    sn, leave, training, public_order, other = (
        (codes[c].pk, codes[c].reason_id) for c in ("SN", "AL", "TRG", "PO", "AB")
    )
    shifts = _Shifts()
    next_duty, tail, on_duty = next_id(Duty), audit_tail(), DutySource.DEMO.value
    rows = []
    for officer_id in sorted(postings):
        spans = postings[officer_id]
        working = []
        for day in days:
            teams = [team_id for start, end, team_id in spans if start <= day <= end]
            if not teams:
                continue
            # A shared sergeant spends each working day with one of their teams in turn.
            team_id = teams[day.toordinal() % len(teams)]
            shift = patterns[teams[0]][day.weekday()]
            if shift is not None:
                working.append((day, team_id, shift))
        if not working:
            continue
        on_leave = set()
        if rng.random() < LEAVE_BLOCK_CHANCE and len(working) > 5:
            block = rng.randrange(len(working) - 5)
            on_leave = {working[i][0] for i in range(block, block + 5)}
        for day, team_id, shift in working:
            if day in on_leave or rng.random() < LEAVE_DAY_CHANCE:
                code = leave
            elif day in events and rng.random() < PUBLIC_ORDER_CHANCE:
                code = public_order
            elif rng.random() < TRAINING_CHANCE:
                code = training
            elif day <= today and rng.random() < team_rate[team_id] * month_factor[(team_id, month_of[day])]:
                code = other
            else:
                code = sn
            prepared_day, starts_at, ends_at, minutes = shifts.get(day, shift["start"], shift["hours"])
            rows.append(
                (
                    next_duty,
                    officer_id,
                    team_id,
                    team_ward[team_id] if code is sn else None,
                    prepared_day,
                    starts_at,
                    ends_at,
                    minutes,
                    *code,
                    on_duty,
                    None,
                    "",
                    *tail,
                )
            )
            next_duty += 1
    with transaction.atomic():
        audited_insert(
            ShiftPattern, ["team_id", "effective_from", "days", "adopted_by_id", "note"], pattern_rows, SOURCE
        )
        audited_insert_rows(Duty, DUTY_COLUMNS, rows, SOURCE)
    abstracted = sum(1 for r in rows if r[3] is None)
    return (
        f"Duties ready in {time.monotonic() - started:.1f} s: {len(rows):,} duties for "
        f"{len(postings):,} officers ({abstracted:,} abstracted), {len(pattern_rows)} shift patterns."
    )
