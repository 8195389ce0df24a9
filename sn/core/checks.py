"""System checks run by `sn check --deploy` (and so by `make check` on the production settings)."""

from django.conf import settings
from django.core.checks import Tags, register
from django.core.checks import Warning as CheckWarning

SHARED_STATE_ID = "sn.W001"


@register(Tags.caches, deploy=True)
def shared_state_check(app_configs=None, **kwargs) -> list[CheckWarning]:
    """Public pages, police.uk API answers and every rate limit live in the cache. Without Redis each
    worker process keeps its own: limits multiply by the number of workers, and a change clears the
    stored pages of one worker only, so the others serve old ones until they expire."""
    if settings.SN_REDIS_URL:
        return []
    return [
        CheckWarning(
            "SN_REDIS_URL is not set: each worker keeps its own cache and rate limit state, so the "
            "police.uk API's and the feedback form's rate limits multiply by the number of workers and "
            "a change leaves other workers' public pages old until they expire.",
            hint="Set SN_REDIS_URL (e.g. redis://redis:6379/0), or run a single worker process.",
            id=SHARED_STATE_ID,
        )
    ]
