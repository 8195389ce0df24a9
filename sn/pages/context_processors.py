from django.conf import settings
from django.http import HttpRequest

from sn.pages.navigation import navigation_for


def navigation(request: HttpRequest) -> dict:
    return {
        "nav_items": navigation_for(request.user, request.path),
        "map_tile_url": getattr(settings, "SN_MAP_TILE_URL", ""),
    }
