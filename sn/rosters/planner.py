"""The shift planner: start times for a cluster's teams that put their hours where calls and residents'
wishes are, keep 16-hour cover every day, and keep the working-time rules (seed 000 paragraphs 47-53).

The model (OR-Tools CP-SAT, one worker, a fixed seed and a deterministic time budget, so the same
inputs always give the same proposal):
- Each team keeps its working days and the length of each day's shift (cut to the longest shift the
  rules allow); the choice is the start of each working day, on the half hour from 06:00 to 16:00 (or
  today's start, so keeping today's pattern is always a candidate).
- Rest: from the end of each shift to the start of the team's next (Sunday into Monday included) at
  least the minimum rest, as sn.workforce.working_time checks it.
- Cover: an hour of the cover window (07:00-23:00 by default) that no team works in full is a gap;
  gaps cost more than any gain in weighted cover, so a proposal has none when one without gaps exists.
- Objective: the officer-minutes on duty in each hour of the week times the hour's weight (half the
  hour's share of the calls, half its share of residents' wishes, each relative to the week's average),
  less a small cost per changed start (a tenth of an officer-hour), so that among equally good
  proposals the one nearest today's wins.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from sn.rosters.profiles import cover_window
from sn.workforce.working_time import (
    HOURS_IN_WEEK,
    breaches,
    clock_hours,
    max_shift_hours,
    min_rest_hours,
    on_duty_by_hour,
)

EARLIEST_START = 6 * 60
LATEST_START = 16 * 60
START_STEP = 30
SEED = 20110616  # the day the review went to the MPA's SOP meeting (seed 000 paragraph 44)
DETERMINISTIC_SECONDS = 2.0
WALL_SECONDS = 30.0
WEIGHT_SCALE = 10  # an officer-hour of an average hour is worth 10
CHANGE_COST = 1  # a tenth of an officer-hour of an average hour: a tie-break towards today's starts


@dataclass(frozen=True)
class TeamInput:
    team_id: int
    name: str
    staff: int
    days: Sequence[dict | None]  # the pattern in force (ShiftPattern.days)


@dataclass
class TeamProposal:
    team_id: int
    name: str
    staff: int
    before: list
    after: list

    @property
    def changed_days(self) -> list[int]:
        return [i for i, (b, a) in enumerate(zip(self.before, self.after, strict=True)) if b != a]


@dataclass
class Proposal:
    status: str  # "optimal", "feasible" (the budget ran out first) or "infeasible"
    teams: list[TeamProposal] = field(default_factory=list)
    cover_before: list[float] = field(default_factory=list)
    cover_after: list[float] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return self.status in ("optimal", "feasible")

    @property
    def changed(self) -> bool:
        return any(team.changed_days for team in self.teams)


def planner_weights(demand: Sequence[float], wishes: Sequence[float]) -> list[float]:
    """Each hour's weight: half its share of calls, half its share of wishes, each against the week's
    average (1 is an average hour). A series that is all zero (no calls held) gives every hour 1."""

    def relative(series: Sequence[float]) -> list[float]:
        mean = sum(series) / len(series) if series else 0
        return [value / mean for value in series] if mean > 0 else [1.0] * HOURS_IN_WEEK

    return [(d + w) / 2 for d, w in zip(relative(demand), relative(wishes), strict=True)]


def pattern_cover(teams: Sequence[TeamInput], patterns: Sequence[Sequence[dict | None]]) -> list[float]:
    """Officers on duty in each hour of the week when every team works its pattern in full."""
    cover = [0.0] * HOURS_IN_WEEK
    for team, days in zip(teams, patterns, strict=True):
        for hour, fraction in enumerate(on_duty_by_hour(days)):
            cover[hour] += team.staff * fraction
    return cover


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _minutes_in_hours(start: int, length: int) -> dict[int, int]:
    """{hour of the week: minutes of it worked} for a shift of `length` minutes from minute `start` of
    the week, wrapping Sunday into Monday."""
    worked: dict[int, int] = {}
    position, end = start, start + length
    while position < end:
        hour = position // 60
        step = min(end, (hour + 1) * 60) - position
        worked[hour % HOURS_IN_WEEK] = worked.get(hour % HOURS_IN_WEEK, 0) + step
        position += step
    return worked


def _candidates(current_start: int, length: int) -> list[int]:
    starts = set(range(EARLIEST_START, LATEST_START + 1, START_STEP)) | {current_start}
    # A shift may run past midnight, but not into the next day's own hours beyond a whole day.
    return sorted(s for s in starts if s + length <= 2 * 24 * 60)


def propose(
    teams: Sequence[TeamInput],
    weights: Sequence[float],
    *,
    deterministic_seconds: float = DETERMINISTIC_SECONDS,
) -> Proposal:
    """The best start times for the teams under the rules (see the module's docstring)."""
    hard = _solve(teams, weights, deterministic_seconds, gaps_allowed=False)
    solved = hard if hard[0] in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None
    if solved is None:
        # No proposal gives full cover: the one with the fewest gaps, then the best weighted cover.
        solved = _solve(teams, weights, deterministic_seconds, gaps_allowed=True)
    status, starts, lengths = solved
    before = [list(team.days) for team in teams]
    result = Proposal(
        status={cp_model.OPTIMAL: "optimal", cp_model.FEASIBLE: "feasible"}.get(status, "infeasible"),
        cover_before=pattern_cover(teams, before),
        weights=list(weights),
    )
    if not result.found:
        return result
    after = []
    for t, team in enumerate(teams):
        days = []
        for day, entry in enumerate(team.days):
            if entry is None:
                days.append(None)
                continue
            start = starts[t, day]
            days.append({"start": _clock(start), "hours": lengths[t, day] / 60})
        after.append(days)
        result.teams.append(
            TeamProposal(team_id=team.team_id, name=team.name, staff=team.staff, before=before[t], after=days)
        )
    result.cover_after = pattern_cover(teams, after)
    return result


def _solve(
    teams: Sequence[TeamInput], weights: Sequence[float], deterministic_seconds: float, *, gaps_allowed: bool
):
    """(solver status, {(team, day): start minute}, {(team, day): length in minutes})."""
    window = cover_window()
    longest = int(round(max_shift_hours() * 60))
    rest = int(round(min_rest_hours() * 60))
    model = cp_model.CpModel()
    choices: dict[tuple[int, int], list[tuple[int, cp_model.IntVar]]] = {}
    lengths: dict[tuple[int, int], int] = {}
    full_hour: dict[int, list] = {h: [] for h in range(HOURS_IN_WEEK)}
    gains, changes = [], []
    for t, team in enumerate(teams):
        for day, entry in enumerate(team.days):
            if entry is None:
                continue
            current = int(round(clock_hours(entry["start"]) * 60))
            length = min(int(round(float(entry["hours"]) * 60)), longest)
            lengths[t, day] = length
            options = []
            for start in _candidates(current, length):
                chosen = model.new_bool_var(f"t{t}d{day}s{start}")
                options.append((start, chosen))
                gain = 0.0
                for hour, minutes in _minutes_in_hours(day * 1440 + start, length).items():
                    gain += weights[hour] * team.staff * minutes / 60
                    if minutes == 60:
                        full_hour[hour].append(chosen)
                gains.append((int(round(gain * WEIGHT_SCALE)), chosen))
                if start == current:
                    model.add_hint(chosen, 1)
                if start != current:
                    changes.append(chosen)
            model.add_exactly_one(chosen for _, chosen in options)
            choices[t, day] = options
    # Rest between each shift and the team's next, round the week.
    for t, team in enumerate(teams):
        working = [day for day, entry in enumerate(team.days) if entry is not None]
        if len(working) < 2:
            continue
        for position, day in enumerate(working):
            following = working[(position + 1) % len(working)]
            offset = following * 1440 + (7 * 1440 if position + 1 == len(working) else 0)
            start_here = sum(start * chosen for start, chosen in choices[t, day])
            start_next = sum(start * chosen for start, chosen in choices[t, following])
            model.add(offset + start_next - (day * 1440 + start_here + lengths[t, day]) >= rest)
    objective = [gain * chosen for gain, chosen in gains] + [-CHANGE_COST * chosen for chosen in changes]
    bound = sum(max(gain, 0) for gain, _ in gains) + 1
    for hour in range(HOURS_IN_WEEK):
        if hour % 24 not in window:
            continue
        if gaps_allowed:
            gap = model.new_bool_var(f"gap{hour}")
            model.add(sum(full_hour[hour]) + gap >= 1)
            objective.append(-bound * gap)
        else:
            model.add(sum(full_hour[hour]) >= 1)
    model.maximize(sum(objective))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.linearization_level = 2
    solver.parameters.random_seed = SEED
    solver.parameters.max_deterministic_time = deterministic_seconds
    solver.parameters.max_time_in_seconds = WALL_SECONDS
    status = solver.solve(model)
    starts = {}
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        starts = {
            key: next(s for s, chosen in options if solver.value(chosen)) for key, options in choices.items()
        }
    return status, starts, lengths


def rule_breaches(proposal: Proposal) -> dict[str, list[str]]:
    """{team name: the working-time rules its proposed pattern breaks}: empty for every proposal the
    planner makes (its tests hold it to that)."""
    return {team.name: breaches(team.after) for team in proposal.teams if breaches(team.after)}
