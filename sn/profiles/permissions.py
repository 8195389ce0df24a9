"""What the ward profile guards: the demographic tables, key locations and recurring events.

Reading the profile is reading the ward (sn.geography.permissions.VIEW_WARD, within scope). Recording
what the team knows about its ward is the team's: its PCs, PCSOs and sergeants, and the inspector of
its cluster, each within their own scope. Loading demographic tables is the central unit's for the
force and the analysts' for their borough (analysts build profiles, DESIGN.md); the upload refuses a
line about an area outside the user's scope.
"""

from sn.core.permissions import declare
from sn.core.roles import Role
from sn.geography.permissions import VIEW_WARD
from sn.geography.rules import RecordRule, Tier
from sn.profiles.models import KeyLocation, RecurringEvent

MANAGE_KEY_LOCATIONS = declare(
    "manage_key_locations",
    "Record, change and archive the key locations and recurring events of a ward in scope",
    app="profiles",
    roles={Role.TEAM_OFFICER, Role.SERGEANT, Role.INSPECTOR},
)
IMPORT_DEMOGRAPHICS = declare(
    "import_demographics",
    "Upload demographic tables for the areas in scope",
    app="profiles",
    roles={Role.ANALYST, Role.CENTRAL_UNIT},
)

KEY_LOCATIONS = RecordRule(
    model=KeyLocation,
    neighbourhood_path="neighbourhood",
    view=Tier(associated=VIEW_WARD),
    change=Tier(associated=MANAGE_KEY_LOCATIONS),
)
RECURRING_EVENTS = RecordRule(
    model=RecurringEvent,
    neighbourhood_path="neighbourhood",
    view=Tier(associated=VIEW_WARD),
    change=Tier(associated=MANAGE_KEY_LOCATIONS),
)


def get_key_location_for_user(user, pk: int, *, for_write: bool = False) -> KeyLocation:
    """A key location still in use that the user may see (404 otherwise), and may change when
    `for_write` (403 when they may only see it)."""
    queryset = KeyLocation.objects.live().select_related("neighbourhood__borough")
    return KEY_LOCATIONS.get_for_user(user, queryset, for_write=for_write, pk=pk)


def get_recurring_event_for_user(user, pk: int, *, for_write: bool = False) -> RecurringEvent:
    queryset = RecurringEvent.objects.live().select_related("neighbourhood__borough")
    return RECURRING_EVENTS.get_for_user(user, queryset, for_write=for_write, pk=pk)
