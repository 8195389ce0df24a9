"""Whether a point lies in a team's area, for every record placed on the map (concerns here; events and
audit findings in the engagement app).

A ward is checked with the force's ward locator, which also says which ward a stray point is in. A
non-ward area (a town centre, a cross-border triangle) is an overlay on the wards (ADR 0005), so the
ward locator never answers with it: its own boundary decides.
"""

import shapely

from sn.geography.geometry import from_geojson_text
from sn.geography.locate import locate
from sn.geography.models import Neighbourhood


def point_problem(neighbourhood: Neighbourhood, latitude: float, longitude: float) -> str | None:
    """None when the point lies in the neighbourhood; otherwise why not, in words for the person who
    placed it."""
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return "That is not a point on the map: latitude runs from -90 to 90, longitude from -180 to 180."
    if neighbourhood.is_ward:
        found = locate(latitude, longitude)
        if found == neighbourhood.pk:
            return None
    else:
        area = from_geojson_text(neighbourhood.boundary)
        if shapely.contains_xy(area, longitude, latitude):
            return None
        found = locate(latitude, longitude)
    if found is None:
        return "That point is outside the force's wards."
    name = Neighbourhood.objects.filter(pk=found).values_list("name", flat=True).first()
    return f"That point is in {name}, not {neighbourhood.name}."
