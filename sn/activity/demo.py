"""Two years of EPIC activity for every team of the demo force, consistent with its priorities and
problem-solving cases.

- The routine, every month: patrols and street briefings, a public meeting, school visits (not in
  August), intelligence reports, social media posts, and now and then an arrest or a penalty notice.
- Each priority, every month it held its panel's place: work fitting its topic (a burglary priority
  brings crime prevention surveys, property marking and victim visits; youth ASB brings dispersal
  patrols, ASB warnings, home visits and youth diversion), linked to the priority and, once its case's
  response has begun, to the case (dated within the response, up to its closing).
- Each case's interventions by partners and the public appear as their work: a partner's as the partner
  organisation's (the one the intervention names), the public's as the public's.

Deterministic for a seed and a day: each team draws from its own generator. Rows are written as tuples
(sn.panels.demo_rows.insert) and audited as one event per table (sn.core.audit.record_bulk_create).
"""

import random
import time
import types
import zlib
from collections import defaultdict
from collections.abc import Callable
from datetime import date

from django.db import connection, transaction
from django.utils import timezone

from sn.activity.kinds import DeliveredBy, Stage
from sn.activity.models import ActivityCount, ActivityRecord
from sn.core.audit import record_bulk_create
from sn.core.months import add_months, month_end
from sn.geography.models import Neighbourhood
from sn.panels.demo_rows import insert, next_id
from sn.panels.models import Priority
from sn.problemsolving.models import Case, Intervention

SOURCE = "activity-demo"
MONTHS = 24

# What each priority topic brings, as (kind, low, high) drawn each month, and a line saying what was done.
TACTICS: dict[str, tuple[str, list[tuple[str, int, int]]]] = {
    "burglary": (
        "Burglary reduction: security surveys and property marking",
        [("crime_prevention_surveys", 4, 20), ("property_marking", 5, 40), ("victim_visits", 2, 10)],
    ),
    "robbery": ("Street robbery patrols and reassurance", [("patrols", 6, 20), ("victim_visits", 1, 6)]),
    "violence": ("Violence hotspot patrols", [("patrols", 5, 15), ("arrests", 0, 3)]),
    "vehicle-crime": (
        "Vehicle crime: patrols of car parks and advice leaflets",
        [("patrols", 4, 12), ("leaflet_drops", 50, 300)],
    ),
    "bicycle-theft": ("Cycle marking and secure parking advice", [("property_marking", 10, 40)]),
    "shoplifting": ("Shop watch: visits to traders", [("intelligence_reports", 2, 8), ("arrests", 0, 2)]),
    "theft-from-the-person": (
        "Pickpocketing patrols and warnings",
        [("patrols", 4, 12), ("leaflet_drops", 50, 200)],
    ),
    "criminal-damage": ("Graffiti removal and patrols", [("environmental_work", 1, 3), ("patrols", 2, 8)]),
    "drug-dealing": (
        "Drug dealing: intelligence, warrants and closures",
        [("intelligence_reports", 4, 15), ("warrants", 0, 2), ("closures", 0, 1), ("arrests", 0, 4)],
    ),
    "weapons": ("Weapons sweeps and stop-and-search operations", [("patrols", 4, 12), ("arrests", 0, 3)]),
    "public-order": (
        "Public order patrols at night-time venues",
        [("patrols", 4, 12), ("penalty_notices", 0, 4)],
    ),
    "asb-rowdy-youths": (
        "Youth ASB: dispersal patrols, warnings and home visits",
        [("patrols", 6, 20), ("asb_warnings", 1, 6), ("home_visits", 1, 5), ("youth_diversion", 1, 4)],
    ),
    "asb-general": ("ASB patrols and warnings", [("patrols", 4, 15), ("asb_warnings", 0, 4)]),
    "asb-vehicle-nuisance": ("Nuisance vehicle operation", [("patrols", 3, 10), ("asb_warnings", 0, 5)]),
    "asb-noise": ("Noise nuisance visits with the council", [("home_visits", 1, 4), ("asb_warnings", 0, 3)]),
    "asb-street-drinking": (
        "Street drinking: patrols and warnings",
        [("patrols", 4, 12), ("asb_warnings", 1, 5)],
    ),
    "asb-begging": ("Begging: outreach patrols", [("patrols", 3, 10)]),
    "asb-litter-fly-tipping": (
        "Fly-tipping clean-ups and CCTV",
        [("environmental_work", 1, 3), ("cctv_reviews", 0, 3)],
    ),
    "asb-neighbours": (
        "Neighbour disputes: visits and contracts",
        [("home_visits", 1, 4), ("behaviour_contracts", 0, 1)],
    ),
    "asb-drug-litter": ("Drug litter sweeps", [("environmental_work", 1, 2), ("intelligence_reports", 1, 5)]),
    "road-safety": ("Speed watch and road safety talks", [("patrols", 2, 8), ("school_visits", 0, 2)]),
}
DEFAULT_TACTIC = ("Work on the priority", [("patrols", 2, 8), ("intelligence_reports", 1, 4)])
# The partners' and the public's work on a case, as (kind, low, high).
PARTNER_WORK = [("environmental_work", 1, 3), ("home_visits", 1, 4), ("community_payback", 0, 1)]
PUBLIC_WORK = [("leaflet_drops", 30, 200), ("environmental_work", 1, 2)]

RECORD_COLUMNS = [
    "id",
    "neighbourhood_id",
    "on",
    "month",
    "summary",
    "stage",
    "delivered_by",
    "organisation_id",
    "priority_id",
    "case_id",
    "created_at",
    "modified_at",
]
COUNT_COLUMNS = [
    "id",
    "record_id",
    "kind",
    "count",
    "neighbourhood_id",
    "month",
    "stage",
    "delivered_by",
    "created_at",
    "modified_at",
]


class _Writer:
    """Rows of records and their counts, with their ids given here."""

    def __init__(self):
        self.records: list[tuple] = []
        self.counts: list[tuple] = []
        self.record_id = next_id(ActivityRecord)
        self.count_id = next_id(ActivityCount)
        ops = connection.ops
        self.now = ops.adapt_datetimefield_value(timezone.now())
        self.day = ops.adapt_datefield_value

    def add(
        self, rng, ward_id, on, summary, stage, counts, *, by="police", org=None, priority=None, case=None
    ):
        drawn = [(kind, rng.randint(low, high)) for kind, low, high in counts]
        drawn = [(kind, n) for kind, n in drawn if n > 0]
        if not drawn:
            return
        pk = self.record_id
        self.record_id += 1
        month = on.replace(day=1)
        self.records.append(
            (
                pk,
                ward_id,
                self.day(on),
                self.day(month),
                summary,
                stage,
                by,
                org,
                priority,
                case,
                self.now,
                self.now,
            )
        )
        for kind, n in drawn:
            self.counts.append(
                (self.count_id, pk, kind, n, ward_id, self.day(month), stage, by, self.now, self.now)
            )
            self.count_id += 1

    def write(self) -> None:
        insert(ActivityRecord, RECORD_COLUMNS, self.records)
        insert(ActivityCount, COUNT_COLUMNS, self.counts)
        record_bulk_create(ActivityRecord, [types.SimpleNamespace(pk=r[0]) for r in self.records], SOURCE)
        record_bulk_create(ActivityCount, [types.SimpleNamespace(pk=r[0]) for r in self.counts], SOURCE)


def _day(rng, month: date, first: date, last: date) -> date | None:
    """A day of `month` between `first` and `last`, or None when they leave none."""
    low, high = max(month, first), min(month_end(month), last)
    if low > high:
        return None
    return date.fromordinal(rng.randint(low.toordinal(), high.toordinal()))


def _routine(writer: _Writer, rng, ward_id: int, months: list[date], today: date) -> None:
    """Three bundles a month, as a team's monthly return would carry them."""
    for month in months:
        first, last = month, min(month_end(month), today)
        if first > last:
            continue
        schools = ("school_visits", 0, 0) if month.month == 8 else ("school_visits", 1, 5)
        writer.add(
            rng,
            ward_id,
            _day(rng, month, first, last),
            "Ward patrols, street briefings, school visits and a public meeting",
            Stage.ENGAGE,
            [("patrols", 8, 30), ("street_briefings", 0, 4), schools, ("public_meetings", 0, 2)],
        )
        enforcement = [("arrests", 0, 4), ("penalty_notices", 0, 3)] if rng.random() < 0.6 else []
        writer.add(
            rng,
            ward_id,
            _day(rng, month, first, last),
            "Intelligence, online messages and enforcement on the ward",
            Stage.ANALYSE,
            [("intelligence_reports", 3, 15), ("social_media_posts", 2, 12), *enforcement],
        )


def _priority_work(
    writer: _Writer, rng, priority: dict, case: dict | None, interventions, months, today
) -> None:
    summary, tactics = TACTICS.get(priority["topic"], DEFAULT_TACTIC)
    first = priority["selected_on"]
    last = min(priority["ended_on"] or today, today)
    response = case["response_started_on"] if case else None
    case_end = min(case["closed_on"] or today, today) if case else None
    for month in months:
        on = _day(rng, month, first, last)
        if on is None:
            continue
        linked = case is not None and response is not None and response <= on <= case_end
        writer.add(
            rng,
            priority["neighbourhood_id"],
            on,
            summary,
            Stage.ACT,
            # Two of the topic's tactics a month: the first, and one other in turn.
            tactics[:1] + tactics[1:][month.month % max(1, len(tactics) - 1) :][:1],
            priority=priority["id"],
            case=case["id"] if linked else None,
        )
    if case is None or response is None:
        return
    for intervention in interventions:
        if intervention["delivered_by"] == DeliveredBy.POLICE:
            continue
        done = intervention["completed_on"] if intervention["status"] == Intervention.Status.DONE else None
        on = _day(rng, (done or response).replace(day=1), response, min(done or case_end, case_end))
        if on is None:
            continue
        partner = intervention["delivered_by"] == DeliveredBy.PARTNER
        writer.add(
            rng,
            priority["neighbourhood_id"],
            on,
            intervention["description"][:300],
            Stage.ACT,
            PARTNER_WORK if partner else PUBLIC_WORK,
            by=intervention["delivered_by"],
            org=intervention["organisation_id"] if partner else None,
            priority=priority["id"],
            case=case["id"],
        )


def activity_demo_load(
    *, seed: int = 2026, today: date | None = None, progress: Callable[[str], None] = print
) -> str:
    started = time.monotonic()
    today = today or timezone.localdate()
    months = [add_months(today.replace(day=1), -i) for i in range(MONTHS - 1, -1, -1)]
    earliest = months[0]
    wards = list(Neighbourhood.objects.filter(team__isnull=False).order_by("code").values_list("id", "code"))
    priorities = defaultdict(list)
    for p in (
        Priority.objects.filter(selected_on__lte=today)
        .exclude(ended_on__lt=earliest)
        .order_by("id")
        .values("id", "neighbourhood_id", "topic", "selected_on", "ended_on")
    ):
        priorities[p["neighbourhood_id"]].append(p)
    cases = {
        c["priority_id"]: c
        for c in Case.objects.filter(priority__isnull=False).values(
            "id", "priority_id", "response_started_on", "closed_on"
        )
    }
    interventions = defaultdict(list)
    for i in Intervention.objects.order_by("id").values(
        "case_id", "delivered_by", "organisation_id", "status", "completed_on", "description"
    ):
        interventions[i["case_id"]].append(i)
    progress(f"Recording two years of EPIC activity for {len(wards)} teams ...")
    writer = _Writer()
    for ward_id, code in wards:
        rng = random.Random(zlib.crc32(f"{seed}-activity-{code}".encode()))
        _routine(writer, rng, ward_id, months, today)
        for priority in priorities.get(ward_id, []):
            case = cases.get(priority["id"])
            work = interventions.get(case["id"], []) if case else []
            _priority_work(writer, rng, priority, case, work, months, today)
    with transaction.atomic():
        writer.write()
    linked = sum(1 for r in writer.records if r[9] is not None)
    return (
        f"EPIC activity ready in {time.monotonic() - started:.1f} s: {len(writer.records):,} records "
        f"({linked:,} on cases) with {len(writer.counts):,} counts."
    )
