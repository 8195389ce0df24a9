"""The ward page's "Ward profile" panel (registered in sn.profiles.hooks)."""

from sn.geography.models import Neighbourhood
from sn.profiles.selectors import headline


def profile_panel(user, neighbourhood: Neighbourhood) -> dict:
    return {"headline": headline(neighbourhood)}
