"""The sections this app adds to the public and staff ward pages (registered in hooks.py)."""

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from sn.geography.models import Neighbourhood
from sn.guarantee.models import NamedOfficerLapse
from sn.guarantee.priorities import priority_stories
from sn.guarantee.selectors import ward_statuses
from sn.panels.models import Meeting
from sn.teams.models import Team


def _feedback_url(neighbourhood) -> str:
    try:
        return reverse("feedback:give") + f"?ward={neighbourhood.code}"
    except NoReverseMatch:
        return ""


def named_officers_panel(user, neighbourhood) -> dict | None:
    """Your neighbourhood officers: names, role, dates and how to contact them online; a gap said plainly."""
    today = timezone.localdate()
    status = ward_statuses(today, Neighbourhood.objects.filter(pk=neighbourhood.pk))[neighbourhood.pk]
    team = Team.objects.filter(neighbourhood=neighbourhood).first()
    lapse = (
        NamedOfficerLapse.objects.filter(
            neighbourhood=neighbourhood, ends_on__isnull=True, starts_on__lte=today
        )
        .order_by("starts_on")
        .first()
    )
    return {
        "named": status.named,
        "team": team,
        "lapse": lapse,
        "borough": neighbourhood.borough,
        "feedback_url": _feedback_url(neighbourhood),
    }


def _next_meeting(neighbourhood):
    return (
        Meeting.objects.filter(
            panel__neighbourhood=neighbourhood,
            panel__dissolved_on__isnull=True,
            status=Meeting.Status.PLANNED,
            starts_at__gte=timezone.now(),
        )
        .order_by("starts_at")
        .first()
    )


def have_a_say(neighbourhood) -> dict:
    """How a resident can have a say in the ward's priorities: the next panel meeting and the team's
    routes, with the stale threshold the cards name."""
    return {
        "next_meeting": _next_meeting(neighbourhood),
        "team": Team.objects.filter(neighbourhood=neighbourhood).first(),
        "feedback_url": _feedback_url(neighbourhood),
        "stale_days": settings.SN_PRIORITY_STALE_DAYS,
    }


def _priorities(neighbourhood, *, public: bool) -> dict | None:
    stories = priority_stories(neighbourhood, public=public)
    if not stories:
        return None
    return {"stories": stories, "public": public, **have_a_say(neighbourhood)}


def staff_priorities_panel(user, neighbourhood) -> dict | None:
    return _priorities(neighbourhood, public=False)
