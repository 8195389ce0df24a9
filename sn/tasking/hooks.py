"""What the tasking app adds to pages lower apps own (sn.core.registries): the header link to the
borough's tasking page, and the home page's work (overdue actions for their owners; bids awaiting a
decision and meetings without a pack for the borough lead), the change history of its records, and the
pack's assembly as a job kind."""

from django.urls import reverse

from sn.core.access import has_permission
from sn.core.registries import (
    HISTORY_RECORDS,
    NAVIGATION,
    WORK_ITEMS,
    HistoryRecord,
    NavItem,
    WorkItemProvider,
)
from sn.jobs.registry import JOB_KINDS, JobKind
from sn.tasking import work_items
from sn.tasking.jobs import KIND, run_pack
from sn.tasking.models import Action, ResourceBid, TaskingMeeting
from sn.tasking.permissions import MANAGE_TASKING, PREPARE_PACKS, VIEW_TASKING
from sn.tasking.selectors import boroughs_for_user


def _tasking_link(user) -> str | None:
    if not has_permission(user, VIEW_TASKING):
        return None
    if user.borough_id:
        return reverse("tasking:borough", args=[user.borough.code])
    boroughs = list(boroughs_for_user(user)[:2])
    if len(boroughs) == 1:
        return reverse("tasking:borough", args=[boroughs[0].code])
    return reverse("tasking:index")


NAVIGATION.register(NavItem(key="tasking", label="Tasking", order=38, href=_tasking_link))

# An action's owner may hold any role (a partner's officer who signs in, an inspector): no permission.
WORK_ITEMS.register(
    WorkItemProvider(
        "tasking-actions", "Tasking group actions past their date", 40, work_items.overdue_action_items
    )
)
WORK_ITEMS.register(
    WorkItemProvider(
        "tasking-bids", "Resource bids awaiting the tasking group", 41, work_items.bid_items, MANAGE_TASKING
    )
)
WORK_ITEMS.register(
    WorkItemProvider(
        "tasking-packs", "Tasking meetings without a pack", 42, work_items.pack_items, MANAGE_TASKING
    )
)


# A meeting is the borough's: whoever may see the history of any of its wards may see the meeting's.
HISTORY_RECORDS.register(
    HistoryRecord("tasking-meeting", TaskingMeeting, lambda meeting: meeting.borough.neighbourhoods.all())
)
HISTORY_RECORDS.register(
    HistoryRecord("tasking-action", Action, lambda action: action.meeting.borough.neighbourhoods.all())
)
HISTORY_RECORDS.register(HistoryRecord("resource-bid", ResourceBid, lambda bid: [bid.neighbourhood]))

JOB_KINDS.register(
    JobKind(
        key=KIND,
        label="Tasking meeting pack",
        run=run_pack,
        permission=PREPARE_PACKS,
        result_label="Open the tasking pack",
    )
)
