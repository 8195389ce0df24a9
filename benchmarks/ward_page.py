"""The ward page (/wards/<code>/) on the full demo force with two years of the cycle (every panel the
cycle apps add: priorities, KIN, engagement, concerns, profile): server time, query count, and whether
the query count stays flat as a team grows and between the quietest and busiest wards. The baseline is
benchmarks.naive_ward, the same page with its data fetched a query per officer.

Times are measured around Client.get, so they include middleware, session save and template rendering:
everything the server does for the page except the network.
"""

import cProfile
import pstats
import re
import time
from datetime import timedelta
from pathlib import Path

from django.db import connection
from django.db.models import Count, Q
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from benchmarks.demo_db import demo_database
from benchmarks.report import line, percentile, section, times, verdict
from sn.accounts.models import User
from sn.concerns.models import Concern
from sn.engagement.models import Event
from sn.geography.models import Neighbourhood
from sn.teams.models import Officer, Posting, Rank, Team

WARDS, QUICK_WARDS = 50, 10
RUNS = 3
TARGET_P95_MS = 50
EXTRA_SPECIALS = 30
NAIVE_URLCONF = "benchmarks.naive_ward"
PROJECT = Path(__file__).resolve().parent.parent
SN = PROJECT / "sn"
# Each response carries a fresh CSRF token; it is the only part that may differ between the two views.
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')


def url(code: str) -> str:
    return f"/wards/{code}/"


def pick_wards(count: int) -> list[str]:
    """Every Nth ward by code: spread over all boroughs, and the same wards on every run."""
    codes = list(
        Neighbourhood.objects.filter(kind=Neighbourhood.Kind.WARD)
        .order_by("code")
        .values_list("code", flat=True)
    )
    step = max(1, len(codes) // count)
    return codes[::step][:count]


def fetch(client: Client, code: str):
    response = client.get(url(code))
    if response.status_code != 200:
        # A page that errors measures nothing; stop rather than report the speed of an error page.
        raise RuntimeError(f"GET {url(code)} returned {response.status_code}")
    return response


def count_queries(client: Client, code: str) -> tuple[int, bytes]:
    """Queries for one request, and its page without the CSRF token (for comparing the two views)."""
    with CaptureQueriesContext(connection) as captured:
        response = fetch(client, code)
    return len(captured), CSRF.sub(b"", response.content)


def measure(client: Client, codes: list[str]) -> dict:
    """Per ward: one request to count its queries (also the ward's warm-up), then RUNS timed requests.

    The timed requests run without query capture, so recording queries adds nothing to the times."""
    fetch(client, codes[0])  # first request of the process: loads templates, URL resolvers, caches
    queries, pages, samples = {}, {}, []
    for code in codes:
        queries[code], pages[code] = count_queries(client, code)
        for _ in range(RUNS):
            started = time.perf_counter()
            fetch(client, code)
            samples.append(((time.perf_counter() - started) * 1000, code))
    ms = [t for t, _ in samples]
    return {
        "queries": queries,
        "pages": pages,
        "p50": percentile(ms, 50),
        "p95": percentile(ms, 95),
        "slowest": max(samples),
    }


def staffed_extremes() -> tuple[Team, int, Team, int]:
    today = timezone.localdate()
    active = Q(postings__start_date__lte=today) & (
        Q(postings__end_date__isnull=True) | Q(postings__end_date__gte=today)
    )
    teams = (
        Team.objects.filter(neighbourhood__kind=Neighbourhood.Kind.WARD)
        .select_related("neighbourhood")
        .annotate(posted=Count("postings", filter=active))
        .order_by("posted", "neighbourhood__code")
    )
    fewest, most = teams.first(), teams.last()
    return fewest, fewest.posted, most, most.posted


def add_specials(team: Team, count: int) -> None:
    """Grow a team by `count` special constables posted from yesterday."""
    officers = Officer.objects.bulk_create(
        Officer(
            first_name="Bench", last_name=f"Special{i:03d}", collar_number=f"BENCH{i:03d}", rank=Rank.SPECIAL
        )
        for i in range(count)
    )
    start = timezone.localdate() - timedelta(days=1)
    Posting.objects.bulk_create(Posting(officer=o, team=team, start_date=start) for o in officers)


def breakdown(client: Client, code: str, repeat: int = 10, top: int = 5) -> None:
    """Where a page's time goes: the project's own functions (and template rendering) under cProfile.

    Query capture can't answer this: it times cursor.execute only, and SQLite does most of its work
    while rows are fetched. The profiler's overhead inflates every figure alike, so compare the shares.
    """
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        fetch(client, code)
    profiler.disable()
    stats = pstats.Stats(profiler).stats  # {(file, line, name): (calls, ncalls, tottime, cumtime, callers)}
    page = next(v[3] for k, v in stats.items() if k[2] == "get" and k[0].endswith("test/client.py"))
    rows = [
        (cumtime, "template rendering" if name == "render" else f"{Path(file).relative_to(PROJECT)}:{name}")
        for (file, _, name), (_, _, _, cumtime, _) in stats.items()
        if (file.startswith(str(SN)) and not file.endswith(("middleware.py", "access.py")))
        or (name == "render" and file.endswith("django/shortcuts.py"))
    ]
    line(f"profile of {url(code)} ({repeat} requests)", f"{page / repeat * 1000:.1f} ms per request")
    for cumtime, where in sorted(rows, reverse=True)[:top]:
        line(f"  {cumtime / page:.0%}", where)


def span(values) -> str:
    low, high = min(values), max(values)
    return f"{low}" if low == high else f"{low}-{high}"


def team_size_check(client: Client) -> dict:
    """Query counts for the least and most staffed wards, and for one ward before and after it gains
    EXTRA_SPECIALS officers, on both views. Run last: it changes the data the timings were taken on."""
    fewest, fewest_posted, most, most_posted = staffed_extremes()
    grown = fewest.neighbourhood.code
    check = {
        "fewest": (fewest.neighbourhood.code, fewest_posted, count_queries(client, grown)[0]),
        "most": (most.neighbourhood.code, most_posted, count_queries(client, most.neighbourhood.code)[0]),
    }
    with override_settings(ROOT_URLCONF=NAIVE_URLCONF):
        naive_before = count_queries(client, grown)[0]
    add_specials(fewest, EXTRA_SPECIALS)
    with override_settings(ROOT_URLCONF=NAIVE_URLCONF):
        naive_after = count_queries(client, grown)[0]
    check["grown"] = (grown, check["fewest"][2], count_queries(client, grown)[0])
    check["naive"] = (naive_before, naive_after)
    return check


def activity_check(client: Client) -> dict:
    """Query counts of the wards with the fewest and the most cycle records (concerns, events, KIN
    interviews, meetings): the page must cost the same however busy the team has been."""
    rows: dict[str, int] = dict.fromkeys(
        Neighbourhood.objects.filter(kind=Neighbourhood.Kind.WARD).values_list("code", flat=True), 0
    )
    for model in (Concern, Event):
        per_ward = model.objects.filter(neighbourhood__kind=Neighbourhood.Kind.WARD)
        for code, n in per_ward.values_list("neighbourhood__code").annotate(n=Count("id")).order_by():
            rows[code] += n
    ranked = sorted(rows.items(), key=lambda item: (item[1], item[0]))
    (quiet_code, quiet_rows), (busy_code, busy_rows) = ranked[0], ranked[-1]
    return {
        "quietest": (quiet_code, quiet_rows, count_queries(client, quiet_code)[0]),
        "busiest": (busy_code, busy_rows, count_queries(client, busy_code)[0]),
    }


def run(*, quick: bool = False) -> list[str]:
    section("ward page: /wards/<code>/ on the full demo force, against a naive per-officer fetch")
    with demo_database(with_cycle=True):
        client = Client()
        # The central unit sees every ward, so any ward can be picked.
        client.force_login(User.objects.get(username="central"))
        codes = pick_wards(QUICK_WARDS if quick else WARDS)
        page = measure(client, codes)
        with override_settings(ROOT_URLCONF=NAIVE_URLCONF):
            naive = measure(client, codes)
        same_html = sum(page["pages"][c] == naive["pages"][c] for c in codes)
        q, nq = list(page["queries"].values()), list(naive["queries"].values())
        line("wards requested", f"{len(codes)}, {RUNS} timed requests each after a counted warm-up")
        line("ward page p50 / p95", f"{page['p50']:.1f} / {page['p95']:.1f} ms, {span(q)} queries")
        line("naive page p50 / p95", f"{naive['p50']:.1f} / {naive['p95']:.1f} ms, {span(nq)} queries")
        line("same HTML from both views", f"{same_html}/{len(codes)} wards")
        slowest_ms, slowest_code = page["slowest"]
        line("slowest ward page request", f"{slowest_ms:.1f} ms ({slowest_code})")
        breakdown(client, slowest_code)

        activity = activity_check(client)
        for label, (code, rows, queries) in activity.items():
            line(f"{label} ward by cycle records ({code})", f"{rows:,} records: {queries} queries")
        size = team_size_check(client)
        for key, label in (("fewest", "fewest"), ("most", "most")):
            code, posted, count = size[key]
            line(f"{label} postings ({code})", f"{posted} postings: {count} queries")
        code, before, after = size["grown"]
        naive_before, naive_after = size["naive"]
        line(
            f"+{EXTRA_SPECIALS} specials on {code}",
            f"{before} -> {after} queries (naive {naive_before} -> {naive_after})",
        )

    # Strict on purpose: a count that differs between the smallest and largest team is worth a look,
    # even when the cause is benign (a team with no sergeant skips the shared-sergeant query).
    flat = size["fewest"][2] == size["most"][2] == after
    activity_flat = activity["quietest"][2] == activity["busiest"][2]
    speedup = naive["p50"] / page["p50"]
    slower = "; below 1x: the naive page is faster, see the profile above" if speedup < 1 else ""
    return [
        f"ward page: p50 {page['p50']:.1f} ms, p95 {page['p95']:.1f} ms over {len(codes)} wards x {RUNS} "
        f"(target p95 < {TARGET_P95_MS} ms on {connection.vendor}): {verdict(page['p95'] < TARGET_P95_MS)}",
        f"ward page queries: {span(q)} per page; {size['fewest'][2]} with {size['fewest'][1]} postings, "
        f"{size['most'][2]} with {size['most'][1]}, {after} after +{EXTRA_SPECIALS} specials "
        f"(naive {naive_before} -> {naive_after}): {verdict(flat)}",
        f"ward page queries by activity: {activity['quietest'][2]} on the quietest ward "
        f"({activity['quietest'][1]:,} concerns and events), {activity['busiest'][2]} on the busiest "
        f"({activity['busiest'][1]:,}): {verdict(activity_flat)}",
        f"ward page vs naive per-officer fetch: {times(speedup)} "
        f"(p50 {page['p50']:.1f} vs {naive['p50']:.1f} ms, {span(q)} vs {span(nq)} queries, "
        f"same HTML on {same_html}/{len(codes)} wards{slower})",
    ]
