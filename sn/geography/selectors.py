"""Shared reads of the geography. Reads for a user go through sn.geography.permissions (out of scope
is a 404); they are named here too because most callers want a selector."""

import json

from sn.geography.permissions import (  # noqa: F401 - the shared reads of areas for a user
    get_borough_for_user,
    get_cluster_for_user,
    get_neighbourhood_for_user,
    neighbourhoods_for_user,
)


def feature_collection(areas, properties_for) -> str:
    """A GeoJSON FeatureCollection of display boundaries, as text for a map."""
    features = [
        f'{{"type":"Feature","geometry":{area.display_boundary},"properties":{json.dumps(properties_for(area))}}}'
        for area in areas
    ]
    return '{"type":"FeatureCollection","features":[' + ",".join(features) + "]}"
