"""What the home page lists about cases (registered in sn.problemsolving.hooks):

- a sergeant: the open cases of their teams whose review is overdue;
- an intervention's owner (an officer, or a partner user): their open interventions due within
  DUE_SOON_DAYS or overdue;
- the team (PCs, PCSOs, the sergeant): open cases of their wards with no activity for
  SN_CASE_STALLED_WEEKS.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from sn.core.registries import WorkItem
from sn.geography.scope import scope_of
from sn.problemsolving.models import Case
from sn.problemsolving.selectors import open_interventions_owned_by, stalled_before, visible_cases
from sn.problemsolving.services.checks import is_partner

DUE_SOON_DAYS = 7


def _team_cases(user):
    """Open cases of the wards the user works in (their teams' wards), never a partner's."""
    wards = scope_of(user).neighbourhoods().values("pk")
    return visible_cases(user).filter(neighbourhood__in=wards).exclude(stage=Case.Stage.CLOSED)


def overdue_review_items(user) -> list[WorkItem]:
    today = timezone.localdate()
    cases = _team_cases(user).filter(review_due_on__lt=today).order_by("review_due_on")
    return [
        WorkItem(
            title=f"Review {case.reference}: {case.title}",
            url=reverse("problemsolving:case_review", args=[case.pk]),
            area=case.neighbourhood.name,
            due=case.review_due_on,
            overdue=True,
            detail=f"review due {case.review_due_on:%-d %B %Y}; {case.get_stage_display().lower()}",
            urgency=(today - case.review_due_on).days,
        )
        for case in cases
    ]


def intervention_items(user) -> list[WorkItem]:
    today = timezone.localdate()
    soon = today + timedelta(days=DUE_SOON_DAYS)
    partner = is_partner(user)
    items = []
    for intervention in open_interventions_owned_by(user).filter(due_on__lte=soon):
        case = intervention.case
        overdue = intervention.due_on < today
        url = (
            reverse("problemsolving:partner_intervention_complete", args=[intervention.pk])
            if partner
            else reverse("problemsolving:case", args=[case.pk])
        )
        items.append(
            WorkItem(
                title=intervention.description,
                url=url,
                area=case.neighbourhood.name,
                due=intervention.due_on,
                overdue=overdue,
                detail=f"{case.reference} {case.title}; {intervention.get_status_display().lower()}",
                urgency=(today - intervention.due_on).days,
            )
        )
    return items


def stalled_case_items(user) -> list[WorkItem]:
    today = timezone.localdate()
    cases = _team_cases(user).filter(last_activity_on__lt=stalled_before(today)).order_by("last_activity_on")
    return [
        WorkItem(
            title=f"Stalled: {case.reference} {case.title}",
            url=reverse("problemsolving:case", args=[case.pk]),
            area=case.neighbourhood.name,
            due=case.last_activity_on,
            overdue=True,
            detail=f"nothing recorded since {case.last_activity_on:%-d %B %Y}",
            urgency=(today - case.last_activity_on).days,
        )
        for case in cases
    ]
