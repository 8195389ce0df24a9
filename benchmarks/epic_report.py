"""The force-wide monthly EPIC report (sn.activity.selectors.epic_report) over two years of the demo's
EPIC activity (about 100,000 records and 270,000 counts across 683 teams, with the cycle's priorities,
cases and interventions).

Measured over RUNS runs each: the selector for the force, and the force's EPIC page (/epic/force/) as
the central unit opens it through the test client. Baseline, in the same process on the same data: the
same figures computed team by team (the report of each ward, added up), as a first draft would. The
target is issue 10's: the force-wide monthly EPIC report p95 under 500 ms.
"""

import time

from django.db import connection
from django.test import Client
from django.utils import timezone

from benchmarks.demo_db import SEED, demo_database
from benchmarks.kin_compliance import counted, timed
from benchmarks.report import line, section, si, times, verdict
from sn.accounts.models import User
from sn.activity.demo import activity_demo_load
from sn.activity.models import ActivityCount, ActivityRecord
from sn.activity.selectors import epic_report
from sn.core.months import add_months
from sn.geography.models import Neighbourhood

RUNS, QUICK_RUNS = 30, 8
TARGET_P95_MS = 500


def team_by_team(month) -> dict[str, tuple[int, int, int]]:
    """The baseline: each ward's report, its family totals added up for the force."""
    totals: dict[str, list[int]] = {}
    for ward in Neighbourhood.objects.filter(team__isnull=False).order_by("code"):
        for family in epic_report(area=ward, month=month).families:
            row = totals.setdefault(family.key, [0, 0, 0])
            row[0] += family.current
            row[1] += family.previous
            row[2] += family.year_earlier
    return {key: tuple(values) for key, values in totals.items()}


def figures(report) -> dict[str, tuple[int, int, int]]:
    return {f.key: (f.current, f.previous, f.year_earlier) for f in report.families}


def run(*, quick: bool = False) -> list[str]:
    runs = QUICK_RUNS if quick else RUNS
    section("The force's monthly EPIC report, against team by team")
    with demo_database(with_cycle=True):
        today = timezone.localdate()
        if not ActivityRecord.objects.exists():
            started = time.perf_counter()
            summary = activity_demo_load(seed=SEED, today=today, progress=lambda *_: None)
            line("activity demo", f"{summary} (in {time.perf_counter() - started:.1f} s here)")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        line(
            "data",
            f"{si(ActivityRecord.objects.count())} records, {si(ActivityCount.objects.count())} counts, "
            f"{Neighbourhood.objects.filter(team__isnull=False).count()} teams",
        )
        # Last month: a whole month, with its month before and a year earlier inside the two years.
        month = add_months(today.replace(day=1), -1)
        fast, result = timed(lambda: epic_report(area=None, month=month), runs)
        naive, naive_figures = timed(lambda: team_by_team(month), max(2, runs // 10))
        same = figures(result) == naive_figures
        line("force report p50 / p95", f"{fast['p50']:.1f} / {fast['p95']:.1f} ms, {fast['queries']} queries")
        line(
            "team by team p50 / p95",
            f"{naive['p50']:.1f} / {naive['p95']:.1f} ms, {naive['queries']} queries",
        )
        line(
            f"the force in {month:%B %Y}",
            f"{result.total.current:,} activities, {len(result.priorities):,} priorities, "
            f"{sum(i.done.current for i in result.interventions):,} interventions done",
        )
        client = Client()
        client.force_login(User.objects.get(username="central"))
        url = f"/epic/force/?month={month:%Y-%m}"
        page, _ = timed(lambda: _fetch(client, url), runs)
        line(
            "force EPIC page p50 / p95",
            f"{page['p50']:.1f} / {page['p95']:.1f} ms, {page['queries']} queries",
        )
        borough = Neighbourhood.objects.filter(team__isnull=False).order_by("code").first().borough
        borough_queries, _ = counted(lambda: epic_report(area=borough, month=month))
        line("queries for one borough / the force", f"{borough_queries} / {fast['queries']}")
    return [
        f"EPIC report, whole force: p50 {fast['p50']:.1f} ms, p95 {fast['p95']:.1f} ms over {runs} runs, "
        f"{fast['queries']} queries; the page p95 {page['p95']:.1f} ms "
        f"(target p95 < {TARGET_P95_MS} ms on {connection.vendor}): {verdict(fast['p95'] < TARGET_P95_MS)}",
        f"EPIC report vs team by team: {times(naive['p50'] / fast['p50'])} "
        f"(p50 {fast['p50']:.1f} vs {naive['p50']:.1f} ms, {fast['queries']} vs {naive['queries']} queries, "
        f"same figures: {'yes' if same else 'NO'})",
    ]


def _fetch(client: Client, url: str):
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} returned {response.status_code}")
    return response
