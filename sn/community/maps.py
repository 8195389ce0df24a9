"""The GeoJSON the community maps draw: the ward's outline and the people placed in it. Points carry
names for their tooltips, so a page that embeds them is as private as the list beside it."""

import json

from django.urls import reverse

from sn.geography.selectors import feature_collection


def ward_outline(neighbourhood) -> str:
    return feature_collection([neighbourhood], lambda a: {"name": a.name, "code": a.code, "role": "focus"})


def point_features(records, url_name: str, kind: str) -> list[dict]:
    return [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [record.longitude, record.latitude]},
            "properties": {"name": record.name, "url": reverse(url_name, args=[record.pk]), "kind": kind},
        }
        for record in records
        if record.located
    ]


def collection(features: list[dict]) -> str:
    return json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))
