"""Time in the community (issue 14, part 7): the share of each officer's working time spent on duty in a
ward, against the Guarantee's "majority of their time", beside the abstraction rate.

What the records allow: a duty says where the officer worked (their own ward, another ward they were
lent to under a deployment, or nowhere when abstracted) and for how long; it does not say whether the
hours went on visible patrol, engagement or problem solving, and EPIC activity records (sn.activity) are
counts without durations. So every on-duty minute in a ward counts as time in the community, and the
split by activity is not made up. Working time is rostered minutes less those abstracted for reasons
the abstraction policy in force exempts (leave, rest days): an officer on leave is not away from the
community in the commitment's sense. The abstraction rate is the workforce app's own (sn.workforce
.abstraction.rates.Tally): minutes abstracted for reasons that count over all rostered minutes.

One GROUP BY over the period's duties by (home ward, officer, reason) serves every page and both
scorecard measures; the policy is the one in force on the period's first day.
"""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Case, IntegerField, Q, QuerySet, Sum, When

from sn.geography.models import Neighbourhood
from sn.teams.models import Officer, Team
from sn.workforce.abstraction.memo import duties_version, remembered
from sn.workforce.abstraction.rates import Tally, policies, policy_on
from sn.workforce.models import Duty, DutySource

IN_A_WARD = Q(reason__isnull=True, neighbourhood__isnull=False)


def target() -> float:
    return float(settings.SN_COMMUNITY_TIME_TARGET)


def demo_duties(start: date, end: date) -> bool:
    """Whether the period's duties are the demo's. The demo rosters every officer in their own ward
    only, so time in the community is as high as its abstractions allow and every officer meets the
    commitment: the pages say so rather than show 100% as if it were found. One row read on the
    duties' date index (the first duty of the period), cheap enough for every page."""
    first = (
        Duty.objects.filter(date__gte=start, date__lt=end).order_by("date").values_list("source", flat=True)
    )
    return first.first() == DutySource.DEMO


@dataclass
class CommunityTime:
    """One officer's (or an area's) minutes in a period."""

    tally: Tally = field(default_factory=Tally)
    community: int = 0  # on duty in a ward, their own or one they were lent to

    @property
    def working(self) -> int:
        return self.tally.rostered - self.tally.exempt

    @property
    def share(self) -> float | None:
        return self.community / self.working if self.working > 0 else None

    # The pages show hours (whole, as the duty system's shifts are); the sums stay in minutes.
    @property
    def community_hours(self) -> int:
        return round(self.community / 60)

    @property
    def working_hours(self) -> int:
        return round(self.working / 60)

    @property
    def meets(self) -> bool:
        share = self.share
        return share is not None and share > target()

    @property
    def abstraction_rate(self) -> float | None:
        return self.tally.rate

    def merge(self, other: "CommunityTime") -> None:
        self.tally.merge(other.tally)
        self.community += other.community


def _minutes_in_a_ward():
    return Sum(Case(When(IN_A_WARD, then="minutes"), default=0, output_field=IntegerField()))


def _times(start: date, end: date, duties: QuerySet[Duty]) -> dict[tuple[int, int], CommunityTime]:
    policy = policy_on(start, policies())
    exempt = policy.exempt if policy else frozenset()
    # Grouped by team, not its ward: the join would cost a lookup per duty, the map below a dict.
    rows = (
        duties.filter(date__gte=start, date__lt=end)
        .values("team_id", "officer_id", "reason_id")
        .annotate(total=Sum("minutes"), community=_minutes_in_a_ward())
        .order_by()
    )
    ward_of = dict(Team.objects.values_list("id", "neighbourhood_id"))
    result: dict[tuple[int, int], CommunityTime] = {}
    for row in rows:
        time = result.setdefault((ward_of[row["team_id"]], row["officer_id"]), CommunityTime())
        reason = row["reason_id"]
        time.tally.add(reason, row["total"], exempt=reason is not None and reason in exempt)
        time.community += row["community"] or 0
    return result


def officer_times(
    start: date, end: date, duties: QuerySet[Duty] | None = None
) -> dict[tuple[int, int], CommunityTime]:
    """{(home ward id, officer id): CommunityTime} for duties on days in [start, end). The force's are
    kept under the duties' version (sn.workforce.abstraction.memo), as abstraction's sums are: both
    scorecard measures and the force page read the same sums."""
    if duties is not None:
        return _times(start, end, duties)
    parts = ("community-time", start, end, duties_version(), tuple(sorted(policy_versions())))
    return remembered(parts, lambda: _times(start, end, Duty.objects.all()))


def policy_versions() -> list[tuple]:
    return [(p.effective_from, tuple(sorted(p.exempt))) for p in policies()]


def community_time_figures(start: date, end: date) -> dict[int, tuple[float, float]]:
    """Scorecard: {ward id: (minutes on duty in a ward, working minutes)} of the ward's team."""
    result: dict[int, list[float]] = {}
    for (ward_id, _), time in officer_times(start, end).items():
        figures = result.setdefault(ward_id, [0, 0])
        figures[0] += time.community
        figures[1] += time.working
    return {ward: (n, d) for ward, (n, d) in result.items() if d > 0}


def majority_figures(start: date, end: date) -> dict[int, tuple[float, float]]:
    """Scorecard: {ward id: (officers over the target share, officers with working time)}."""
    result: dict[int, list[float]] = {}
    for (ward_id, _), time in officer_times(start, end).items():
        if time.working <= 0:
            continue
        figures = result.setdefault(ward_id, [0, 0])
        figures[0] += 1 if time.meets else 0
        figures[1] += 1
    return {ward: (n, d) for ward, (n, d) in result.items()}


@dataclass
class OfficerLine:
    officer: Officer
    time: CommunityTime


@dataclass
class AreaLine:
    """A team (ward), borough or the force: its minutes and how many of its officers meet the target."""

    key: int | None
    name: str
    code: str
    time: CommunityTime = field(default_factory=CommunityTime)
    officers: int = 0
    officers_meeting: int = 0

    @property
    def below(self) -> bool:
        return self.time.share is not None and not self.time.meets

    @property
    def officers_share(self) -> float | None:
        return self.officers_meeting / self.officers if self.officers else None

    def add(self, time: CommunityTime) -> None:
        self.time.merge(time)
        if time.working > 0:
            self.officers += 1
            self.officers_meeting += 1 if time.meets else 0


def below_first(lines: list[AreaLine]) -> list[AreaLine]:
    """Areas below the commitment first, the furthest below first; then the rest by name."""
    return sorted(
        lines,
        key=lambda line: (
            not line.below,
            line.time.share if line.below else 0,
            line.name,
        ),
    )


def ward_officers(ward: Neighbourhood, start: date, end: date) -> tuple[AreaLine, list[OfficerLine]]:
    times = officer_times(start, end, Duty.objects.filter(team__neighbourhood=ward))
    officers = Officer.objects.in_bulk([officer_id for _, officer_id in times])
    total = AreaLine(ward.pk, ward.name, ward.code)
    lines = []
    for (_, officer_id), time in times.items():
        total.add(time)
        lines.append(OfficerLine(officers[officer_id], time))
    lines.sort(key=lambda line: (line.time.meets, line.time.share or 0, line.officer.last_name))
    return total, lines


def area_lines(
    start: date, end: date, wards: QuerySet[Neighbourhood], *, by_borough: bool, everything: bool = False
) -> tuple[AreaLine, list[AreaLine]]:
    """The total of `wards` and a line per ward (or per borough), below the commitment first."""
    ward_rows = {
        w["id"]: w for w in wards.values("id", "name", "code", "borough_id", "borough__name", "borough__code")
    }
    # The force reads the force's sums, kept under the duties' version; an area filters its duties.
    duties = None if everything else Duty.objects.filter(team__neighbourhood_id__in=list(ward_rows))
    total = AreaLine(None, "", "")
    lines: dict[int, AreaLine] = {}
    for (ward_id, _), time in officer_times(start, end, duties).items():
        ward = ward_rows.get(ward_id)
        if ward is None:
            continue
        if by_borough:
            key, name, code = ward["borough_id"], ward["borough__name"], ward["borough__code"]
        else:
            key, name, code = ward_id, ward["name"], ward["code"]
        line = lines.setdefault(key, AreaLine(key, name, code))
        line.add(time)
        total.add(time)
    return total, below_first(list(lines.values()))
