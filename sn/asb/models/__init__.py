from sn.asb.models.cases import (
    AsbAddress,
    AsbCase,
    AsbOrder,
    AsbPerson,
    AsbReport,
    CaseReview,
    OrderBreach,
    RiskAssessment,
)
from sn.asb.models.plan import ActionProgress, AsbAction, AsbLead

__all__ = [
    "ActionProgress",
    "AsbAction",
    "AsbAddress",
    "AsbCase",
    "AsbLead",
    "AsbOrder",
    "AsbPerson",
    "AsbReport",
    "CaseReview",
    "OrderBreach",
    "RiskAssessment",
]
