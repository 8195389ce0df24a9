from django.urls import path, register_converter

from sn.scorecard.views import community, pages, public

app_name = "scorecard"


class WardCode:
    """A ward's code as the public pages take it: capitals, digits and hyphens (sn.public.pages_urls)."""

    regex = "[A-Z0-9][A-Z0-9-]{0,19}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(WardCode, "scorecardward")

urlpatterns = [
    path("scorecard/", pages.home, name="home"),
    path("scorecard/boroughs/<str:code>/", pages.borough, name="borough"),
    path("scorecard/wards/<str:code>/", pages.ward, name="ward"),
    path("scorecard/export.csv", pages.export_csv, name="export_csv"),
    path("scorecard/export.json", pages.export_json, name="export_json"),
    path("scorecard/community-time/", community.force, name="community_force"),
    path("scorecard/community-time/boroughs/<str:code>/", community.borough, name="community_borough"),
    path("scorecard/community-time/wards/<str:code>/", community.ward, name="community_ward"),
    path("local/guarantee/", public.force, name="public_force"),
    path("local/<scorecardward:code>/guarantee/", public.ward, name="public_ward"),
]
