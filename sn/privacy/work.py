"""What the home page lists for the retention review (WORK_ITEMS, registered in sn.privacy.hooks): the
records due a decision that are the user's, counted by area from the review's stored list."""

from django.db.models import Count, Min
from django.urls import reverse

from sn.core.registries import WorkItem
from sn.privacy.models import ReviewItem
from sn.privacy.retention import RecordKind, period_text
from sn.privacy.selectors import items_for_user

WHAT = {
    RecordKind.FEEDBACK_SENDER: ("feedback sender's details", "feedback senders' details", "closed"),
    RecordKind.DIVERSITY_ANSWERS: (
        "panel member's diversity answers",
        "panel members' diversity answers",
        "left",
    ),
    RecordKind.QUERY_SENDER: (
        "community query sender's details",
        "community query senders' details",
        "last active",
    ),
    RecordKind.ASB_VICTIM: ("ASB victim's record", "ASB victims' records", "last reported"),
}


def _due(user, kind: str) -> list[WorkItem]:
    open_items = items_for_user(user, ReviewItem.objects.filter(status=ReviewItem.Status.OPEN, kind=kind))
    rows = (
        open_items.values("borough__name", "neighbourhood__name", "neighbourhood__code")
        .annotate(n=Count("id"), oldest=Min("last_active_on"))
        .order_by("borough__name", "neighbourhood__name")
    )
    one, many, verb = WHAT[kind]
    items = []
    for row in rows:
        url = reverse("privacy:review") + f"?kind={kind}"
        if row["neighbourhood__code"]:
            url += f"&area={row['neighbourhood__code']}"
        n = row["n"]
        items.append(
            WorkItem(
                title=f"Erase or keep {n} {one if n == 1 else many} {verb} over {period_text(kind)} ago",
                url=url,
                area=row["neighbourhood__name"] or f"{row['borough__name']} (whole borough)",
                overdue=True,
                detail=f"the oldest {verb} on {row['oldest']:%-d %b %Y}",
                urgency=n,
            )
        )
    return items


def feedback_due(user) -> list[WorkItem]:
    return _due(user, RecordKind.FEEDBACK_SENDER)


def diversity_due(user) -> list[WorkItem]:
    return _due(user, RecordKind.DIVERSITY_ANSWERS)


def queries_due(user) -> list[WorkItem]:
    return _due(user, RecordKind.QUERY_SENDER)


def asb_due(user) -> list[WorkItem]:
    return _due(user, RecordKind.ASB_VICTIM)
