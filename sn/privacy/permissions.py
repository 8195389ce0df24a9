"""The permissions of privacy (docs/permissions.md is generated from these declarations).

- The retention review: whoever is responsible for the record decides. Feedback senders' details: who may
  handle the message (sn.feedback.permissions: the ward's sergeant, the inspector, the borough lead,
  the central unit). Panel members' diversity answers: who keeps the panel's membership (the ward's PCs,
  PCSOs and sergeant). REVIEW_RETENTION opens the list to those roles; an item's page needs the kind's
  own permission (HANDLE_FEEDBACK, MANAGE_PANEL, ...: the kind's `review.permission` in sn.privacy.kinds),
  and each item is reached only through its record's rule (items_for_user below, from each kind's
  `review.reach`), so an item outside it is 404. KIN members and contacts stay with the sergeant's ward
  review page (sn.community).
- Erasure requests: the central unit only (there is no data-protection role; it acts for the force's
  data-protection office). A request searches the whole force.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from sn.core.permissions import declare
from sn.core.roles import Role
from sn.privacy.kinds import LISTED
from sn.privacy.models import ErasureRequest, ReviewItem

REVIEW_RETENTION = declare(
    "review_retention",
    "Erase or keep the feedback senders' details and panel members' diversity answers due a retention "
    "review, where they handle the feedback or keep the panel's membership",
    app="privacy",
    roles={Role.TEAM_OFFICER, Role.SERGEANT, Role.INSPECTOR, Role.BOROUGH_LEAD, Role.CENTRAL_UNIT},
)
RUN_RETENTION_REVIEW = declare(
    "run_retention_review",
    "Run the retention review now rather than wait for the daily run",
    app="privacy",
    roles={Role.CENTRAL_UNIT},
)
HANDLE_ERASURE_REQUESTS = declare(
    "handle_erasure_requests",
    "Search the force for every record of a named person, erase the confirmed ones and report what was "
    "erased",
    app="privacy",
    roles={Role.CENTRAL_UNIT},
)


def items_for_user(user, queryset: QuerySet) -> QuerySet:
    """The items of `queryset` the user decides, each kind by its record's own rule (feedback they may
    handle, diversity answers of panels whose membership they keep, senders of the queries they handle,
    ASB victims of their area). Anyone else reaches none. `queryset` is narrow (the open items, one item):
    its records are checked by id, which is quicker than the rules' reach over every record."""
    wanted: dict[str, set[int]] = {spec.kind: set() for spec in LISTED}
    for kind, record_id in queryset.values_list("kind", "record_id"):
        if kind in wanted:
            wanted[kind].add(record_id)
    reached = Q(pk__in=[])
    for spec in LISTED:
        reached |= Q(kind=spec.kind, record_id__in=list(spec.review.reach(user, wanted[spec.kind])))
    return queryset.filter(reached)


def open_items_for_user(user) -> QuerySet:
    return items_for_user(user, ReviewItem.objects.filter(status=ReviewItem.Status.OPEN)).select_related(
        "borough", "neighbourhood"
    )


def get_item_for_user(user, pk: int, *, kind: str) -> ReviewItem:
    """A review item of `kind` the user decides: 404 for any other (out of their area, or not theirs)."""
    item = (
        items_for_user(user, ReviewItem.objects.filter(pk=pk, kind=kind))
        .select_related("borough", "neighbourhood")
        .first()
    )
    if item is None:
        raise Http404("No such review item in your area")
    return item


def requests_for_user(user) -> QuerySet:
    # Holding the permission is the whole rule: the central unit's scope is the force.
    return ErasureRequest.objects.select_related("requested_by", "completed_by")


def get_request_for_user(user, pk: int) -> ErasureRequest:
    request = requests_for_user(user).filter(pk=pk).first()
    if request is None:
        raise Http404("No such erasure request")
    return request
