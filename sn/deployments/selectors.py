"""Reads for deployments: the duties the cover rule checks, the officers already lent, and the choices
of the create form."""

from collections import defaultdict
from datetime import date, timedelta

from django.db.models import Max, Min, Q, QuerySet
from django.utils import timezone

from sn.deployments import cover
from sn.deployments.models import Deployment, LentOfficer
from sn.geography.models import Neighbourhood
from sn.panels.models import Priority
from sn.panels.models.priorities import HOLDING_A_PLACE
from sn.problemsolving.models import Case
from sn.teams.models import Officer, Posting, Rank, Team
from sn.teams.selectors import active_postings
from sn.workforce.models import Duty, DutyCode

LENDABLE_RANKS = (Rank.PC, Rank.PCSO)


def days_between(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def in_force_between(first: date, last: date, *, exclude: Deployment | None = None) -> QuerySet[LentOfficer]:
    """The officers lent by deployments not cancelled whose lending overlaps first..last."""
    queryset = LentOfficer.objects.filter(deployment__starts_on__lte=last).filter(
        Q(
            deployment__status__in=[Deployment.Status.PLANNED, Deployment.Status.ACTIVE],
            deployment__ends_on__gte=first,
        )
        | Q(deployment__status=Deployment.Status.ENDED, deployment__ended_on__gte=first)
    )
    if exclude is not None and exclude.pk:
        queryset = queryset.exclude(deployment=exclude)
    return queryset.select_related("deployment")


def away_days(lent: list[LentOfficer], first: date, last: date) -> frozenset[tuple[int, date]]:
    """(officer id, day) for every day of first..last an officer is lent by one of `lent`."""
    away = set()
    for row in lent:
        start = max(first, row.deployment.starts_on)
        end = min(last, row.deployment.last_day)
        away |= {(row.officer_id, day) for day in days_between(start, end)} if end >= start else set()
    return frozenset(away)


def team_stints(team: Team, first: date, last: date) -> tuple[list[cover.Stint], set[date]]:
    """The on-duty stints of the team's officers on its own ward (a day either side, for duties that
    run past midnight) and the days of first..last within the team's roster."""
    rows = Duty.objects.filter(
        team=team, date__gte=first - timedelta(days=1), date__lte=last + timedelta(days=1)
    ).values_list(
        "officer_id", "officer__rank", "date", "starts_at", "ends_at", "code__kind", "neighbourhood_id"
    )
    # The roster runs from the team's first duty to its last: a day inside it with no duty is the
    # team's rest day (nothing to cover); a day beyond it has not been rostered yet.
    span = Duty.objects.filter(team=team).aggregate(first=Min("date"), last=Max("date"))
    rostered = (
        set(days_between(max(first, span["first"]), min(last, span["last"]))) if span["first"] else set()
    )
    stints = []
    for officer_id, rank, day, starts_at, ends_at, kind, ward_id in rows:
        # A duty already moved to another ward is a lent officer's: it gives the team no cover.
        if kind == DutyCode.Kind.ON_DUTY and ward_id == team.neighbourhood_id:
            stints.append(
                cover.Stint(
                    officer_id=officer_id,
                    rank=rank,
                    day=day,
                    starts_at=timezone.localtime(starts_at).replace(tzinfo=None),
                    ends_at=timezone.localtime(ends_at).replace(tzinfo=None),
                )
            )
    return stints, rostered


def cover_refusals(
    lending: dict[Team, list[Officer]], first: date, last: date, *, exclude: Deployment | None = None
) -> list[cover.Refusal]:
    """Why lending these officers (by home team) from first to last would break any home ward's cover."""
    found = []
    others = list(in_force_between(first, last, exclude=exclude).filter(home_team__in=list(lending)))
    for team, officers in lending.items():
        stints, rostered = team_stints(team, first, last)
        away = away_days([row for row in others if row.home_team_id == team.pk], first, last)
        found += cover.refusals(
            ward=team.neighbourhood.name,
            days=days_between(first, last),
            rostered_days=rostered,
            stints=stints,
            lending=frozenset(o.pk for o in officers),
            away=away,
        )
    return found


def home_postings(officers: list[Officer], first: date, last: date) -> dict[int, Posting]:
    """Each officer's posting that covers the whole of first..last, by officer id (missing when none)."""
    postings = (
        active_postings(on=first)
        .filter(officer__in=officers)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=last))
        .select_related("team__neighbourhood")
        .order_by("start_date")
    )
    return {p.officer_id: p for p in postings}


def open_problems(neighbourhood: Neighbourhood) -> tuple[list[Case], list[Priority]]:
    """The receiving ward's open cases and the priorities holding a place on its panel."""
    cases = list(
        Case.objects.filter(neighbourhood=neighbourhood).exclude(stage=Case.Stage.CLOSED).order_by("-id")
    )
    priorities = list(
        Priority.objects.filter(neighbourhood=neighbourhood, status__in=HOLDING_A_PLACE).order_by(
            "-selected_on"
        )
    )
    return cases, priorities


def lendable_officers(wards: QuerySet[Neighbourhood], *, on: date) -> list[Posting]:
    """The PCs and PCSOs posted to the teams of `wards` on the day, by ward then name."""
    return list(
        active_postings(on=on)
        .filter(
            team__neighbourhood__in=wards, officer__rank__in=LENDABLE_RANKS, officer__archived_at__isnull=True
        )
        .select_related("officer", "team__neighbourhood")
        .order_by("team__neighbourhood__name", "officer__rank", "officer__last_name")
    )


def lent_by_deployment(deployments: list[Deployment]) -> dict[int, list[LentOfficer]]:
    rows = LentOfficer.objects.filter(deployment__in=deployments).select_related(
        "officer", "home_team__neighbourhood"
    )
    grouped = defaultdict(list)
    for row in rows:
        grouped[row.deployment_id].append(row)
    return grouped


def cover_rows(deployment: Deployment) -> list[dict]:
    """Each shift of the period on each home ward, with the PCs and PCSOs left on duty in it once every
    officer lent that day is away, and whether the ward is covered (sn.deployments.cover)."""
    last = deployment.last_day
    if last is None:
        return []
    first = deployment.starts_on
    teams = {row.home_team for row in deployment.lent.select_related("home_team__neighbourhood")}
    everyone = list(in_force_between(first, last))
    rows = []
    for team in sorted(teams, key=lambda t: t.neighbourhood.name):
        stints, _ = team_stints(team, first, last)
        away = away_days([r for r in everyone if r.home_team_id == team.pk], first, last)
        for shift in cover.shifts_of(s for s in stints if first <= s.day <= last):
            present = [
                s
                for s in stints
                if (s.officer_id, s.day) not in away
                and s.starts_at < shift.ends_at
                and s.ends_at > shift.starts_at
            ]
            missing = cover.missing_in(shift, stints, away)
            rows.append(
                {
                    "ward": team.neighbourhood.name,
                    "day": shift.day,
                    "shift": shift.label,
                    "pcs": len({s.officer_id for s in present if s.rank == cover.PC}),
                    "pcsos": len({s.officer_id for s in present if s.rank == cover.PCSO}),
                    "missing": " and ".join(missing),
                }
            )
    return rows


def deploy_wards(scope, neighbourhood: Neighbourhood) -> QuerySet[Neighbourhood]:
    """The wards a deployer may lend from to `neighbourhood`: the rest of its borough when they lead
    the borough (or the force), the rest of its cluster when they command it."""
    wards = Neighbourhood.objects.exclude(pk=neighbourhood.pk)
    if scope.everything or neighbourhood.borough_id in scope.borough_ids:
        return wards.filter(borough_id=neighbourhood.borough_id)
    if neighbourhood.cluster_id in scope.cluster_ids:
        return wards.filter(cluster_id=neighbourhood.cluster_id)
    return wards.none()
