"""The supervision model for the whole demo force (683 teams) at the 2011 review's ratio, 480 sergeants
for 630 teams (seed 000 paragraphs 38-44; the review found 470 to 490 could supervise the 630 teams).

Measured in the same process on the same facts: the CP-SAT model (sn.supervision.solver) for the force
as one proposal, against the greedy baseline (merge the quietest adjacent pair of groups repeatedly) on
the objective (sum over sergeants of squared demand and staff shares; lower is more even), the highest
demand per sergeant and the spread of demand per sergeant. Also the time of one borough's proposal
(what a borough lead waits for) and of the demo's proposals for every borough. Target: the force solved
in under 60 s.
"""

import statistics
import time

import numpy as np
from django.utils import timezone

from benchmarks.demo_db import demo_database
from benchmarks.report import line, section, verdict
from sn.core.months import add_months
from sn.crime.months import default_end_month
from sn.geography.models import Neighbourhood
from sn.incidents.categories import Category
from sn.incidents.models import IncidentMonthly
from sn.supervision.selectors import area_facts, facts_by_borough, seed_ratio_target
from sn.supervision.services import busiest_share, max_wards_per_sergeant, proposal_create
from sn.supervision.solver import (
    DEFAULT_STAFF_WEIGHT,
    Ward,
    greedy_partition,
    partition_cost,
    propose_partition,
)

TARGET_SECONDS = 60
SEED = 2011


def give_demand() -> None:
    """A year of crime and ASB counts per ward when the benchmark's demo force has none (it has no
    incidents without `sn seed-incidents`): population times a rate that varies between places, as
    benchmarks/crime_profile.py makes them, so that demand differs between wards as in the demo."""
    if IncidentMonthly.objects.exists():
        return
    rng = np.random.default_rng(SEED)
    end = default_end_month()
    areas = list(Neighbourhood.objects.values_list("id", "population").order_by("id"))
    population = np.array([p or 8000 for _, p in areas], dtype=float)
    rate = rng.lognormal(np.log(90 / 12 / 1000), 0.5, len(areas))
    rows = []
    for m in range(12):
        month = add_months(end, -m)
        for category, share in ((Category.BURGLARY, 1.0), (Category.ANTI_SOCIAL_BEHAVIOUR, 0.35)):
            for (ward_id, _), count in zip(areas, rng.poisson(population * rate * share), strict=True):
                if count:
                    rows.append(
                        IncidentMonthly(
                            neighbourhood_id=ward_id, month=month, category=category, count=int(count)
                        )
                    )
    IncidentMonthly.objects.bulk_create(rows, batch_size=5000)


def _demand_spread(facts, groups) -> tuple[float, float]:
    loads = [sum(facts.wards[i].demand for i in group) for group in groups]
    return max(loads), statistics.pstdev(loads)


def run(*, quick: bool = False) -> list[str]:
    section("Supervision model: the whole demo force at the review's ratio, against the greedy baseline")
    with demo_database():
        give_demand()
        today = timezone.localdate()
        facts = area_facts(borough=None, on=today)
        wards = [Ward(w.id, w.cluster_id, w.demand, w.staff) for w in facts.wards.values()]
        target = seed_ratio_target(len(wards))
        options = {"max_size": max_wards_per_sergeant(), "busiest_share": busiest_share()}
        sergeants_today = len({p.officer_id for p in facts.sergeant_postings})
        line("force", f"{len(wards)} teams, {sergeants_today} sergeants posted today, target {target}")

        started = time.perf_counter()
        solved = propose_partition(wards, facts.neighbours, target, **options, time_limit=TARGET_SECONDS)
        solve_seconds = time.perf_counter() - started
        started = time.perf_counter()
        greedy = greedy_partition(wards, facts.neighbours, target, **options)
        greedy_seconds = time.perf_counter() - started
        greedy_cost = partition_cost(wards, greedy, DEFAULT_STAFF_WEIGHT)
        shared = sum(1 for g in solved.groups if len(g) > 1)
        line(
            "CP-SAT",
            f"{solved.status}, {len(solved.groups)} sergeants ({shared} shared by 2-3 wards), "
            f"objective {solved.cost:,}, {solve_seconds:.1f} s",
        )
        line("greedy baseline", f"{len(greedy)} sergeants, objective {greedy_cost:,}, {greedy_seconds:.2f} s")
        solver_max, solver_spread = _demand_spread(facts, solved.groups)
        greedy_max, greedy_spread = _demand_spread(facts, greedy)
        line("highest demand per sergeant", f"{solver_max:,.0f} (greedy {greedy_max:,.0f})")
        line("spread (sd) of demand per sergeant", f"{solver_spread:,.0f} (greedy {greedy_spread:,.0f})")
        gain = (greedy_cost - solved.cost) / greedy_cost if greedy_cost else 0.0

        started = time.perf_counter()
        proposal = proposal_create(borough=None, target=target, on=today, time_limit=TARGET_SECONDS)
        force_proposal_seconds = time.perf_counter() - started
        line("force proposal with its writes", f"{force_proposal_seconds:.1f} s, {proposal.target} sergeants")

        by_borough = facts_by_borough(facts)
        borough_times = []
        for borough_facts in by_borough.values():
            borough_wards = [
                Ward(w.id, w.cluster_id, w.demand, w.staff) for w in borough_facts.wards.values()
            ]
            started = time.perf_counter()
            propose_partition(
                borough_wards, borough_facts.neighbours, seed_ratio_target(len(borough_wards)), **options
            )
            borough_times.append(time.perf_counter() - started)
        line(
            "one borough's solve, median / slowest",
            f"{statistics.median(borough_times) * 1000:.0f} / {max(borough_times) * 1000:.0f} ms "
            f"over {len(borough_times)} boroughs",
        )
        borough_total = sum(seed_ratio_target(len(f.wards)) for f in by_borough.values())

    return [
        f"Supervision model, whole demo force ({len(wards)} teams, {sergeants_today} sergeants today) at the "
        f"review's ratio 480/630: {len(solved.groups)} sergeants proposed ({solved.status}) in "
        f"{solve_seconds:.1f} s (target < {TARGET_SECONDS} s): {verdict(solve_seconds < TARGET_SECONDS)}; "
        f"borough by borough at the same ratio: {borough_total}",
        f"Supervision objective vs greedy baseline: {solved.cost:,} vs {greedy_cost:,} "
        f"({gain:.1%} more even); "
        f"highest demand per sergeant {solver_max:,.0f} vs {greedy_max:,.0f}, "
        f"sd {solver_spread:,.0f} vs {greedy_spread:,.0f}",
    ]
