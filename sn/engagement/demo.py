"""Demo engagement for every team: two years of events of every kind but panel meetings (the panels demo
makes those) and the next five weeks planned, written up with attendance, notes and the concerns raised;
environmental visual audits with their findings, and local perception surveys with their responses, all
becoming concerns. A few events that have happened are not written up yet, more on some teams than on
others, so that home pages have real work on them. Deterministic for a seed.

`engagement_demo_load` first loads the concerns that reach teams directly (sn.concerns.demo), so it is
the one function the demo force calls for both apps.

Rates follow seed 001's EPIC figures for 2007/08 (per team a year: about 18 public meetings, more
contact points and street briefings, school and youth-club visits) scaled to 2-6 events a month a team.
"""

import random
import time
from bisect import bisect
from datetime import date, datetime, timedelta
from datetime import time as clock
from itertools import accumulate
from zoneinfo import ZoneInfo

import numpy as np
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from sn.concerns.demo import (
    DAYS,
    PHRASES,
    PLACES,
    TOPIC_ORDER,
    direct_concerns_load,
    point_pools,
    teams_areas,
    topic_mixes,
    ward_rng,
)
from sn.concerns.demo_rows import BulkRows
from sn.concerns.models import Channel, Concern
from sn.concerns.taxonomy import Topic
from sn.engagement.demo_data import (
    GROUPS,
    ITEM_NOTES,
    ITEM_WEIGHTS,
    KIND_RATES,
    LEAD_RANKS,
    NOTES,
    OTHERS,
    PARTNERS,
    SCHOOLS,
    SEVERITIES,
    SHAPES,
    TIME_WANTED,
    VENUES,
)
from sn.engagement.models import (
    ITEM_TOPICS,
    AuditItem,
    Event,
    EventKind,
    Finding,
    SafeAfterDark,
    Severity,
    SurveyResponse,
    time_field,
)
from sn.teams.models import Posting

SOURCE = "demo engagement"
AHEAD = 35  # days of events already planned
LONDON = ZoneInfo("Europe/London")


ITEMS = list(ITEM_WEIGHTS)
ITEMS_CUMULATIVE = list(accumulate(ITEM_WEIGHTS.values()))
SEVERITIES_CUMULATIVE = list(accumulate((50, 35, 15)))
TIME_FIELDS = [(time_field(t), p) for t, p in TIME_WANTED.items()]
TIME_SHARES = [p for _, p in TIME_FIELDS]
SURVEY_WORDS = {t: f"Perception survey: worries most about {label.lower()}" for t, label in Topic.choices}


def _pick(choices, cumulative: list[float], r: random.Random):
    """One of `choices` by cumulative weights: random.choices() without its per-call set-up, which the
    demo would pay hundreds of thousands of times."""
    return choices[bisect(cumulative, r.random() * cumulative[-1])]


def _officers_by_area(today: date) -> dict[int, list[tuple[int, str]]]:
    """(officer id, rank) of each team's officers today."""
    found: dict[int, list[tuple[int, str]]] = {}
    postings = Posting.objects.filter(start_date__lte=today).exclude(end_date__lt=today)
    for area_id, officer_id, rank in postings.values_list(
        "team__neighbourhood_id", "officer_id", "officer__rank"
    ).order_by("team__neighbourhood_id", "officer_id"):
        if rank in LEAD_RANKS:
            found.setdefault(area_id, []).append((officer_id, rank))
    return found


class _Builder:
    def __init__(self, seed: int, today: date, now: datetime):
        self.seed, self.today, self.now = seed, today, now
        self.events = BulkRows(Event)
        self.concerns = BulkRows(Concern)
        self.findings = BulkRows(Finding)
        self.responses = BulkRows(SurveyResponse)
        event_type = ContentType.objects.get_for_model(Event).id
        concern = self.concerns.adder(
            "neighbourhood_id", "raised_on", "channel", "topic", "description", "location", "latitude",
            "longitude", "source", "source_id", "source_type_id",
        )  # fmt: skip
        self.add_concern = lambda *values: concern(*values, event_type)
        self.add_response = self.responses.adder(
            "event_id", "worry", "safe_after_dark", "concern_id", *(field for field, _ in TIME_FIELDS)
        )
        self.unwritten = 0

    def ward(self, ward, mix: np.ndarray, pool: list, officers: list) -> None:
        np_rng = ward_rng(self.seed, ward, "events")
        r = random.Random(f"{self.seed}:{ward.code}:events")
        activity = r.uniform(0.55, 1.45)
        behind = r.random() < 0.12  # a team that lets write-ups slide
        cumulative = np.cumsum(mix).tolist()
        span = DAYS + AHEAD
        for kind, rate in KIND_RATES.items():
            for _ in range(int(np_rng.poisson(rate * activity * span / 30.4))):
                day = self.today + timedelta(days=r.randrange(-DAYS, AHEAD))
                self._event(ward, kind, day, r, cumulative, pool, officers, behind)

    def _event(
        self, ward, kind, day: date, r: random.Random, cumulative, pool, officers, behind: bool
    ) -> None:
        weekdays, hours, length, (low, high), concerns_mean, public = SHAPES[kind]
        if weekdays and day.weekday() >= 5:
            day -= timedelta(days=day.weekday() - 4)
        starts = datetime.combine(day, clock(r.choice(hours), r.choice((0, 0, 30))), LONDON)
        happened = starts <= self.now
        age = (self.today - day).days
        # Fresh events wait a few days for their write-up; a team that lets them slide has a tail of
        # older ones; months-old gaps are rare, as a sergeant chases them.
        written = happened and r.random() < (
            0.35 if age <= 3 else 0.8 if age <= 10 else 0.995 if age > 90 else 0.9 if behind else 0.98
        )
        if happened and not written:
            self.unwritten += 1
        title, venue = self._title_and_venue(ward, kind, r)
        located = kind != EventKind.ONLINE and r.random() < 0.35
        lat, lng = pool[r.randrange(len(pool))] if located else (None, None)
        lead = self._lead(officers, r)
        event_id = self.events.add(
            neighbourhood_id=ward.id,
            kind=kind,
            title=title,
            starts_at=starts,
            ends_at=starts + timedelta(hours=length),
            venue=venue,
            latitude=lat,
            longitude=lng,
            led_by_id=lead if isinstance(lead, int) else None,
            led_by_name=lead if isinstance(lead, str) else "",
            public=r.random() < public,
            attendance=r.randint(low, high) if written else None,
            notes=r.choice(NOTES) if written else "",
            written_up_at=min(starts + timedelta(hours=r.randint(3, 140)), self.now) if written else None,
        )
        source = f"{EventKind(kind).label}, {venue or title}, {day:%d %b %Y}"[:255]
        if written:
            for _ in range(self._poisson(concerns_mean, r)):
                self._concern(
                    ward,
                    _pick(TOPIC_ORDER, cumulative, r),
                    day,
                    Channel.ENGAGEMENT_EVENT,
                    source,
                    event_id,
                    r,
                    pool,
                    0.25,
                )
        if happened and kind == EventKind.VISUAL_AUDIT:
            self._findings(ward, day, source, event_id, r, pool)
        if happened and kind == EventKind.SURVEY:
            self._responses(ward, day, source, event_id, r, cumulative, r.randint(low, high))

    @staticmethod
    def _poisson(mean: float, r: random.Random) -> int:
        # Knuth's method: means here are small.
        limit, k, p = np.exp(-mean), 0, r.random()
        while p > limit:
            k += 1
            p *= r.random()
        return k

    @staticmethod
    def _title_and_venue(ward, kind, r: random.Random) -> tuple[str, str]:
        place = r.choice(PLACES).removeprefix("the ")
        hall = r.choice(VENUES).format(ward=ward.name)
        if kind == EventKind.CONTACT_POINT:
            return f"Contact point at {hall}", hall
        if kind == EventKind.STREET_BRIEFING:
            return f"Street briefing at the {place}", f"The {place}"
        if kind == EventKind.SCHOOL_VISIT:
            school = r.choice(SCHOOLS)
            return f"Visit to {school}", school.removeprefix("the ").capitalize()
        if kind == EventKind.PUBLIC_MEETING:
            return f"{ward.name} public meeting", hall
        if kind == EventKind.DOOR_KNOCKING:
            return f"Door-knocking around the {place}", f"Streets around the {place}"
        if kind == EventKind.VISUAL_AUDIT:
            return f"Environmental visual audit: the {place}", f"The {place} and surrounding streets"
        if kind == EventKind.ONLINE:
            return "Online ward surgery", ""
        if kind == EventKind.SURVEY:
            return f"Perception survey at the {place}", f"The {place}"
        if kind == EventKind.FOCUS_GROUP:
            return f"Focus group with {r.choice(GROUPS)}", hall
        return r.choice(OTHERS), hall

    @staticmethod
    def _lead(officers, r: random.Random) -> int | str:
        if officers and r.random() < 0.85:
            weights = [LEAD_RANKS[rank] for _, rank in officers]
            return r.choices(officers, weights=weights)[0][0]
        return r.choice(PARTNERS)

    def _concern(self, ward, topic, day, channel, source, event_id, r, pool, located_share) -> int:
        """A concern raised at an event, in a resident's words, placed on the map now and then."""
        place = r.choice(PLACES)
        lat, lng = pool[r.randrange(len(pool))] if r.random() < located_share else (None, None)
        description = r.choice(PHRASES[topic]).format(place=place)
        location = place.removeprefix("the ").capitalize()
        return self.add_concern(
            ward.id, day, channel, topic, description, location, lat, lng, source, event_id
        )

    def _findings(self, ward, day, source, event_id, r: random.Random, pool) -> None:
        for _ in range(r.randint(3, 9)):
            item = _pick(ITEMS, ITEMS_CUMULATIVE, r)
            severity = _pick(SEVERITIES, SEVERITIES_CUMULATIVE, r)
            lat, lng = pool[r.randrange(len(pool))]
            location = r.choice(PLACES).removeprefix("the ").capitalize()
            note = ITEM_NOTES[item]
            description = f"{AuditItem(item).label} ({Severity(severity).label.lower()}): {note}"
            where = (location, lat, lng)
            topic = ITEM_TOPICS[item]
            concern_id = self.add_concern(
                ward.id, day, Channel.VISUAL_AUDIT, topic, description, *where, source, event_id
            )
            self.findings.add(
                event_id=event_id,
                item=item,
                severity=severity,
                note=note,
                location=location,
                latitude=lat,
                longitude=lng,
                concern_id=concern_id,
            )

    def _responses(self, ward, day, source, event_id, r: random.Random, cumulative, count: int) -> None:
        safe_yes = r.uniform(0.3, 0.6)
        safe = (SafeAfterDark.YES, SafeAfterDark.MOSTLY, SafeAfterDark.NO, SafeAfterDark.DONT_KNOW)
        safe_cumulative = list(accumulate((safe_yes, 0.25, 0.92 - 0.25 - safe_yes, 0.08)))
        for _ in range(count):
            worry = "" if r.random() < 0.15 else _pick(TOPIC_ORDER, cumulative, r)
            concern_id = None
            if worry:
                concern_id = self.add_concern(
                    ward.id, day, Channel.SURVEY, worry, SURVEY_WORDS[worry], "", None, None, source, event_id
                )
            self.add_response(
                event_id,
                worry,
                _pick(safe, safe_cumulative, r),
                concern_id,
                *(r.random() < p for p in TIME_SHARES),
            )

    def write(self) -> None:
        for rows in (self.events, self.concerns, self.findings, self.responses):
            rows.write(SOURCE)


def engagement_demo_load(*, seed: int = 2026, today: date | None = None, progress=print) -> str:
    """Concerns raised directly (sn.concerns.demo), then every team's events, audits and surveys with the
    concerns they raised; returns a summary line."""
    started = time.monotonic()
    today = today or timezone.localdate()
    now = timezone.now() if today == timezone.localdate() else datetime.combine(today, clock(12), LONDON)
    wards = teams_areas()
    mixes = topic_mixes(wards, seed)
    pools = point_pools(wards, seed)
    direct = direct_concerns_load(wards, mixes, pools, seed=seed, today=today, progress=progress)
    progress(f"Engagement events for {len(wards)} teams ...")
    officers = _officers_by_area(today)
    built = _Builder(seed, today, now)
    for ward in wards:
        built.ward(ward, mixes[ward.id], pools[ward.id], officers.get(ward.id, []))
    progress(
        f"Writing {len(built.events):,} events, {len(built.concerns):,} concerns, {len(built.findings):,} "
        f"findings, {len(built.responses):,} survey responses ..."
    )
    with transaction.atomic():
        built.write()
    return (
        f"{direct} Engagement ready in {time.monotonic() - started:.1f} s: {len(built.events):,} events "
        f"({built.unwritten:,} past ones not written up), {len(built.concerns):,} concerns raised at them, "
        f"{len(built.findings):,} audit findings, {len(built.responses):,} survey responses."
    )
