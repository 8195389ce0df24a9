"""The ward-page panel of engagement: upcoming and recent events and the year's counts by kind."""

from sn.core.access import has_permission
from sn.engagement.permissions import MANAGE_ENGAGEMENT
from sn.engagement.selectors import engagement_summary


def engagement_panel(user, neighbourhood) -> dict:
    return {
        "engagement": engagement_summary(neighbourhood),
        "can_manage_engagement": has_permission(user, MANAGE_ENGAGEMENT),
    }
