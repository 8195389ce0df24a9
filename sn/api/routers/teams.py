"""The Safer Neighbourhoods teams of the wards in scope: who is posted to each today (name, rank, the
other teams a shared sergeant leads) and the team's published contact. Officers' collar numbers and own
work lines go only to those the ward page shows them to (view_staffing: police and staff, not panel
members), as on the page."""

from collections import defaultdict

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from sn.api.common import AreaCode, PageIn, answers, page_of
from sn.core.access import api_access, has_permission
from sn.geography.permissions import VIEW_WARD, get_neighbourhood_for_user, neighbourhoods_for_user
from sn.teams.models import Rank, Team
from sn.teams.permissions import VIEW_STAFFING
from sn.teams.selectors import active_postings
from sn.teams.views_helpers import RANK_ORDER

router = Router(tags=["Teams"])


class MemberOut(Schema):
    name: str
    rank: str = Field(description="sergeant, pc, pcso, special or volunteer (inspector for a cluster's)")
    rank_label: str
    also_leads: list[str] = Field(description="Other teams in your scope that a shared sergeant leads")
    collar_number: str | None = Field(description="Police and staff only; null for panel members")
    email: str | None = Field(description="The officer's work address: police and staff only")
    phone: str | None = Field(description="The officer's work number: police and staff only")


class TeamOut(Schema):
    ward: str = Field(description="Code of the team's neighbourhood")
    ward_name: str
    name: str
    email: str = Field(description="The team's published contact address; empty when it has none")
    phone: str
    members: list[MemberOut]


class TeamPage(Schema):
    items: list[TeamOut]
    count: int


def teams_out(teams: list[Team], user) -> list[TeamOut]:
    """Teams with today's members, from one query for the postings of them all (and one for the other
    teams their sergeants lead, among the caller's), however many teams."""
    contacts = has_permission(user, VIEW_STAFFING)
    today = timezone.localdate()
    postings = active_postings(on=today).filter(team__in=teams).select_related("officer")
    by_team = defaultdict(list)
    for posting in postings:
        by_team[posting.team_id].append(posting.officer)
    sergeant_ids = {o.id for officers in by_team.values() for o in officers if o.rank == Rank.SERGEANT}
    leads = defaultdict(set)
    for officer_id, team_id, team_name in (
        active_postings(on=today)
        .filter(officer_id__in=sergeant_ids, team__neighbourhood__in=neighbourhoods_for_user(user))
        .values_list("officer_id", "team_id", "team__name")
    ):
        leads[officer_id].add((team_id, team_name))
    out = []
    for team in teams:
        officers = sorted(
            by_team[team.id], key=lambda o: (RANK_ORDER.get(o.rank, 99), o.last_name, o.first_name, o.id)
        )
        members = [
            MemberOut(
                name=o.full_name,
                rank=o.rank,
                rank_label=o.get_rank_display(),
                also_leads=sorted(name for team_id, name in leads.get(o.id, ()) if team_id != team.id),
                collar_number=o.collar_number if contacts else None,
                email=o.email if contacts else None,
                phone=o.phone if contacts else None,
            )
            for o in officers
        ]
        out.append(
            TeamOut(
                ward=team.neighbourhood.code,
                ward_name=team.neighbourhood.name,
                name=team.name,
                email=team.email,
                phone=team.phone,
                members=members,
            )
        )
    return out


@router.get("/teams", response=answers(TeamPage), url_name="teams")
@api_access(permission=VIEW_WARD)
def teams(request: HttpRequest, paging: Query[PageIn]):
    """The teams of the neighbourhoods in your scope, by ward code, with today's members."""
    wards = neighbourhoods_for_user(request.user)
    queryset = (
        Team.objects.filter(neighbourhood__in=wards)
        .select_related("neighbourhood")
        .order_by("neighbourhood__code")
    )
    items, count = page_of(queryset, paging)
    return {"items": teams_out(items, request.user), "count": count}


@router.get("/teams/{code}", response=answers(TeamOut, one=True), url_name="team")
@api_access(permission=VIEW_WARD)
def team(request: HttpRequest, code: AreaCode):
    """The team of one neighbourhood in your scope, by the neighbourhood's code; 404 outside it or for
    an area with no team."""
    neighbourhood = get_neighbourhood_for_user(request.user, code)
    team = Team.objects.filter(neighbourhood=neighbourhood).select_related("neighbourhood").first()
    if team is None:
        raise Http404("This neighbourhood has no team")
    return teams_out([team], request.user)[0]
