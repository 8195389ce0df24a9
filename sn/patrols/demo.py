"""The demo force's patrols (issue 14): in each borough two town centres, in the wards with the most shop
theft and theft from the person, centred on the densest point of those crimes with a 400 m radius, and
an ASB hotspot (250 m) in the ward with the most ASB besides them; and a hotspot in the ward of the demo
users `pc`, `pcso` and `sergeant` (DEMO_USERS) if none falls there, so that they do not sign in to an
empty patrols page. Each area has weekly plans proposed
from its demand (sn.patrols.selectors.demand_from, the same reading as the service) for the last eight
weeks and this one, adopted, and a proposal for next week. Delivery comes from the demo duties (an
on-duty duty in the ward overlapping a slot) and from patrols logged at briefings or by hand: some on
slots a duty covered too, some on late slots after the last shift ended, and none on others, so that a
share of slots goes undelivered as it would.

Everything is computed in memory from a handful of queries and bulk inserted, each table audited as one
event. Deterministic for a seed and `today`.
"""

import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from sn.accounts.models import User
from sn.core.audit import audit_actor, record_bulk_create
from sn.geography.geometry import from_geojson_text
from sn.geography.models import Neighbourhood
from sn.incidents.categories import Category
from sn.incidents.models import Incident
from sn.patrols.models import PatrolArea, PatrolPlan, PatrolRecord, PatrolSlot
from sn.patrols.selectors import (
    CRIME_MONTHS,
    add_months,
    choose_slots,
    covered_slots,
    demand_from,
    hour_of_week,
    latest_crime_month,
    slot_bounds,
)
from sn.rosters.models import CallForService
from sn.teams.models import Posting

SOURCE = "patrols-demo"
TOWN = PatrolArea.Kind.TOWN_CENTRE
TOWN_CENTRES_PER_BOROUGH = 2
HOTSPOTS_PER_BOROUGH = 1
# The demo logins whose own ward must hold a hotspot (README, "Demo logins"; sn.accounts.demo).
DEMO_USERS = ("pc", "pcso", "sergeant")
PAST_WEEKS = 8
# A grid cell of about 330 m: the densest cell of a ward's crimes is where its centre goes.
CELL = 0.003
# Of the slots no duty covered, the share a team patrolled anyway and logged; of those a duty covered,
# the share logged as a patrol too (a briefing note or a hand log), and the share that was not (a duty
# on the ward, but the officers were kept elsewhere: counted by the duty rule, so the figure is kind).
LOGGED_WHEN_UNCOVERED = 0.6
LOGGED_WHEN_COVERED = 0.3
NOTES = (
    "High street foot patrol, spoke to shop staff",
    "Licensed premises visits and visible patrol",
    "Patrol with the town-centre BID rangers",
    "Bus station and the precinct, dispersal area checked",
    "Night-time economy patrol, taxi rank",
)


def _densest_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    cells = Counter((round(lng / CELL), round(lat / CELL)) for lng, lat in points)
    best = min(cells, key=lambda c: (-cells[c], c))
    members = [(lng, lat) for lng, lat in points if (round(lng / CELL), round(lat / CELL)) == best]
    return (
        sum(p[1] for p in members) / len(members),
        sum(p[0] for p in members) / len(members),
    )


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def patrols_demo_load(
    *, seed: int, today: date | None = None, progress: Callable[[str], None] = print
) -> str:
    started = time.monotonic()
    today = today or timezone.localdate()
    if PatrolArea.objects.exists():
        return "patrol areas already loaded"
    last = latest_crime_month(add_months(today, 1))
    if last is None:
        return "no crime data to place patrol areas"
    rng = random.Random(seed)
    with transaction.atomic(), audit_actor(SOURCE):
        areas = _areas(last)
        if not areas:
            return "no wards with town-centre crime"
        progress(f"  {len(areas)} patrol areas")
        slots = _plans(areas, today, last)
        records = _records(areas, slots, today, rng)
    past = covered_slots(
        PatrolSlot.objects.filter(plan__status=PatrolPlan.Status.ADOPTED, ends_at__lte=timezone.now())
    ).values_list("by_record", "by_duty")
    planned = delivered = 0
    for by_record, by_duty in past:
        planned += 1
        delivered += int(bool(by_record or by_duty))
    share = round(100 * delivered / planned) if planned else 0
    kinds = Counter(a.kind for a in areas)
    return (
        f"{kinds[PatrolArea.Kind.TOWN_CENTRE]} town centres and {kinds[PatrolArea.Kind.HOTSPOT]} hotspots, "
        f"{len(slots)} planned slots, {records} patrols logged; {delivered} of {planned} past slots "
        f"delivered ({share}%) in {time.monotonic() - started:.1f} s"
    )


def _areas(last: date) -> list[PatrolArea]:
    first = add_months(last, -11)
    town = (Category.SHOPLIFTING, Category.THEFT_FROM_THE_PERSON)
    counts = defaultdict(Counter)  # borough -> kind -> ward -> n
    rows = (
        Incident.objects.filter(
            month__gte=first, month__lte=last, category__in=[*town, Category.ANTI_SOCIAL_BEHAVIOUR]
        )
        .values_list("neighbourhood__borough_id", "neighbourhood_id", "category")
        .annotate(n=Count("id"))
    )
    for borough_id, ward_id, category, n in rows:
        kind = PatrolArea.Kind.HOTSPOT if category == Category.ANTI_SOCIAL_BEHAVIOUR else "town"
        counts[(borough_id, kind)][ward_id] += n
    chosen: list[tuple[int, str]] = []
    for borough_id in sorted({b for b, _ in counts}):
        town_wards = [w for w, _ in sorted(counts[(borough_id, "town")].items(), key=lambda x: (-x[1], x[0]))]
        picked = town_wards[:TOWN_CENTRES_PER_BOROUGH]
        chosen += [(w, PatrolArea.Kind.TOWN_CENTRE) for w in picked]
        asb = counts[(borough_id, PatrolArea.Kind.HOTSPOT)]
        asb_wards = [w for w, _ in sorted(asb.items(), key=lambda x: (-x[1], x[0])) if w not in picked]
        chosen += [(w, PatrolArea.Kind.HOTSPOT) for w in asb_wards[:HOTSPOTS_PER_BOROUGH]]
    asb_by_ward = Counter()
    for (_, kind), wards in counts.items():
        if kind == PatrolArea.Kind.HOTSPOT:
            asb_by_ward.update(wards)
    hotspots = {w for w, kind in chosen if kind == PatrolArea.Kind.HOTSPOT}
    demo_wards = set()
    for wards in _demo_user_wards():
        if not wards & hotspots:
            ward = min(wards, key=lambda w: (-asb_by_ward[w], w))
            chosen.append((ward, PatrolArea.Kind.HOTSPOT))
            hotspots.add(ward)
            demo_wards.add(ward)
    points = defaultdict(list)
    for ward_id, category, lng, lat in Incident.objects.filter(
        neighbourhood_id__in=[w for w, _ in chosen],
        month__gte=first,
        month__lte=last,
        category__in=[*town, Category.ANTI_SOCIAL_BEHAVIOUR],
        longitude__isnull=False,
    ).values_list("neighbourhood_id", "category", "longitude", "latitude"):
        kind = (
            PatrolArea.Kind.HOTSPOT
            if category == Category.ANTI_SOCIAL_BEHAVIOUR
            else PatrolArea.Kind.TOWN_CENTRE
        )
        points[(ward_id, kind)].append((lng, lat))
    from_ward = dict(Neighbourhood.objects.filter(id__in=[w for w, _ in chosen]).values_list("id", "name"))
    areas = []
    for ward_id, kind in chosen:
        ward_points = points.get((ward_id, kind))
        if not ward_points and ward_id in demo_wards:
            ward_points = points.get((ward_id, TOWN))
        if ward_points:
            lat, lng = _densest_point(ward_points)
        elif ward_id in demo_wards:
            # A demo user's ward with no located ASB or town-centre crime: its middle, so that they
            # still have an area to open.
            middle = from_geojson_text(Neighbourhood.objects.get(pk=ward_id).boundary).representative_point()
            lat, lng = middle.y, middle.x
        else:
            continue
        name = from_ward[ward_id]
        areas.append(
            PatrolArea(
                name=f"{name} town centre" if kind == PatrolArea.Kind.TOWN_CENTRE else f"{name} ASB hotspot",
                kind=kind,
                neighbourhood_id=ward_id,
                centre_lat=round(lat, 6),
                centre_lng=round(lng, 6),
                radius_m=400 if kind == PatrolArea.Kind.TOWN_CENTRE else 250,
            )
        )
    PatrolArea.objects.bulk_create(areas)
    record_bulk_create(PatrolArea, areas, SOURCE)
    return areas


def _demo_user_wards() -> list[set[int]]:
    """The wards each demo user serves on now, one set per user (a shared sergeant has several),
    fewest first."""
    officers = User.objects.filter(username__in=DEMO_USERS, officer__isnull=False).values_list(
        "officer_id", flat=True
    )
    wards = defaultdict(set)
    for officer_id, ward_id in Posting.objects.filter(
        officer_id__in=list(officers), end_date__isnull=True
    ).values_list("officer_id", "team__neighbourhood_id"):
        wards[officer_id].add(ward_id)
    # A PC's one ward before a sergeant's several: the sergeant's wards hold the PC's, so one hotspot
    # there serves all three.
    return sorted(wards.values(), key=lambda w: (len(w), sorted(w)))


def _plans(areas: list[PatrolArea], today: date, last: date) -> list[PatrolSlot]:
    this_monday = today - timedelta(days=today.weekday())
    weeks = settings.SN_PATROL_DEMAND_WEEKS
    wards = {a.neighbourhood_id for a in areas}
    calls = defaultdict(list)
    for ward_id, lng, lat, at in CallForService.objects.filter(
        neighbourhood_id__in=wards,
        received_at__gte=_aware(this_monday - timedelta(weeks=weeks)),
        received_at__lt=_aware(this_monday),
    ).values_list("neighbourhood_id", "longitude", "latitude", "received_at"):
        calls[ward_id].append((lng, lat, at))
    prior = defaultdict(lambda: [0.0] * 168)
    for borough_id, at in CallForService.objects.filter(
        received_at__gte=_aware(this_monday - timedelta(weeks=weeks)), received_at__lt=_aware(this_monday)
    ).values_list("neighbourhood__borough_id", "received_at"):
        prior[borough_id][hour_of_week(at)] += 1
    borough_of = dict(Neighbourhood.objects.filter(id__in=wards).values_list("id", "borough_id"))
    crimes = defaultdict(list)
    for ward_id, lng, lat in Incident.objects.filter(
        neighbourhood_id__in=wards,
        month__gte=add_months(last, -CRIME_MONTHS + 1),
        month__lte=last,
        longitude__isnull=False,
    ).values_list("neighbourhood_id", "longitude", "latitude"):
        crimes[ward_id].append((lng, lat))
    hours = settings.SN_PATROL_SLOT_HOURS
    plans, pattern = [], {}
    for area in areas:
        ward = area.neighbourhood_id
        demand = demand_from(
            area.shape(),
            calls=calls[ward],
            crimes=crimes[ward],
            weeks=weeks,
            prior=prior[borough_of[ward]],
            until=this_monday,
        )
        pattern[area.pk] = choose_slots(demand.total, slots=settings.SN_PATROL_SLOTS_PER_WEEK, hours=hours)
        for week in range(-PAST_WEEKS, 2):
            start = this_monday + timedelta(weeks=week)
            adopted = week <= 0
            plans.append(
                PatrolPlan(
                    area=area,
                    week_start=start,
                    status=PatrolPlan.Status.ADOPTED if adopted else PatrolPlan.Status.PROPOSED,
                    generated_from=demand.describe(),
                    adopted_at=_aware(start - timedelta(days=3)) if adopted else None,
                )
            )
    PatrolPlan.objects.bulk_create(plans)
    record_bulk_create(PatrolPlan, plans, SOURCE)
    slots = []
    for plan in plans:
        chosen = pattern[plan.area.pk]
        busiest = chosen[0][1] if chosen else 0
        for first_hour, value in chosen:
            starts, ends = slot_bounds(plan.week_start, first_hour, hours)
            slots.append(
                PatrolSlot(
                    plan=plan,
                    day=first_hour // 24,
                    start_hour=first_hour % 24,
                    hours=hours,
                    officers=2 if value >= busiest / 2 else 1,
                    demand=round(value, 4),
                    starts_at=starts,
                    ends_at=ends,
                    date=timezone.localdate(starts),
                )
            )
    PatrolSlot.objects.bulk_create(slots, batch_size=2000)
    record_bulk_create(PatrolSlot, slots, SOURCE)
    return slots


def _records(areas, slots: list[PatrolSlot], today: date, rng: random.Random) -> int:
    now = timezone.now()
    past_ids = [s.pk for s in slots if s.ends_at <= now and s.plan.status == PatrolPlan.Status.ADOPTED]
    by_duty = dict(covered_slots(PatrolSlot.objects.filter(pk__in=past_ids)).values_list("pk", "by_duty"))
    officers = defaultdict(list)
    for ward_id, officer_id in (
        Posting.objects.filter(
            team__neighbourhood_id__in={a.neighbourhood_id for a in areas}, end_date__isnull=True
        )
        .order_by("team__neighbourhood_id", "officer_id")
        .values_list("team__neighbourhood_id", "officer_id")
    ):
        officers[ward_id].append(officer_id)
    records = []
    for slot in sorted((s for s in slots if s.pk in by_duty), key=lambda s: s.pk):
        chance = LOGGED_WHEN_COVERED if by_duty[slot.pk] else LOGGED_WHEN_UNCOVERED
        if rng.random() >= chance:
            continue
        area = slot.plan.area
        start = slot.starts_at + timedelta(minutes=rng.choice((0, 15, 30)))
        team = officers.get(area.neighbourhood_id) or [None]
        records.append(
            PatrolRecord(
                area=area,
                officer_id=rng.choice(team),
                started_at=start,
                ended_at=start + timedelta(minutes=rng.choice((90, 120, 150))),
                source=rng.choice((PatrolRecord.Source.BRIEFING, PatrolRecord.Source.MANUAL)),
                note=rng.choice(NOTES),
            )
        )
    PatrolRecord.objects.bulk_create(records, batch_size=2000)
    record_bulk_create(PatrolRecord, records, SOURCE)
    return len(records)
