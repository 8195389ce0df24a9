"""Writes to panels, meetings, priorities and statements (one module each), named here for callers."""

from sn.panels.services.erasure import diversity_answers_erase, panel_member_erase
from sn.panels.services.meetings import (
    meeting_cancel,
    meeting_paper_add,
    meeting_plan,
    meeting_record_held,
    meeting_update,
)
from sn.panels.services.panels import (
    diversity_answers_record,
    diversity_consent_withdraw,
    member_add,
    member_leave,
    member_update,
    panel_create,
    panel_update,
)
from sn.panels.services.priorities import (
    milestone_achieve,
    milestone_add,
    priority_decide_resolved,
    priority_endorse,
    priority_endorsement_decline,
    priority_review,
    priority_select,
    priority_update,
    progress_update_add,
)
from sn.panels.services.statements import (
    statement_approve,
    statement_publish,
    statement_return,
    statement_save,
)

__all__ = [
    "diversity_answers_erase",
    "diversity_answers_record",
    "diversity_consent_withdraw",
    "meeting_cancel",
    "meeting_paper_add",
    "meeting_plan",
    "meeting_record_held",
    "meeting_update",
    "member_add",
    "member_leave",
    "member_update",
    "milestone_achieve",
    "milestone_add",
    "panel_create",
    "panel_member_erase",
    "panel_update",
    "priority_decide_resolved",
    "priority_endorse",
    "priority_endorsement_decline",
    "priority_review",
    "priority_select",
    "priority_update",
    "progress_update_add",
    "statement_approve",
    "statement_publish",
    "statement_return",
    "statement_save",
]
