"""Disclosure control: the published crime layer (SnapPoint, PublishedCrime) built from Incident.

The rules, and why, are in docs/how-to/crime-map-disclosure.md. In short, for each month:

1. Every crime of a category with no points (SN_DISCLOSURE_NO_POINT_CATEGORIES), and every one with no
   location, is published with its location withheld.
2. Every other crime goes to a snap point of its ward (sn.incidents.disclosure.snapping): a recorded
   police.uk location is one; any other point goes to the nearest one within reach, or to the grid.
3. In each ward, a snap point's crimes of the month (all categories together) are a cell; cells under
   SN_DISCLOSURE_MIN_COUNT are merged into their nearest larger cell until none is under it; if the
   ward's month holds too few crimes for any cell to reach it, their locations are withheld
   (sn.incidents.disclosure.merging).

Every crime of a month is published exactly once, at a snap point or withheld; a rebuild replaces the
months it is given and gives the same answer every time.
"""

from sn.incidents.disclosure.publishing import (
    PUBLISHED_VERSION_KEY,
    PublishSummary,
    published_crimes_rebuild,
    published_outcomes_refresh,
    published_version_bump,
)

__all__ = [
    "PUBLISHED_VERSION_KEY",
    "PublishSummary",
    "published_crimes_rebuild",
    "published_outcomes_refresh",
    "published_version_bump",
]
