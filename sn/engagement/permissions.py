"""What engagement guards: events, visual audits and perception surveys.

Events are the team's working record: their notes can name people met and what was said, so panel
members do not see them here (public events reach residents through the public pages). Planning,
writing up and recording results is the team's (PCs, PCSOs, sergeants); inspectors, analysts, borough
leads and the central unit read them across their areas.
"""

from sn.core.permissions import declare
from sn.core.roles import Role
from sn.engagement.models import Event
from sn.geography.rules import RecordRule, Tier

VIEW_ENGAGEMENT = declare(
    "view_engagement",
    "See the engagement events of a ward in scope, with their write-ups, visual audit findings and "
    "survey results",
    app="engagement",
    roles={
        Role.TEAM_OFFICER,
        Role.SERGEANT,
        Role.INSPECTOR,
        Role.ANALYST,
        Role.BOROUGH_LEAD,
        Role.CENTRAL_UNIT,
    },
)
MANAGE_ENGAGEMENT = declare(
    "manage_engagement",
    "Plan, edit, write up and archive the engagement events of a ward the user works on, and record "
    "visual audit findings and survey responses",
    app="engagement",
    roles={Role.TEAM_OFFICER, Role.SERGEANT},
)

EVENTS = RecordRule(
    model=Event,
    neighbourhood_path="neighbourhood",
    view=Tier(associated=VIEW_ENGAGEMENT),
    change=Tier(associated=MANAGE_ENGAGEMENT),
)
FOLLOW_UP_WRITE_UPS = declare(
    "follow_up_write_ups",
    "See on the home page the wards of their cluster or borough whose events are not written up in time",
    app="engagement",
    roles={Role.INSPECTOR, Role.BOROUGH_LEAD},
)


def get_event_for_user(user, pk: int, *, for_write: bool = False) -> Event:
    """A live event the user may see (404 otherwise), and may change when `for_write` (403 otherwise)."""
    events = Event.objects.live().select_related("neighbourhood__borough", "neighbourhood__cluster", "led_by")
    return EVENTS.get_for_user(user, events, for_write=for_write, pk=pk)
