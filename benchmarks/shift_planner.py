"""The shift planner (sn.rosters.planner) for as many clusters as the demo force has (116), each of four
to eight teams working the demo's offset earlies and lates with staggered rest days, weighted by the
demo's call profile and seed 000 table 2.

Measured: the solver's time per cluster (p50, p95) and the weighted cover its proposals reach, against
a greedy baseline in the same process: each team-day in turn takes the start with the highest weighted
cover that keeps the rest rule with the days already chosen, keeping today's start where the cover
window would otherwise lose its only team. Both are checked against the working-time rules.
"""

import random
import time

from benchmarks.report import line, percentile, section, verdict
from sn.rosters.planner import (
    EARLIEST_START,
    LATEST_START,
    START_STEP,
    TeamInput,
    _minutes_in_hours,
    planner_weights,
    propose,
)
from sn.rosters.profiles import cover_window, demo_call_profile, table_2_wishes
from sn.rosters.selectors import figures
from sn.workforce.working_time import breaches, on_duty_by_hour

CLUSTERS, QUICK_CLUSTERS = 116, 20
TARGET_P95_S = 2.0
EARLY_REST = (5, 1, 3, 6, 2, 4, 0)
LATE_REST = (2, 6, 0, 4, 1, 3, 5)


def demo_like_cluster(rng: random.Random, index: int) -> list[TeamInput]:
    """Teams alternating earlies and lates, two rest days each, staggered as sn.workforce.demo does."""
    teams = []
    for position in range(rng.randint(4, 8)):
        early = position % 2 == 0
        rest = (EARLY_REST if early else LATE_REST)[(position // 2) % 7]
        days = [{"start": "07:00" if early else "15:00", "hours": 8.0}] * 7
        days = [None if day in (rest, (rest + 1) % 7) else entry for day, entry in enumerate(days)]
        teams.append(
            TeamInput(
                team_id=index * 10 + position,
                name=f"C{index} T{position}",
                staff=rng.randint(5, 11),
                days=days,
            )
        )
    return teams


def weighted(teams: list[TeamInput], patterns: list[list], weights: list[float]) -> float:
    return sum(
        team.staff * fraction * weights[hour]
        for team, days in zip(teams, patterns, strict=True)
        for hour, fraction in enumerate(on_duty_by_hour(days))
    )


def greedy(teams: list[TeamInput], weights: list[float]) -> list[list]:
    """The baseline: each team-day's best start on its own, kept only if the rules and cover still hold."""
    window = cover_window()
    patterns = [list(team.days) for team in teams]
    for t, team in enumerate(teams):
        for day, entry in enumerate(team.days):
            if entry is None:
                continue
            length = round(entry["hours"] * 60)
            options = sorted(
                range(EARLIEST_START, LATEST_START + 1, START_STEP),
                key=lambda s, day=day: (
                    -sum(weights[h] * m for h, m in _minutes_in_hours(day * 1440 + s, length).items())
                ),
            )
            for start in options:
                trial = list(patterns[t])
                trial[day] = {"start": f"{start // 60:02d}:{start % 60:02d}", "hours": entry["hours"]}
                if breaches(trial):
                    continue
                covered = [
                    sum(on_duty_by_hour(trial if i == t else patterns[i])[h] >= 1 for i in range(len(teams)))
                    for h in range(day * 24 + window.start, day * 24 + window.stop)
                ]
                if all(covered):
                    patterns[t] = trial
                    break
    return patterns


def run(*, quick: bool = False) -> list[str]:
    count = QUICK_CLUSTERS if quick else CLUSTERS
    section(f"Shift planner for {count} demo-like clusters, against a greedy baseline")
    weights = planner_weights(demo_call_profile(), table_2_wishes())
    rng = random.Random(2011)
    clusters = [demo_like_cluster(rng, i) for i in range(count)]
    solver_times, greedy_times = [], []
    solver_total = greedy_total = today_total = 0.0
    optimal = broken = short = 0
    for teams in clusters:
        started = time.perf_counter()
        proposal = propose(teams, weights)
        solver_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        baseline = greedy(teams, weights)
        greedy_times.append(time.perf_counter() - started)
        optimal += proposal.status == "optimal"
        broken += sum(bool(breaches(t.after)) for t in proposal.teams)
        short += not figures(proposal.cover_after).full_cover
        solver_total += weighted(teams, [t.after for t in proposal.teams], weights)
        greedy_total += weighted(teams, baseline, weights)
        today_total += weighted(teams, [list(t.days) for t in teams], weights)
    p50, p95 = percentile(solver_times, 50), percentile(solver_times, 95)
    line("teams", sum(len(c) for c in clusters))
    line(
        "solver p50 / p95 per cluster",
        f"{p50 * 1000:.0f} / {p95 * 1000:.0f} ms ({optimal} of {count} proven optimal)",
    )
    line("greedy p50 per cluster", f"{percentile(greedy_times, 50) * 1000:.0f} ms")
    line(
        "weighted cover: today / greedy / solver",
        f"{today_total:,.0f} / {greedy_total:,.0f} / {solver_total:,.0f}",
    )
    line("rule breaches, clusters short of 16-hour cover", f"{broken}, {short}")
    return [
        f"Shift planner, {count} clusters: p95 {p95:.2f} s per cluster (target < {TARGET_P95_S} s): "
        f"{verdict(p95 < TARGET_P95_S and not broken)}; weighted cover "
        f"{100 * (solver_total / greedy_total - 1):+.1f}% on the greedy baseline's and "
        f"{100 * (solver_total / today_total - 1):+.1f}% on today's ({optimal}/{count} optimal, "
        f"{broken} rule breaches)"
    ]
