"""The tasking app's writes (services named <entity>_<verb>)."""

from sn.tasking.services.actions import action_follow_up
from sn.tasking.services.bids import bid_decide, bid_raise
from sn.tasking.services.meetings import action_add, decision_add, guest_add, meeting_create, meeting_update
from sn.tasking.services.packs import pack_assemble

__all__ = [
    "action_add",
    "action_follow_up",
    "bid_decide",
    "bid_raise",
    "decision_add",
    "guest_add",
    "meeting_create",
    "meeting_update",
    "pack_assemble",
]
