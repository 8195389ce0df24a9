"""Which wards share a sergeant: a set partition chosen by an integer program (OR-Tools CP-SAT).

Seed 000 (paragraphs 38-44) cut 630 sergeants to about 480 by letting one sergeant supervise two or
three quieter adjacent wards. The model here:

- candidates are the connected groups of at most `max_size` wards of one cluster (singletons, adjacent
  pairs, connected triples, ...); a ward with no cluster only stands alone;
- the busiest share of the wards (by demand) may only stand alone: they keep their own sergeant;
- choose candidates so that every ward is in exactly one chosen group and exactly `target` groups are
  chosen (one sergeant each);
- minimise the sum over chosen groups of (demand / mean ward demand)^2 + staff_weight x (staff / mean
  ward staff)^2. With the total demand and the number of groups fixed, a sum of squares is smallest when
  the groups are even, so this minimises the spread (variance) of demand and of staff per sergeant,
  and, being linear in the choices, keeps the program a plain set partition the solver is quick on.

Everything here is plain Python on plain values, so the tests can try it on random graphs without a
database. The achievable numbers of groups form an interval (a connected group splits into connected
pieces), so an infeasible target is answered with the interval.
"""

import math
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

DEFAULT_MAX_SIZE = 3
DEFAULT_BUSIEST_SHARE = 0.1
DEFAULT_STAFF_WEIGHT = 0.5
# Costs are integers for CP-SAT; a group of average demand and staff costs about this much.
COST_SCALE = 1000


@dataclass(frozen=True)
class Ward:
    id: int
    cluster: int | None
    demand: float
    staff: int


@dataclass
class Partition:
    """The answer: groups of ward ids (each sorted, busiest first in no particular sense), or none."""

    status: str  # "optimal", "feasible" (stopped at the limit), "infeasible", "unknown" (no answer in time)
    groups: list[tuple[int, ...]] = field(default_factory=list)
    cost: int | None = None
    seconds: float = 0.0
    fewest: int | None = None  # the fewest groups the wards allow (set when the target is infeasible)
    most: int = 0
    busiest: frozenset[int] = frozenset()
    message: str = ""

    @property
    def solved(self) -> bool:
        return self.status in ("optimal", "feasible")


def busiest_wards(wards: Iterable[Ward], share: float) -> frozenset[int]:
    """The busiest `share` of the wards (rounded up, at least one when the share is positive), ties by
    id so that the same data always picks the same wards."""
    ordered = sorted(wards, key=lambda w: (-w.demand, w.id))
    count = math.ceil(share * len(ordered) - 1e-9) if share > 0 else 0
    return frozenset(w.id for w in ordered[:count])


def candidate_groups(
    wards: Iterable[Ward], neighbours: Mapping[int, Iterable[int]], max_size: int, busiest: frozenset[int]
) -> list[tuple[int, ...]]:
    """Every connected group of up to `max_size` wards of one cluster, none of the busiest among the
    groups of two or more; sorted, so that the program is built the same way every time."""
    by_id = {w.id: w for w in wards}
    level = {frozenset([w]) for w in by_id}
    found = set(level)
    for _ in range(max_size - 1):
        grown = set()
        for group in level:
            first = by_id[next(iter(group))]
            if first.cluster is None or group & busiest:
                continue
            for member in group:
                for other in neighbours.get(member, ()):
                    ward = by_id.get(other)
                    if (
                        ward is None
                        or other in group
                        or other in busiest
                        or ward.cluster is None
                        or ward.cluster != first.cluster
                    ):
                        continue
                    grown.add(group | {other})
        grown -= found
        found |= grown
        level = grown
    return sorted((tuple(sorted(g)) for g in found), key=lambda g: (len(g), g))


def group_costs(wards: list[Ward], groups: list[tuple[int, ...]], staff_weight: float) -> list[int]:
    by_id = {w.id: w for w in wards}
    mean_demand = (sum(w.demand for w in wards) / len(wards)) or 1.0
    mean_staff = (sum(w.staff for w in wards) / len(wards)) or 1.0
    costs = []
    for group in groups:
        demand = sum(by_id[i].demand for i in group) / mean_demand
        staff = sum(by_id[i].staff for i in group) / mean_staff
        costs.append(round(COST_SCALE * (demand**2 + staff_weight * staff**2)))
    return costs


def partition_cost(wards: list[Ward], groups: list[tuple[int, ...]], staff_weight: float) -> int:
    """The objective of any partition (the solver's or the greedy baseline's), to compare them."""
    return sum(group_costs(wards, groups, staff_weight))


def _solver(deterministic_limit: float, time_limit: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    # One worker and a deterministic limit: the same data gives the same proposal on any machine. The
    # wall-clock limit is only a backstop for a very slow machine.
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_deterministic_time = deterministic_limit
    solver.parameters.max_time_in_seconds = time_limit
    return solver


def fewest_groups(
    wards: list[Ward], candidates: list[tuple[int, ...]], *, deterministic_limit: float, time_limit: float
) -> int | None:
    """The fewest groups that cover the wards (None when the limit comes first)."""
    model = cp_model.CpModel()
    chosen = [model.new_bool_var(f"g{i}") for i in range(len(candidates))]
    _cover_each_once(model, wards, candidates, chosen)
    model.minimize(sum(chosen))
    solver = _solver(deterministic_limit, time_limit)
    status = solver.solve(model)
    if status == cp_model.OPTIMAL:
        return round(solver.objective_value)
    return None


def _cover_each_once(model, wards, candidates, chosen) -> None:
    containing: dict[int, list] = {w.id: [] for w in wards}
    for var, group in zip(chosen, candidates, strict=True):
        for ward_id in group:
            containing[ward_id].append(var)
    for ward_id in sorted(containing):
        model.add_exactly_one(containing[ward_id])


def propose_partition(
    wards: list[Ward],
    neighbours: Mapping[int, Iterable[int]],
    target: int,
    *,
    max_size: int = DEFAULT_MAX_SIZE,
    busiest_share: float = DEFAULT_BUSIEST_SHARE,
    staff_weight: float = DEFAULT_STAFF_WEIGHT,
    deterministic_limit: float = 10.0,
    time_limit: float = 60.0,
) -> Partition:
    """Exactly `target` groups covering the wards, as even in demand and staff as the solver finds
    within the limits; or why not."""
    started = time.perf_counter()
    wards = sorted(wards, key=lambda w: w.id)
    busiest = busiest_wards(wards, busiest_share)
    most = len(wards)
    if not wards:
        return Partition(status="infeasible", most=0, message="There are no wards to supervise.")
    candidates = candidate_groups(wards, neighbours, max_size, busiest)
    if not 1 <= target <= most:
        limits = {"deterministic_limit": deterministic_limit, "time_limit": time_limit}
        fewest = fewest_groups(wards, candidates, **limits)
        return _infeasible(target, fewest, most, busiest, max_size, started)
    model = cp_model.CpModel()
    chosen = [model.new_bool_var(f"g{i}") for i in range(len(candidates))]
    _cover_each_once(model, wards, candidates, chosen)
    model.add(sum(chosen) == target)
    costs = group_costs(wards, candidates, staff_weight)
    model.minimize(sum(c * v for c, v in zip(costs, chosen, strict=True)))
    solver = _solver(deterministic_limit, time_limit)
    status = solver.solve(model)
    if status == cp_model.INFEASIBLE:
        limits = {"deterministic_limit": deterministic_limit, "time_limit": time_limit}
        fewest = fewest_groups(wards, candidates, **limits)
        return _infeasible(target, fewest, most, busiest, max_size, started)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Partition(
            status="unknown",
            most=most,
            busiest=busiest,
            seconds=time.perf_counter() - started,
            message="The solver found no arrangement within its time limit; try again with a larger limit.",
        )
    groups = [g for g, v in zip(candidates, chosen, strict=True) if solver.value(v)]
    return Partition(
        status="optimal" if status == cp_model.OPTIMAL else "feasible",
        groups=groups,
        cost=round(solver.objective_value),
        seconds=time.perf_counter() - started,
        most=most,
        busiest=busiest,
    )


def _infeasible(
    target: int, fewest: int | None, most: int, busiest: frozenset[int], max_size: int, started: float
) -> Partition:
    if fewest is None:
        reach = f"at most {most}"
    else:
        reach = f"between {fewest} and {most}"
    message = (
        f"No arrangement has exactly {target} sergeant{'s' if target != 1 else ''}: with at most {max_size} "
        f"adjacent wards of one cluster per sergeant and the {len(busiest)} busiest ward"
        f"{'s' if len(busiest) != 1 else ''} keeping their own, the target must be {reach}."
    )
    return Partition(
        status="infeasible",
        fewest=fewest,
        most=most,
        busiest=busiest,
        seconds=time.perf_counter() - started,
        message=message,
    )


def greedy_partition(
    wards: list[Ward],
    neighbours: Mapping[int, Iterable[int]],
    target: int,
    *,
    max_size: int = DEFAULT_MAX_SIZE,
    busiest_share: float = DEFAULT_BUSIEST_SHARE,
) -> list[tuple[int, ...]]:
    """The baseline the benchmark compares with: from every ward alone, merge the quietest adjacent
    pair of groups (same cluster, within the maximum, none of the busiest) until `target` remain or no
    merge is left."""
    by_id = {w.id: w for w in wards}
    busiest = busiest_wards(wards, busiest_share)
    group_of = {w.id: (w.id,) for w in wards}
    groups = {(w.id,) for w in wards}
    while len(groups) > target:
        best = None
        for group in groups:
            cluster = by_id[group[0]].cluster
            if cluster is None or set(group) & busiest:
                continue
            for member in group:
                for other_id in neighbours.get(member, ()):
                    other = group_of.get(other_id)
                    if (
                        other is None
                        or other == group
                        or by_id[other_id].cluster != cluster
                        or set(other) & busiest
                        or len(group) + len(other) > max_size
                    ):
                        continue
                    merged = tuple(sorted(group + other))
                    key = (sum(by_id[i].demand for i in merged), merged)
                    if best is None or key < best[0]:
                        best = (key, group, other)
        if best is None:
            break
        _, first, second = best
        merged = tuple(sorted(first + second))
        groups -= {first, second}
        groups.add(merged)
        for ward_id in merged:
            group_of[ward_id] = merged
    return sorted(groups)
