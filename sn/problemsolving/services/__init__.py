"""The writes of problem solving: cases, the response and its interventions, the sergeant's reviews
and the partner organisations invited to a case. (The assessment's service is
sn.problemsolving.services.assessment.)"""

from sn.problemsolving.services.cases import (
    case_analysis_update,
    case_close,
    case_open,
    case_response_start,
    case_scanning_update,
    case_update_add,
)
from sn.problemsolving.services.interventions import (
    intervention_add,
    intervention_complete,
    intervention_status_change,
    intervention_update_add,
    response_option_add,
    response_option_change,
)
from sn.problemsolving.services.partners import case_invite_organisation, case_remove_organisation
from sn.problemsolving.services.reviews import case_review_record

__all__ = [
    "case_analysis_update",
    "case_close",
    "case_invite_organisation",
    "case_open",
    "case_remove_organisation",
    "case_response_start",
    "case_review_record",
    "case_scanning_update",
    "case_update_add",
    "intervention_add",
    "intervention_complete",
    "intervention_status_change",
    "intervention_update_add",
    "response_option_add",
    "response_option_change",
]
