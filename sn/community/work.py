"""What the home page lists as needing doing (WORK_ITEMS, registered in sn.community.hooks): members due
an interview for the team, records due a retention review for the sergeant, and teams short of the KIN
standards for inspectors and borough leads, worst first."""

from django.urls import reverse
from django.utils import timezone

from sn.community.compliance import kin_compliance
from sn.community.selectors import members_due_for_user, reviews_due_by_ward
from sn.community.standards import review_months, short_date
from sn.core.registries import WorkItem
from sn.geography.models import Neighbourhood
from sn.geography.scope import scope_of


def members_due(user) -> list[WorkItem]:
    today = timezone.localdate()
    items = []
    for row in members_due_for_user(user, today=today):
        member = row.member
        last = (
            f"last interviewed {short_date(member.last_interviewed_on)}"
            if member.last_interviewed_on
            else f"not interviewed since joining on {short_date(member.joined_on)}"
        )
        items.append(
            WorkItem(
                title=f"Interview {member.name} ({member.get_role_display().lower()})",
                url=reverse("community:kin_interview_new", args=[member.pk]),
                area=member.neighbourhood.name,
                due=row.due_on,
                overdue=row.overdue,
                detail=last,
                urgency=max(row.days, 0),
            )
        )
    return items


def reviews_due(user) -> list[WorkItem]:
    counts = reviews_due_by_ward(user, today=timezone.localdate())
    if not counts:
        return []
    wards = Neighbourhood.objects.filter(id__in=counts).order_by("name")
    return [
        WorkItem(
            title=f"Review {counts[ward.id]} KIN or contact record{'s' if counts[ward.id] != 1 else ''} "
            f"not used for {review_months()} months",
            url=reverse("community:personal_data_review", args=[ward.code]),
            area=ward.name,
            overdue=True,
            urgency=counts[ward.id],
        )
        for ward in wards
    ]


def compliance_shortfalls(user) -> list[WorkItem]:
    """Teams in the user's cluster or borough that missed the monthly standard last month or have members
    out of date, each linking to its row of the compliance table."""
    scope = scope_of(user)
    today = timezone.localdate()
    compliance = kin_compliance(scope.neighbourhoods(), label=("scope", "Your area"), today=today)
    items = []
    for team in compliance.teams:
        if team.meets_standard and not team.members_overdue:
            continue
        problems = []
        if not team.meets_standard:
            problems.append(f"{team.last_month} of {team.standard} interviews in {compliance.last_month:%B}")
        if team.members_overdue:
            problems.append(f"{team.members_overdue} of {team.members} members overdue")
        # Inspectors and borough leads both open cluster pages; a team in no cluster is on its borough's.
        if team.cluster_code:
            url = reverse("community:compliance_cluster", args=[team.cluster_code])
        else:
            url = reverse("community:compliance_borough", args=[team.borough_code])
        items.append(
            WorkItem(
                title=f"{team.name}: {'; '.join(problems)}",
                url=f"{url}#team-{team.code}",
                area=team.cluster_name or team.borough_name,
                overdue=not team.meets_standard,
                urgency=team.shortfall * 10 + team.members_overdue,
            )
        )
    return items
