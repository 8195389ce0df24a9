"""What the tasking pages share: the people of a borough who can attend or own actions, its open cases,
and the form page's context."""

from django.db.models import Q
from django.urls import reverse

from sn.accounts.models import PartnerOrganisation, User
from sn.core.roles import Role
from sn.geography.models import Borough
from sn.problemsolving.models import Case
from sn.tasking.models import TaskingMeeting

POLICE_ROLES = (Role.SERGEANT, Role.INSPECTOR, Role.ANALYST, Role.BOROUGH_LEAD)


def borough_people(borough: Borough) -> list[User]:
    """Police users of the borough and the partners' users whose organisation covers it."""
    posted = Q(
        officer__postings__team__neighbourhood__borough=borough, officer__postings__end_date__isnull=True
    )
    commanding = Q(officer__clusters_commanded__borough=borough)
    return list(
        User.objects.filter(is_active=True)
        .filter(
            Q(role__in=[Role.ANALYST, Role.BOROUGH_LEAD], borough=borough)
            | Q(role=Role.SERGEANT) & posted
            | Q(role=Role.INSPECTOR) & commanding
            | Q(role=Role.PARTNER, partner_organisation__boroughs=borough)
        )
        .distinct()
        .order_by("last_name", "first_name", "id")
    )


def borough_organisations(borough: Borough) -> list[PartnerOrganisation]:
    return list(PartnerOrganisation.objects.filter(boroughs=borough).order_by("name"))


def open_cases(borough: Borough) -> list[Case]:
    return list(
        Case.objects.filter(neighbourhood__borough=borough)
        .exclude(stage=Case.Stage.CLOSED)
        .select_related("neighbourhood")
        .order_by("neighbourhood__name", "id")
    )


def meeting_url(meeting: TaskingMeeting) -> str:
    return reverse("tasking:meeting", args=[meeting.pk])


def meeting_context(meeting: TaskingMeeting, title: str, **more) -> dict:
    return {
        "borough": meeting.borough,
        "meeting": meeting,
        "title": title,
        "back": meeting_url(meeting),
        **more,
    }
