"""Problem-solving cases (stage 6, form 302 in the SARA shape): scanning, analysis with the
problem-analysis triangle, response options and interventions by police, partners and the public,
the sergeant's scheduled reviews, the partner organisations invited to work on a case, and the
assessment of its impact. Other apps link to a case by its id (`problemsolving.Case`): EPIC activity
and the tasking group's pack."""

# The library's model lives with the library (sn.problemsolving.library); imported here so Django finds it.
from sn.problemsolving.library.models import LibraryEntry
from sn.problemsolving.models.assessment import Assessment
from sn.problemsolving.models.cases import Case, CaseInvitation, CaseReview, CaseUpdate, ResponseOption
from sn.problemsolving.models.interventions import Intervention, InterventionUpdate

__all__ = [
    "Assessment",
    "Case",
    "CaseInvitation",
    "CaseReview",
    "CaseUpdate",
    "Intervention",
    "InterventionUpdate",
    "LibraryEntry",
    "ResponseOption",
]
