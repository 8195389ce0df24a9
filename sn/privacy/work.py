"""What the home page lists for the retention review (WORK_ITEMS, registered in sn.privacy.hooks for each
kind the review lists): the records due a decision that are the user's, counted by area from the review's
stored list."""

from django.db.models import Count, Min
from django.urls import reverse

from sn.core.registries import WorkItem
from sn.privacy.kinds import KINDS
from sn.privacy.models import ReviewItem
from sn.privacy.permissions import items_for_user
from sn.privacy.retention import period_text


def due_items(user, *, kind: str) -> list[WorkItem]:
    review = KINDS[kind].review
    open_items = items_for_user(user, ReviewItem.objects.filter(status=ReviewItem.Status.OPEN, kind=kind))
    rows = (
        open_items.values("borough__name", "neighbourhood__name", "neighbourhood__code")
        .annotate(n=Count("id"), oldest=Min("last_active_on"))
        .order_by("borough__name", "neighbourhood__name")
    )
    items = []
    for row in rows:
        url = reverse("privacy:review") + f"?kind={kind}"
        if row["neighbourhood__code"]:
            url += f"&area={row['neighbourhood__code']}"
        n = row["n"]
        items.append(
            WorkItem(
                title=(
                    f"Erase or keep {n} {review.one if n == 1 else review.many} {review.verb} over "
                    f"{period_text(kind)} ago"
                ),
                url=url,
                area=row["neighbourhood__name"] or f"{row['borough__name']} (whole borough)",
                overdue=True,
                detail=f"the oldest {review.verb} on {row['oldest']:%-d %b %Y}",
                urgency=n,
            )
        )
    return items
