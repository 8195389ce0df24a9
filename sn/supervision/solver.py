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
# Deterministic time (about a second here) the area is first given as one program; a borough needs a
# fraction of it, a force more than it, and then goes by cluster.
WHOLE_PROGRAM_LIMIT = 0.5
# Areas up to this many wards (a borough has 15 to 30) are tried as one program first; a force's
# never proves optimal in that while, so it goes by cluster straight away.
WHOLE_PROGRAM_WARDS = 100


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


def _solver(deterministic_limit: float, time_limit: float, *, presolve: bool = True) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    # A cluster's program is a few dozen choices: presolving it costs more than solving it (the whole
    # force's clusters took 19 s with presolve and 5 s without, on a loaded machine).
    solver.parameters.cp_model_presolve = presolve
    # One worker and a deterministic limit: the same data gives the same proposal on any machine. The
    # wall-clock limit is only a backstop for a very slow machine.
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_deterministic_time = deterministic_limit
    solver.parameters.max_time_in_seconds = time_limit
    return solver


def _cover_each_once(model, wards, candidates, chosen) -> None:
    containing: dict[int, list] = {w.id: [] for w in wards}
    for var, group in zip(chosen, candidates, strict=True):
        for ward_id in group:
            containing[ward_id].append(var)
    for ward_id in sorted(containing):
        model.add_exactly_one(containing[ward_id])


@dataclass
class _Option:
    """One cluster's best arrangement with a given number of groups."""

    count: int
    cost: int
    groups: list[tuple[int, ...]]
    optimal: bool


def _cluster_options(
    wards: list[Ward], candidates: list[tuple[int, ...]], costs: list[int], limits: dict
) -> list[_Option]:
    """For each number of groups the cluster's wards allow, the cheapest arrangement: one small
    program per count (a cluster holds four to eight wards, so each is solved to optimality at once)."""
    options = []
    solver = _solver(**limits, presolve=False)  # made once: making a solver costs as much as a solve here
    for count in range(len(wards), 0, -1):
        model = cp_model.CpModel()
        chosen = [model.new_bool_var(f"g{i}") for i in range(len(candidates))]
        _cover_each_once(model, wards, candidates, chosen)
        model.add(sum(chosen) == count)
        model.minimize(sum(c * v for c, v in zip(costs, chosen, strict=True)))
        status = solver.solve(model)
        if status == cp_model.INFEASIBLE:
            break  # fewer groups than this cannot cover the cluster either
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            continue
        groups = [g for g, v in zip(candidates, chosen, strict=True) if solver.value(v)]
        options.append(_Option(count, round(solver.objective_value), groups, status == cp_model.OPTIMAL))
    return options


def _whole_program(
    wards: list[Ward], candidates: list[tuple[int, ...]], costs: list[int], target: int, limits: dict
) -> tuple[list[tuple[int, ...]], int] | None:
    """The area as one program, given a short while: a borough's is proved optimal in milliseconds.
    None when it is not proved in that while (a whole force) or is infeasible."""
    model = cp_model.CpModel()
    chosen = [model.new_bool_var(f"g{i}") for i in range(len(candidates))]
    _cover_each_once(model, wards, candidates, chosen)
    model.add(sum(chosen) == target)
    model.minimize(sum(c * v for c, v in zip(costs, chosen, strict=True)))
    solver = _solver(min(WHOLE_PROGRAM_LIMIT, limits["deterministic_limit"]), limits["time_limit"])
    if solver.solve(model) != cp_model.OPTIMAL:
        return None
    groups = [g for g, v in zip(candidates, chosen, strict=True) if solver.value(v)]
    return groups, round(solver.objective_value)


def propose_partition(
    wards: list[Ward],
    neighbours: Mapping[int, Iterable[int]],
    target: int,
    *,
    max_size: int = DEFAULT_MAX_SIZE,
    busiest_share: float = DEFAULT_BUSIEST_SHARE,
    staff_weight: float = DEFAULT_STAFF_WEIGHT,
    deterministic_limit: float = 5.0,
    time_limit: float = 60.0,
) -> Partition:
    """Exactly `target` groups covering the wards, as even in demand and staff as possible; or why not.

    The area is first solved as one program. When the solver cannot prove that optimum quickly (a whole
    force: it takes minutes) or the target is infeasible, the program is split, exactly, since groups
    never cross a cluster: each cluster's cheapest arrangement for every number of groups it allows
    (small programs), then a master program choosing one number per cluster that adds up to the target
    at the least total cost; this proves the force's optimum in seconds, and the interval of feasible
    targets falls out of it."""
    started = time.perf_counter()
    wards = sorted(wards, key=lambda w: w.id)
    busiest = busiest_wards(wards, busiest_share)
    most = len(wards)
    if not wards:
        return Partition(status="infeasible", most=0, message="There are no wards to supervise.")
    limits = {"deterministic_limit": deterministic_limit, "time_limit": time_limit}
    candidates = candidate_groups(wards, neighbours, max_size, busiest)
    cost_list = group_costs(wards, candidates, staff_weight)
    if 1 <= target <= most and most <= WHOLE_PROGRAM_WARDS:
        whole = _whole_program(wards, candidates, cost_list, target, limits)
        if whole is not None:
            groups, cost = whole
            return Partition(
                status="optimal",
                groups=groups,
                cost=cost,
                seconds=time.perf_counter() - started,
                most=most,
                busiest=busiest,
            )
    costs = dict(zip(candidates, cost_list, strict=True))
    by_cluster: dict[object, list[Ward]] = {}
    for ward in wards:
        # A ward with no cluster shares with nobody: a cluster of its own.
        key = ward.cluster if ward.cluster is not None else ("alone", ward.id)
        by_cluster.setdefault(key, []).append(ward)
    cluster_of = {w.id: key for key, members in by_cluster.items() for w in members}
    own: dict[object, list[tuple[int, ...]]] = {key: [] for key in by_cluster}
    for group in candidates:
        own[cluster_of[group[0]]].append(group)
    options_of = {
        key: _cluster_options(members, own[key], [costs[g] for g in own[key]], limits)
        for key, members in by_cluster.items()
    }
    fewest = sum(min(o.count for o in options) for options in options_of.values())
    if not fewest <= target <= most:
        return _infeasible(target, fewest, most, busiest, max_size, started)
    model = cp_model.CpModel()
    picks = []
    for key in by_cluster:
        chosen = [(model.new_bool_var(f"{key}-{o.count}"), o) for o in options_of[key]]
        model.add_exactly_one(var for var, _ in chosen)
        picks.extend(chosen)
    model.add(sum(o.count * var for var, o in picks) == target)
    model.minimize(sum(o.cost * var for var, o in picks))
    solver = _solver(**limits)
    # The master is a multiple-choice knapsack: with its full linear relaxation the solver proves the
    # optimum in a second; without, it ran out of time on the force with the benchmark's demand.
    solver.parameters.linearization_level = 2
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Partition(
            status="unknown",
            most=most,
            busiest=busiest,
            seconds=time.perf_counter() - started,
            message="The solver found no arrangement within its time limit; try again with a larger limit.",
        )
    taken = [o for var, o in picks if solver.value(var)]
    optimal = status == cp_model.OPTIMAL and all(o.optimal for o in taken)
    return Partition(
        status="optimal" if optimal else "feasible",
        groups=sorted(g for o in taken for g in o.groups),
        cost=sum(o.cost for o in taken),
        seconds=time.perf_counter() - started,
        most=most,
        busiest=busiest,
    )


def _infeasible(
    target: int, fewest: int, most: int, busiest: frozenset[int], max_size: int, started: float
) -> Partition:
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
