"""Staffing against establishment as tables and downloads, for force, borough and cluster."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sn.core.access import access
from sn.core.exports import requested_format, table_response
from sn.geography.permissions import VIEW_BOROUGH_OVERVIEW, VIEW_CLUSTER_OVERVIEW, VIEW_FORCE_OVERVIEW
from sn.geography.selectors import get_borough_for_user, get_cluster_for_user
from sn.teams.models import ESTABLISHED_RANKS, TEAM_RANKS, Rank, Team
from sn.teams.selectors import Staffing, policy_in_force, staffing_summary

HEADERS = (
    ["Area", "Code", "Teams", "Population"]
    + [f"{Rank(r).label} establishment" for r in ESTABLISHED_RANKS]
    + [f"{Rank(r).label} strength" for r in TEAM_RANKS]
    + [f"{Rank(r).label} vacancies" for r in ESTABLISHED_RANKS]
    + [f"{Rank(r).label} over strength" for r in ESTABLISHED_RANKS]
)


def _row(s: Staffing) -> list:
    return (
        [s.label, s.key, s.teams, s.population]
        + [s.establishment[r] for r in ESTABLISHED_RANKS]
        + [round(s.strength[r], 2) for r in TEAM_RANKS]
        + [round(s.vacancies(r), 2) for r in ESTABLISHED_RANKS]
        + [round(s.over_strength(r), 2) for r in ESTABLISHED_RANKS]
    )


def _staffing_page(
    request, *, title: str, filename: str, teams, group_by: str, label_field: str, context: dict
):
    groups, total = staffing_summary(teams, group_by=group_by, label_field=label_field)
    if fmt := requested_format(request):
        return table_response(filename, HEADERS, [*(_row(g) for g in groups), _row(total)], fmt)
    context.update(
        {
            "title": title,
            "groups": groups,
            "total": total,
            "policy": policy_in_force(),
            "ranks": ESTABLISHED_RANKS,
        }
    )
    return render(request, "teams/staffing.html", context)


@access(permission=VIEW_FORCE_OVERVIEW)
def force_staffing(request: HttpRequest) -> HttpResponse:
    return _staffing_page(
        request,
        title="Staffing by borough",
        filename="staffing-force",
        teams=Team.objects.all(),
        group_by="neighbourhood__borough__code",
        label_field="neighbourhood__borough__name",
        context={"level": "force"},
    )


@access(permission=VIEW_BOROUGH_OVERVIEW)
def borough_staffing(request: HttpRequest, code: str) -> HttpResponse:
    borough = get_borough_for_user(request.user, code)
    return _staffing_page(
        request,
        title=f"{borough.name}: staffing by team",
        filename=f"staffing-{borough.code}",
        teams=Team.objects.filter(neighbourhood__borough=borough),
        group_by="neighbourhood__code",
        label_field="name",
        context={"level": "borough", "borough": borough},
    )


@access(permission=VIEW_CLUSTER_OVERVIEW)
def cluster_staffing(request: HttpRequest, code: str) -> HttpResponse:
    cluster = get_cluster_for_user(request.user, code)
    return _staffing_page(
        request,
        title=f"{cluster.name}: staffing by team",
        filename=f"staffing-{cluster.code}",
        teams=Team.objects.filter(neighbourhood__cluster=cluster),
        group_by="neighbourhood__code",
        label_field="name",
        context={"level": "cluster", "cluster": cluster},
    )
