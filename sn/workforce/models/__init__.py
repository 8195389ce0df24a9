from sn.workforce.models.duties import AbstractionReason, Duty, DutyCode, DutyImport, DutySource
from sn.workforce.models.policy import AbstractionPolicy
from sn.workforce.models.shifts import ShiftPattern

__all__ = [
    "AbstractionPolicy",
    "AbstractionReason",
    "Duty",
    "DutyCode",
    "DutyImport",
    "DutySource",
    "ShiftPattern",
]
