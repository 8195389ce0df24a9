"""KIN compliance for those who oversee teams: the force by borough, a borough by cluster, a cluster by
team; worst first, with the table to download. Counts only: no member is named. And the consent wording
the central unit publishes."""

import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from sn.community import services
from sn.community.compliance import (
    AreaCompliance,
    Compliance,
    TeamCompliance,
    by_borough,
    by_cluster,
    kin_compliance,
)
from sn.community.forms import ConsentWordingForm
from sn.community.models import ConsentWording
from sn.community.permissions import MANAGE_CONSENT_WORDING
from sn.core.access import access
from sn.core.exports import requested_format, table_response
from sn.core.form_pages import form_page
from sn.geography.models import Neighbourhood
from sn.geography.permissions import (
    VIEW_BOROUGH_OVERVIEW,
    VIEW_CLUSTER_OVERVIEW,
    VIEW_FORCE_OVERVIEW,
    get_borough_for_user,
    get_cluster_for_user,
)

FORCE_TEAMS_SHOWN = 25
TEAM_HEADERS = [
    "Team area",
    "Code",
    "Borough",
    "Cluster",
    "Interviews last month",
    "Standard",
    "Meets the standard",
    "Interviews this month so far",
    "Members",
    "Members in date",
    "Members overdue",
    "Share in date",
]


def _team_row(team: TeamCompliance) -> list:
    share = team.in_date_share
    return [
        team.name,
        team.code,
        team.borough_name,
        team.cluster_name,
        team.last_month,
        team.standard,
        "Yes" if team.meets_standard else "No",
        team.this_month,
        team.members,
        team.members_in_date,
        team.members_overdue,
        None if share is None else round(share, 3),
    ]


def _chart(compliance: Compliance) -> str:
    """The trend for the chart: interviews a team and the share of teams meeting the standard, by month."""
    total = compliance.total
    teams = total.teams or 1
    return json.dumps(
        {
            "months": [f"{month:%b %Y}" for month, _, _ in total.trend],
            "per_team": [round(count / teams, 1) for _, count, _ in total.trend],
            "meeting": [round(100 * meeting / teams) for _, _, meeting in total.trend],
            "standard": compliance.standard,
        }
    )


def _page(request, *, compliance: Compliance, groups: list[AreaCompliance], level: str, area, filename: str):
    if fmt := requested_format(request):
        return table_response(filename, TEAM_HEADERS, [_team_row(team) for team in compliance.teams], fmt)
    return render(
        request,
        "community/compliance.html",
        {
            "compliance": compliance,
            "groups": groups,
            "level": level,
            "area": area,
            "total": compliance.total,
            # The force's 680 teams are in the download; the page names those furthest behind.
            "shown": compliance.teams[:FORCE_TEAMS_SHOWN] if level == "force" else compliance.teams,
            "chart": _chart(compliance),
        },
    )


@access(permission=VIEW_FORCE_OVERVIEW)
def compliance_force(request: HttpRequest) -> HttpResponse:
    compliance = kin_compliance(
        Neighbourhood.objects.all(), label=("force", "The force"), today=timezone.localdate()
    )
    return _page(
        request,
        compliance=compliance,
        groups=compliance.groups(by_borough),
        level="force",
        area=None,
        filename="kin-compliance-force",
    )


@access(permission=VIEW_BOROUGH_OVERVIEW)
def compliance_borough(request: HttpRequest, code: str) -> HttpResponse:
    borough = get_borough_for_user(request.user, code)
    compliance = kin_compliance(
        Neighbourhood.objects.filter(borough=borough),
        label=(borough.code, borough.name),
        today=timezone.localdate(),
    )
    return _page(
        request,
        compliance=compliance,
        groups=compliance.groups(by_cluster),
        level="borough",
        area=borough,
        filename=f"kin-compliance-{borough.code}",
    )


@access(permission=VIEW_CLUSTER_OVERVIEW)
def compliance_cluster(request: HttpRequest, code: str) -> HttpResponse:
    cluster = get_cluster_for_user(request.user, code)
    compliance = kin_compliance(
        Neighbourhood.objects.filter(cluster=cluster),
        label=(cluster.code, cluster.name),
        today=timezone.localdate(),
    )
    return _page(
        request,
        compliance=compliance,
        groups=[],
        level="cluster",
        area=cluster,
        filename=f"kin-compliance-{cluster.code}",
    )


@access(permission=MANAGE_CONSENT_WORDING)
def consent_wordings(request: HttpRequest) -> HttpResponse:
    wordings = ConsentWording.objects.order_by("purpose", "-version")
    return render(request, "community/consent_wordings.html", {"wordings": wordings})


@access(permission=MANAGE_CONSENT_WORDING)
def consent_wording_new(request: HttpRequest) -> HttpResponse:
    return form_page(
        request,
        form_class=ConsentWordingForm,
        template="community/consent_wording_form.html",
        save=lambda form: services.consent_wording_create(**form.cleaned_data),
        success_url=reverse("community:consent_wordings"),
        success_message=lambda w: f"{w} published",
        form_kwargs={"initial": {"in_use_from": timezone.localdate()}},
    )
