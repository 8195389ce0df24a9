"""Panels across a cluster, a borough or the force: meeting cadence worst first, the topics of current
priorities as shares of the wards, and the panels' make-up as suppressed counts. Each table downloads
(?format=csv|xlsx, ?table=panels|topics|diversity)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from sn.core.access import access
from sn.core.exports import requested_format, table_response
from sn.core.tables import ASCENDING, DESCENDING, Column, table
from sn.geography.permissions import VIEW_BOROUGH_OVERVIEW, VIEW_CLUSTER_OVERVIEW, VIEW_FORCE_OVERVIEW
from sn.geography.scope import scope_of
from sn.geography.selectors import get_borough_for_user, get_cluster_for_user
from sn.panels.diversity import diversity_aggregate
from sn.panels.models import PanelMember
from sn.panels.overview import Overview, WardRow, area_overview
from sn.panels.selectors import meeting_interval

PANEL_HEADERS = [
    "Ward",
    "Code",
    "Cluster",
    "Panel",
    "Current members",
    "Chair",
    "Last meeting",
    "Next meeting planned",
    "Next meeting due by",
    "Cadence",
    "Days overdue",
    "Meetings in the last year",
    "Longest gap (weeks)",
    "Current priorities",
    "A priority about young people",
]
TOPIC_HEADERS = ["Topic", "Current priorities", "Wards with it", "Share of wards"]
DIVERSITY_HEADERS = ["Question", "Answer", "Current members"]
TABLES = ("panels", "topics", "diversity")
STATE_ORDER = {"no panel": 0, "overdue": 1, "due": 2, "on time": 3}
ALPHABETICAL = {"ways": ("A to Z", "Z to A")}
COLUMNS = [
    Column("ward", "Ward", lambda r: r.neighbourhood.name.casefold(), **ALPHABETICAL),
    Column(
        "cadence",
        "Cadence",
        lambda r: (STATE_ORDER[r.state], -r.days_overdue),
        ways=("worst first", "best first"),
    ),
    Column(
        "last",
        "Last meeting",
        lambda r: r.cadence.last_held if r.cadence else None,
        ways=("earliest first", "latest first"),
    ),
    Column(
        "meetings",
        "Meetings in the last year",
        lambda r: r.meetings_in_year if r.panel else None,
        first=DESCENDING,
    ),
    Column("priorities", "Current priorities", lambda r: r.priorities, first=DESCENDING),
]


def _panel_row(row: WardRow) -> list:
    cadence = row.cadence
    return [
        row.neighbourhood.name,
        row.neighbourhood.code,
        row.neighbourhood.cluster.name if row.neighbourhood.cluster else "",
        row.panel.name if row.panel else "No panel",
        row.members,
        "Yes" if row.has_chair else "No",
        cadence.last_held if cadence else None,
        cadence.next_planned.date() if cadence and cadence.next_planned else None,
        cadence.due_by if cadence else None,
        row.state,
        row.days_overdue,
        row.meetings_in_year,
        round(row.longest_gap_weeks, 1) if row.longest_gap_weeks is not None else None,
        row.priorities,
        "Yes" if row.youth_priority else "No",
    ]


def _download(request, overview: Overview, members, filename: str, fmt: str) -> HttpResponse:
    table = request.GET.get("table", "panels")
    if table not in TABLES:
        raise Http404("Unknown table")
    if table == "topics":
        rows = [[t.label, t.priorities, t.wards, round(t.share_of_wards, 3)] for t in overview.topics]
        return table_response(f"{filename}-topics", TOPIC_HEADERS, rows, fmt)
    if table == "diversity":
        aggregate = diversity_aggregate(members)
        rows = [["Current members", "", aggregate.members], *aggregate.rows()]
        return table_response(f"{filename}-diversity", DIVERSITY_HEADERS, rows, fmt)
    return table_response(filename, PANEL_HEADERS, [_panel_row(r) for r in overview.worst_first], fmt)


def _overview_page(request, *, neighbourhoods, title: str, filename: str, context: dict) -> HttpResponse:
    overview = area_overview(neighbourhoods)
    members = PanelMember.objects.filter(panel__neighbourhood__in=neighbourhoods)
    if fmt := requested_format(request):
        return _download(request, overview, members, filename, fmt)
    rows = table(
        request,
        overview.worst_first,
        columns=COLUMNS,
        default=("cadence", ASCENDING),
        text=lambda r: (
            f"{r.neighbourhood.name} {r.neighbourhood.cluster.name if r.neighbourhood.cluster else ''}"
        ),
        per_page=50,
    )
    if rows.error:
        return rows.bad_request(request)
    fewest, most = meeting_interval()
    context.update(
        {
            "title": title,
            "overview": overview,
            "table": rows,
            "aggregate": diversity_aggregate(members),
            "fewest_weeks": fewest,
            "most_weeks": most,
        }
    )
    return render(request, "panels/overview.html", context)


@access(permission=VIEW_CLUSTER_OVERVIEW)
def cluster_overview(request: HttpRequest, code: str) -> HttpResponse:
    cluster = get_cluster_for_user(request.user, code)
    return _overview_page(
        request,
        neighbourhoods=cluster.neighbourhoods.all(),
        title=f"{cluster.name}: ward panels",
        filename=f"panels-{cluster.code}",
        context={"cluster": cluster, "area": cluster, "level": "cluster"},
    )


@access(permission=VIEW_BOROUGH_OVERVIEW)
def borough_overview(request: HttpRequest, code: str) -> HttpResponse:
    borough = get_borough_for_user(request.user, code)
    return _overview_page(
        request,
        neighbourhoods=borough.neighbourhoods.all(),
        title=f"{borough.name}: ward panels",
        filename=f"panels-{borough.code}",
        context={"borough": borough, "area": borough, "level": "borough"},
    )


@access(permission=VIEW_FORCE_OVERVIEW)
def force_overview(request: HttpRequest) -> HttpResponse:
    return _overview_page(
        request,
        neighbourhoods=scope_of(request.user).neighbourhoods(),
        title="Ward panels across the force",
        filename="panels-force",
        context={"area": None, "level": "force"},
    )
