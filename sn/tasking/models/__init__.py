"""The borough Safer Neighbourhoods tasking group and the joint action group with the council (seed 002,
paragraphs 17-19): their meetings, who attended, what they decided, the actions they set and followed
up, the resource bids teams raised for them to decide, and the pack each meeting worked from."""

from sn.tasking.models.bids import ResourceBid
from sn.tasking.models.meetings import Action, Decision, FollowUp, Guest, MeetingPack, TaskingMeeting

__all__ = ["Action", "Decision", "FollowUp", "Guest", "MeetingPack", "ResourceBid", "TaskingMeeting"]
