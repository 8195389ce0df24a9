"""Every write of privacy: the daily retention review and the decisions on what it found, and erasure
requests. Each is atomic and audited, and refuses bad input naming the field, writing nothing."""

from sn.privacy.services.requests import (
    erasure_request_cancel,
    erasure_request_complete,
    erasure_request_create,
)
from sn.privacy.services.review import (
    ReviewSummary,
    retention_review_run,
    review_item_erase,
    review_item_keep,
)

__all__ = [
    "ReviewSummary",
    "erasure_request_cancel",
    "erasure_request_complete",
    "erasure_request_create",
    "retention_review_run",
    "review_item_erase",
    "review_item_keep",
]
