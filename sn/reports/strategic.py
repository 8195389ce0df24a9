"""The strategic profile of a ward (form 301): who lives there and what shapes its policing, its
priorities past and present, its crime and ASB over the last year and the significant activity of the
team, on one printable page (HTML for print, and PDF).

Each app adds its own sections to STRATEGIC_SECTIONS (sn.core.registries) from its hooks: the ward
profile adds "The ward", the panels their priorities, engagement its significant activity, the next
issue's problem solving its cases (the active and closed 302s form 301 lists), crime its 12 months of
crime and ASB. As in the monthly report, a section behind a permission the reader lacks is not built.
"""

from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sn.core.access import access, has_permission
from sn.core.exports import download_response, requested_format
from sn.core.registries import STRATEGIC_SECTIONS, ReportSection
from sn.geography.models import Neighbourhood
from sn.geography.permissions import VIEW_WARD
from sn.geography.selectors import get_neighbourhood_for_user
from sn.reports.renderers import render_pdf
from sn.reports.sections import long_date
from sn.teams.models import Rank
from sn.teams.selectors import active_postings

STRATEGIC_FORMATS = ("pdf",)


def strategic_sections(user, neighbourhood: Neighbourhood, day: date) -> list[ReportSection]:
    providers = [p for p in STRATEGIC_SECTIONS if p.permission is None or has_permission(user, p.permission)]
    return [s for provider in providers if (s := provider.build(neighbourhood, day)) is not None]


def _who(neighbourhood: Neighbourhood, day: date) -> list[tuple[str, str]]:
    """The team, its sergeant(s) and the cluster's inspector, as the form's header names them."""
    team = getattr(neighbourhood, "team", None)
    rows = [("Borough", neighbourhood.borough.name)]
    if neighbourhood.cluster:
        rows.append(("Cluster", neighbourhood.cluster.name))
    if team is None:
        return rows + [("Team", "No team")]
    rows.append(("Team", team.name))
    sergeants = (
        active_postings(on=day)
        .filter(team=team, officer__rank=Rank.SERGEANT)
        .select_related("officer")
        .order_by("officer__last_name")
    )
    names = ", ".join(f"PS {p.officer.full_name}" for p in sergeants)
    rows.append(("Sergeant", names or "Vacant"))
    inspector = neighbourhood.cluster.inspector if neighbourhood.cluster else None
    if inspector is not None:
        rows.append(("Inspector", f"Insp {inspector.full_name}"))
    return rows


@access(permission=VIEW_WARD)
def strategic_profile(request: HttpRequest, code: str) -> HttpResponse:
    neighbourhood = get_neighbourhood_for_user(request.user, code)
    fmt = requested_format(request, STRATEGIC_FORMATS)
    day = timezone.localdate()
    sections = strategic_sections(request.user, neighbourhood, day)
    title = f"{neighbourhood.name}: strategic profile"
    dated = f"As at {long_date(day)}"
    who = _who(neighbourhood, day)
    if fmt:
        header = ReportSection(
            key="header", title="About this profile", summary=[f"{k}: {v}" for k, v in who]
        )
        subtitle = f"Form 301 · {neighbourhood.get_kind_display()} {neighbourhood.code} · {dated}"
        body = render_pdf(title, subtitle, [header, *sections])
        return download_response(
            body, filename=f"strategic-profile-{neighbourhood.code}-{day:%Y-%m-%d}", fmt=fmt
        )
    context = {
        "neighbourhood": neighbourhood,
        "title": title,
        "dated": dated,
        "who": who,
        "sections": sections,
    }
    return render(request, "reports/strategic.html", context)
