"""Every write to feedback: a message sent from the public form, and the borough's handling of it
(triage, reply, close), and the erasure of senders' details after the retention period. Each is atomic
and audited, and refuses bad input with the field named, writing nothing."""

from sn.feedback.services.erasure import ErasureSummary, feedback_erase_expired, feedback_sender_erase
from sn.feedback.services.handling import feedback_assign, feedback_close, feedback_reply
from sn.feedback.services.submit import feedback_submit

__all__ = [
    "ErasureSummary",
    "feedback_assign",
    "feedback_close",
    "feedback_erase_expired",
    "feedback_reply",
    "feedback_sender_erase",
    "feedback_submit",
]
