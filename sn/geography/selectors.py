"""Shared reads of the geography, always through the user's scope: out of scope is a 404."""

import json

from django.db.models import QuerySet
from django.http import Http404

from sn.accounts.scope import scope_for
from sn.geography.models import Borough, Cluster, Neighbourhood


def neighbourhoods_for_user(user) -> QuerySet[Neighbourhood]:
    return scope_for(user).neighbourhoods().select_related("borough", "cluster")


def get_neighbourhood_for_user(user, code: str) -> Neighbourhood:
    neighbourhood = (
        Neighbourhood.objects.select_related("borough", "cluster", "cluster__inspector", "team")
        .filter(code=code)
        .first()
    )
    if neighbourhood is None or not scope_for(user).covers_neighbourhood(neighbourhood):
        raise Http404("No such neighbourhood in your area")
    return neighbourhood


def get_borough_for_user(user, code: str) -> Borough:
    borough = scope_for(user).boroughs().select_related("force").filter(code=code).first()
    if borough is None:
        raise Http404("No such borough in your area")
    return borough


def get_cluster_for_user(user, code: str) -> Cluster:
    cluster = scope_for(user).clusters().select_related("borough", "inspector").filter(code=code).first()
    if cluster is None:
        raise Http404("No such cluster in your area")
    return cluster


def feature_collection(areas, properties_for) -> str:
    """A GeoJSON FeatureCollection of display boundaries, as text for a map."""
    features = [
        f'{{"type":"Feature","geometry":{area.display_boundary},"properties":{json.dumps(properties_for(area))}}}'
        for area in areas
    ]
    return '{"type":"FeatureCollection","features":[' + ",".join(features) + "]}"
