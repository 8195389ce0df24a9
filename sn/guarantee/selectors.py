"""Who is each ward's named, contactable officer on a date (issue 14, part 1), for the whole force in a
few queries.

A ward's named officer on a date: a PC, PCSO or sergeant posted to the ward's team that day, not away
on a long spell (abstractions and leave with no duty in between, longer than
SN_NAMED_OFFICER_ABSENCE_DAYS), with an online contact route: their own work e-mail, or else the team's.
A phone number alone is no online route; the public feedback form reaches the team's queue, not a named
officer, so it is offered beside them but does not make anyone contactable.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Max, Min, Q, QuerySet
from django.utils import timezone

from sn.geography.models import Neighbourhood
from sn.guarantee.models import NamedOfficerLapse
from sn.teams.models import Posting, Rank, Team
from sn.workforce.models import Duty

NAMED_RANKS = (Rank.SERGEANT, Rank.PC, Rank.PCSO)


@dataclass(frozen=True)
class NamedOfficer:
    officer_id: int
    name: str
    rank: str  # the Rank value
    role: str  # as the public page names it
    from_date: date
    to_date: date | None
    email: str  # the online route: the officer's own e-mail, or the team's
    own_email: bool
    phone: str


@dataclass
class WardStatus:
    """A ward on a date: its named officers, and when it has none, why."""

    neighbourhood_id: int
    named: list[NamedOfficer] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    @property
    def covered(self) -> bool:
        return bool(self.named)

    @property
    def reason(self) -> str:
        if self.covered:
            return ""
        return "; ".join(self.reasons) or "no PC, PCSO or sergeant is posted to the ward's team"


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _long_absences(officer_ids: set[int], on_date: date) -> set[int]:
    """The officers away on `on_date` for a spell longer than SN_NAMED_OFFICER_ABSENCE_DAYS: the days
    between their last duty in a ward before the date and their next one after it, when that gap holds
    an abstraction (leave, training, an abstraction to other work). A gap of rest days alone is not a
    spell away; a spell still running with no duty booked after it ends at its last abstraction known."""
    if not officer_ids:
        return set()
    limit = settings.SN_NAMED_OFFICER_ABSENCE_DAYS
    # Only whether the spell is longer than the limit matters, so the duties within the limit either side
    # of the date are enough: a spell reaching past the window is longer than the limit anyway.
    window = timedelta(days=limit + 1)
    on_duty = Q(reason__isnull=True)
    away = Q(reason__isnull=False)
    rows = (
        # By officer and start time: the (officer, starts_at) index, a short range scan per officer.
        Duty.objects.filter(
            officer_id__in=officer_ids,
            starts_at__gte=_midnight(on_date - window - timedelta(days=1)),
            starts_at__lt=_midnight(on_date + window + timedelta(days=1)),
            date__gte=on_date - window,
            date__lte=on_date + window,
        )
        .values("officer_id")
        .annotate(
            last_on=Max("date", filter=on_duty & Q(date__lte=on_date)),
            next_on=Min("date", filter=on_duty & Q(date__gte=on_date)),
            first_away=Min("date", filter=away & Q(date__lte=on_date)),
            last_away_before=Max("date", filter=away & Q(date__lte=on_date)),
            first_away_after=Min("date", filter=away & Q(date__gte=on_date)),
            last_away=Max("date", filter=away & Q(date__gte=on_date)),
        )
    )
    absent = set()
    for row in rows:
        if row["officer_id"] not in officer_ids:
            continue
        last_on, next_on = row["last_on"], row["next_on"]
        if on_date in (last_on, next_on):
            continue
        away_before = row["last_away_before"] is not None and (
            last_on is None or row["last_away_before"] > last_on
        )
        away_after = row["first_away_after"] is not None and (
            next_on is None or row["first_away_after"] < next_on
        )
        if not (away_before or away_after):
            continue
        start = last_on + timedelta(days=1) if last_on else row["first_away"] or on_date
        end = next_on - timedelta(days=1) if next_on else max(row["last_away"] or on_date, on_date)
        if (end - start).days + 1 > limit:
            absent.add(row["officer_id"])
    return absent


def _role(rank: str) -> str:
    return {Rank.SERGEANT: "Neighbourhood sergeant", Rank.PC: "Neighbourhood officer", Rank.PCSO: "PCSO"}[
        rank
    ]


def ward_statuses(
    on_date: date, neighbourhoods: QuerySet[Neighbourhood] | None = None
) -> dict[int, WardStatus]:
    """Every neighbourhood's status on `on_date` (or those of `neighbourhoods`): three queries for the
    force. Wards and the town-centre areas with their own team (docs/adr/0005) alike: the Guarantee
    is for every neighbourhood."""
    wards = Neighbourhood.objects.all() if neighbourhoods is None else neighbourhoods
    ward_ids = list(wards.values_list("id", flat=True))
    statuses = {ward_id: WardStatus(ward_id) for ward_id in ward_ids}
    teams = {
        t["id"]: t
        for t in Team.objects.filter(neighbourhood_id__in=ward_ids).values("id", "neighbourhood_id", "email")
    }
    for ward_id in set(ward_ids) - {t["neighbourhood_id"] for t in teams.values()}:
        statuses[ward_id].reasons.append("the ward has no Safer Neighbourhoods team")
    postings = list(
        Posting.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=on_date),
            team_id__in=teams,
            start_date__lte=on_date,
            officer__rank__in=NAMED_RANKS,
            officer__archived_at__isnull=True,
        )
        .order_by("officer__last_name", "officer__first_name", "id")
        .values(
            "team_id",
            "start_date",
            "end_date",
            "officer_id",
            "officer__first_name",
            "officer__last_name",
            "officer__rank",
            "officer__email",
            "officer__phone",
        )
    )
    absent = _long_absences({p["officer_id"] for p in postings}, on_date)
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for posting in postings:
        team = teams[posting["team_id"]]
        status = statuses[team["neighbourhood_id"]]
        if posting["officer_id"] in absent:
            counts[status.neighbourhood_id]["away"] += 1
            continue
        email = posting["officer__email"] or team["email"]
        if not email:
            counts[status.neighbourhood_id]["no_route"] += 1
            continue
        rank = posting["officer__rank"]
        status.named.append(
            NamedOfficer(
                officer_id=posting["officer_id"],
                name=f"{posting['officer__first_name']} {posting['officer__last_name']}",
                rank=rank,
                role=_role(rank),
                from_date=posting["start_date"],
                to_date=posting["end_date"],
                email=email,
                own_email=bool(posting["officer__email"]),
                phone=posting["officer__phone"],
            )
        )
    for ward_id, count in counts.items():
        status = statuses[ward_id]
        if status.covered:
            continue
        if count["away"]:
            status.reasons.append(
                f"{count['away']} posted officer(s) away on leave or abstracted for a long spell"
            )
        if count["no_route"]:
            status.reasons.append(f"{count['no_route']} posted officer(s) with no e-mail, and no team e-mail")
    return statuses


def named_officers(ward: Neighbourhood, on_date: date) -> list[NamedOfficer]:
    return ward_statuses(on_date, Neighbourhood.objects.filter(pk=ward.pk))[ward.pk].named


def neighbourhoods_with_named_officer(on_date: date) -> set[int]:
    """The ids of the wards with a named officer contactable online on `on_date`, force-wide."""
    return {ward_id for ward_id, status in ward_statuses(on_date).items() if status.covered}


def month_ends(today: date, months: int = 12) -> list[date]:
    """The last day of each of the `months` months up to this one, this month's being today."""
    ends = [today]
    first = today.replace(day=1)
    for _ in range(months - 1):
        ends.append(first - timedelta(days=1))
        first = ends[-1].replace(day=1)
    return list(reversed(ends))


@dataclass
class Share:
    with_officer: int = 0
    wards: int = 0

    @property
    def percent(self) -> float | None:
        return round(100 * self.with_officer / self.wards, 1) if self.wards else None


def shares_by_borough(
    on_date: date, neighbourhoods: QuerySet[Neighbourhood]
) -> tuple[Share, dict[int, Share]]:
    """The share of the wards with a named officer, overall and by borough id."""
    rows = list(neighbourhoods.values_list("id", "borough_id"))
    covered = {w for w, s in ward_statuses(on_date, neighbourhoods).items() if s.covered}
    total, boroughs = Share(), defaultdict(Share)
    for ward_id, borough_id in rows:
        hit = int(ward_id in covered)
        for share in (total, boroughs[borough_id]):
            share.wards += 1
            share.with_officer += hit
    return total, dict(boroughs)


def recorded_shares(
    days: list[date], neighbourhoods: QuerySet[Neighbourhood]
) -> dict[date, tuple[Share, dict[int, Share]]]:
    """The shares for the months ending on `days` from the lapses the sweep recorded (one query for all
    the days): a ward counts as with a named officer only if none of its lapses covers any day from the
    first of the day's month to the day. The month end alone would miss a gap closed within the month.
    Before the sweep first ran there are no lapses, so those months count every ward as covered; the
    history says so."""
    rows = list(neighbourhoods.values_list("id", "borough_id"))
    spans = defaultdict(list)
    for ward_id, starts_on, ends_on in NamedOfficerLapse.objects.filter(
        neighbourhood__in=neighbourhoods, starts_on__lte=max(days)
    ).values_list("neighbourhood_id", "starts_on", "ends_on"):
        spans[ward_id].append((starts_on, ends_on))
    result = {}
    for day in days:
        total, boroughs = Share(), defaultdict(Share)
        for ward_id, borough_id in rows:
            first = day.replace(day=1)
            hit = int(not any(s <= day and (e is None or e >= first) for s, e in spans.get(ward_id, ())))
            for share in (total, boroughs[borough_id]):
                share.wards += 1
                share.with_officer += hit
        result[day] = (total, dict(boroughs))
    return result
