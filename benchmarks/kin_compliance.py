"""KIN compliance for the whole force (sn.community.compliance) on the demo force with its community
demo: about 27,000 KIN members and 475,000 interviews over two years across 683 teams.

Measured over RUNS runs each: the selector for every team of the force, and the force compliance page
(/kin/compliance/) as the central unit opens it, through the test client (middleware, rendering and
all). Baseline, in the same process on the same data: the same figures fetched one team at a time
(each team's interviews by month and its members in date), as a first draft would write them. The
target is issue 9's: KIN compliance for the whole force p95 under 300 ms.
"""

import time
from datetime import date

from django.db import connection
from django.db.models import Count, Q
from django.test import Client
from django.utils import timezone

from benchmarks.demo_db import SEED, demo_database
from benchmarks.report import line, section, si, times, verdict
from benchmarks.runner import timed as shared_timed
from sn.accounts.models import User
from sn.community.compliance import TeamCompliance, kin_compliance, trend_months
from sn.community.demo import community_demo_load
from sn.community.models import KinInterview, KinMember
from sn.community.standards import in_date_cutoff, interviews_per_month
from sn.geography.models import Neighbourhood

RUNS, QUICK_RUNS = 30, 8
TARGET_P95_MS = 300
URL = "/kin/compliance/"


def force_compliance(today: date):
    return kin_compliance(Neighbourhood.objects.all(), label=("force", "The force"), today=today)


def naive_force_compliance(today: date) -> list[TeamCompliance]:
    """The baseline: for each team, its interviews month by month and its members, by its own queries."""
    months = trend_months(today)
    cutoff = in_date_cutoff(today)
    teams = []
    for n in (
        Neighbourhood.objects.filter(team__isnull=False).select_related("borough", "cluster").order_by("code")
    ):
        monthly = [
            KinInterview.objects.filter(
                neighbourhood=n, interviewed_on__gte=start, interviewed_on__lt=end
            ).count()
            for start, end in zip(months, [*months[1:], date.max], strict=True)
        ]
        members = KinMember.objects.filter(neighbourhood=n, archived_at__isnull=True, erased_at__isnull=True)
        counts = members.aggregate(
            members=Count("id"),
            in_date=Count(
                "id",
                filter=Q(last_interviewed_on__gte=cutoff)
                | Q(last_interviewed_on__isnull=True, joined_on__gte=cutoff),
            ),
        )
        teams.append(
            TeamCompliance(
                neighbourhood_id=n.id,
                code=n.code,
                name=n.name,
                kind=n.kind,
                borough_code=n.borough.code,
                borough_name=n.borough.name,
                cluster_code=n.cluster.code if n.cluster else "",
                cluster_name=n.cluster.name if n.cluster else "",
                months=months,
                monthly=monthly,
                members=counts["members"],
                members_in_date=counts["in_date"],
                standard=interviews_per_month(),
            )
        )
    return sorted(teams, key=TeamCompliance.sort_key)


class QueryCounter:
    """Counts the queries run inside `with connection.execute_wrapper(counter)`: the query log keeps only
    the last 9,000, fewer than the baseline runs."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def counted(fn) -> tuple[int, object]:
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        result = fn()
    return counter.count, result


def timed(fn, runs: int) -> tuple[dict, object]:
    """Timed with the queries of one run counted, as every figure here reports them."""
    return shared_timed(fn, runs, count_queries=True)


def figures(teams) -> list[tuple]:
    return [(t.code, tuple(t.monthly), t.members, t.members_in_date) for t in teams]


def run(*, quick: bool = False) -> list[str]:
    runs = QUICK_RUNS if quick else RUNS
    section("KIN compliance for the whole force, against one team at a time")
    with demo_database():
        today = timezone.localdate()
        # The demo force may already hold the community demo, once the demo runs every app's loader.
        if not KinInterview.objects.exists():
            started = time.perf_counter()
            summary = community_demo_load(seed=SEED, today=today, progress=lambda *_: None)
            line("community demo", f"{summary} (in {time.perf_counter() - started:.1f} s here)")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh planner statistics, as after a load (autovacuum on PostgreSQL)
        line(
            "data",
            f"{si(KinMember.objects.count())} members, {si(KinInterview.objects.count())} interviews, "
            f"{Neighbourhood.objects.filter(team__isnull=False).count()} teams",
        )
        fast, result = timed(lambda: force_compliance(today), runs)
        naive, naive_teams = timed(lambda: naive_force_compliance(today), max(2, runs // 10))
        same = figures(result.teams) == figures(naive_teams)
        line(
            "force compliance p50 / p95",
            f"{fast['p50']:.1f} / {fast['p95']:.1f} ms, {fast['queries']} queries",
        )
        line(
            "naive, team by team p50 / p95",
            f"{naive['p50']:.1f} / {naive['p95']:.1f} ms, {naive['queries']} queries",
        )
        total = result.total
        line(
            "the force last month",
            f"{total.teams_meeting} of {total.teams} teams met the standard; "
            f"{total.in_date_share:.0%} of members in date",
        )

        client = Client()
        client.force_login(User.objects.get(username="central"))
        page, _ = timed(lambda: _fetch(client), runs)
        line(
            "force compliance page p50 / p95",
            f"{page['p50']:.1f} / {page['p95']:.1f} ms, {page['queries']} queries",
        )
        borough = Neighbourhood.objects.filter(team__isnull=False).order_by("code").first().borough
        borough_queries, _ = counted(
            lambda: kin_compliance(
                Neighbourhood.objects.filter(borough=borough), label=("b", "B"), today=today
            )
        )
        line("queries for one borough / the force", f"{borough_queries} / {fast['queries']}")

    return [
        f"KIN compliance, whole force: p50 {fast['p50']:.1f} ms, p95 {fast['p95']:.1f} ms over {runs} runs, "
        f"{fast['queries']} queries; the page p95 {page['p95']:.1f} ms "
        f"(target p95 < {TARGET_P95_MS} ms on {connection.vendor}): {verdict(page['p95'] < TARGET_P95_MS)}",
        f"KIN compliance vs one team at a time: {times(naive['p50'] / fast['p50'])} "
        f"(p50 {fast['p50']:.1f} vs {naive['p50']:.1f} ms, {fast['queries']} vs {naive['queries']} queries, "
        f"same figures: {'yes' if same else 'NO'})",
    ]


def _fetch(client: Client):
    response = client.get(URL)
    if response.status_code != 200:
        raise RuntimeError(f"GET {URL} returned {response.status_code}")
    return response
