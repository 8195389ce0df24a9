"""Writes of ASB cases and of the force's ASB lead and action plan.

Every service is atomic, runs under the actor's audit, and refuses bad input with a ValidationError
keyed by the field (a risk assessment with a question unanswered names the question), writing nothing.
Recording a report finds the victim's case (the same person, or with no person the same address, in
the ward; opened when there is none), assesses the risk when answers are given, and runs the Case
Review threshold over every report of the case whatever its channel: when it is met the case is
flagged, a review is scheduled, and the owner and the ward's sergeant see it on their home page.
Imported ASB calls become reports by the same rules when their location matches a known victim or
place (sn.asb.services.calls); cases are linked to problems, closed and reopened in
sn.asb.services.closing.
"""

from sn.asb.services.calls import CallsLinked, asb_calls_link, asb_imported_calls_link
from sn.asb.services.cases import (
    asb_case_review_record,
    asb_case_review_request,
    asb_case_threshold_check,
    asb_order_breach_record,
    asb_order_record,
    asb_person_erase,
    asb_report_record,
    asb_risk_assess,
)
from sn.asb.services.closing import asb_case_close, asb_case_link_problem, asb_case_reopen
from sn.asb.services.plan import asb_action_save, asb_lead_set

__all__ = [
    "CallsLinked",
    "asb_action_save",
    "asb_calls_link",
    "asb_case_close",
    "asb_case_link_problem",
    "asb_case_reopen",
    "asb_case_review_record",
    "asb_case_review_request",
    "asb_case_threshold_check",
    "asb_imported_calls_link",
    "asb_lead_set",
    "asb_order_breach_record",
    "asb_order_record",
    "asb_person_erase",
    "asb_report_record",
    "asb_risk_assess",
]
