"""Messages for tests, made through the service so that every one is as the form would make it."""

from sn.feedback.models import FeedbackMessage, Kind, ReplyBy
from sn.feedback.services import feedback_submit

SENDER = {
    "sender_name": "Sam Sender",
    "sender_email": "sam.sender@example.org",
}


def message_in(ward=None, *, borough=None, kind: str = Kind.COMPLAINT, about_conduct: bool = False, **fields):
    """A message about `ward` (or, with only `borough`, the whole borough), wanting a reply by email."""
    arguments = {
        "borough": borough or ward.borough,
        "neighbourhood": ward,
        "kind": kind,
        "about_conduct": about_conduct,
        "message": "The street lights on Acacia Avenue have been out for weeks and nobody patrols it.",
        "reply_by": ReplyBy.EMAIL,
        **SENDER,
        **fields,
    }
    return feedback_submit(**arguments)


def world_messages(world) -> dict[str, FeedbackMessage]:
    """One message in each ward the access matrix tries (a1 here; a3, a5 and b1 elsewhere), made once per
    world."""
    cache = world.__dict__.setdefault("feedback_messages", {})
    if not cache:
        for key in ("a1", "a3", "a5", "b1"):
            cache[key] = message_in(world.wards[key])
    return cache
