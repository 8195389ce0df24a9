"""The staffing section of the monthly ward, cluster and borough reports (registered in sn.teams.hooks)."""

from datetime import date

from sn.core.exports import COUNT
from sn.core.registries import ReportSection, Table
from sn.geography.models import Borough, Cluster, Neighbourhood
from sn.teams.models import ESTABLISHED_RANKS, TEAM_RANKS, Rank, Team
from sn.teams.selectors import team_staffing


def _teams_of(area: Borough | Cluster | Neighbourhood):
    if isinstance(area, Borough):
        return Team.objects.filter(neighbourhood__borough=area)
    if isinstance(area, Cluster):
        return Team.objects.filter(neighbourhood__cluster=area)
    return Team.objects.filter(neighbourhood=area)


def staffing_section(area: Borough | Cluster | Neighbourhood, day: date) -> ReportSection | None:
    """Posts and officers in post on the report date (today for this month's report)."""
    per_team = team_staffing(_teams_of(area), on=day)
    if not per_team:
        return None
    rows = []
    for staffing in sorted(per_team.values(), key=lambda s: s.label):
        rows.append(
            [staffing.label]
            + [round(staffing.establishment[r], 1) for r in ESTABLISHED_RANKS]
            + [round(staffing.strength[r], 1) for r in TEAM_RANKS]
            + [round(staffing.total_vacancies, 1)]
        )
    # The same figures as the area's page: officers in post in the established ranks, posts, vacancies.
    in_post = sum(s.total_strength for s in per_team.values())
    posts = sum(s.total_establishment for s in per_team.values())
    vacant = sum(s.total_vacancies for s in per_team.values())
    headers = (
        ["Team"]
        + [f"{Rank(r).label} posts" for r in ESTABLISHED_RANKS]
        + [f"{Rank(r).label} in post" for r in TEAM_RANKS]
        + ["Vacant posts"]
    )
    what = "The team" if isinstance(area, Neighbourhood) else f"{len(per_team)} teams"
    return ReportSection(
        key="staffing",
        title="Staffing against establishment",
        summary=[
            f"{what}: {COUNT.text(in_post)} officers in post against {COUNT.text(posts)} posts; "
            f"{COUNT.text(vacant)} posts vacant."
        ],
        tables=[
            Table(
                caption="Posts and officers in post by team",
                headers=headers,
                rows=rows,
                sheet="Staffing by team",
                formats=dict.fromkeys(range(1, len(headers)), COUNT),
            )
        ],
        note="A sergeant who leads several teams counts as a share of a sergeant in each.",
        as_at=day,
    )
