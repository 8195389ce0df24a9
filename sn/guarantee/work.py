"""What the home page lists for this app (WORK_ITEMS): wards in the user's area without a named
contactable officer (now or within the look-ahead), and their own priorities gone stale."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from sn.core.registries import WorkItem
from sn.geography.scope import scope_of
from sn.guarantee.models import NamedOfficerLapse
from sn.guarantee.priorities import stale_priorities


def lapses_for(user) -> list[WorkItem]:
    today = timezone.localdate()
    lapses = (
        NamedOfficerLapse.objects.filter(ends_on__isnull=True)
        .filter(scope_of(user).neighbourhood_q("neighbourhood"))
        .select_related("neighbourhood__borough")
        .order_by("starts_on", "neighbourhood__name")
    )
    return [
        WorkItem(
            title=f"{lapse.neighbourhood.name} has no named contactable officer from "
            f"{lapse.starts_on:%-d %b %Y}",
            url=reverse("guarantee:named_officers_borough", args=[lapse.neighbourhood.borough.code]),
            area=lapse.neighbourhood.name,
            due=lapse.starts_on,
            overdue=lapse.starts_on <= today,
            detail=lapse.reason,
            urgency=(today - lapse.starts_on).days if lapse.starts_on <= today else 0,
        )
        for lapse in lapses
        if lapse.starts_on <= today + timedelta(days=14)
    ]


def stale_for(user) -> list[WorkItem]:
    officer_id = getattr(user, "officer_id", None)
    if not officer_id:
        return []
    today = timezone.localdate()
    return [
        WorkItem(
            title=f"Priority not updated since {row.last_update:%-d %b %Y}: {row.priority.wording}",
            url=reverse("panels:priority", args=[row.priority.pk]),
            area=row.priority.neighbourhood.name,
            overdue=True,
            detail=f"{(today - row.last_update).days} days without an update, review or recorded activity",
            urgency=(today - row.last_update).days,
        )
        for row in stale_priorities(today, owner_id=officer_id)
    ]
