"""The ward and borough pages and finding your ward, under /local/ (the crime map's routes are in
crime_map_urls.py)."""

from django.urls import path, register_converter

from sn.public import views


class AreaCode:
    """A ward's or a borough's code as the data has them (E05009317, NW-CPT): capitals, digits and
    hyphens, so that no lower-case page name under /local/ (the crime map's) is taken for a ward."""

    regex = "[A-Z0-9][A-Z0-9-]{0,19}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(AreaCode, "areacode")

urlpatterns = [
    path("local/", views.home, name="home"),
    path("local/map.geojson", views.force_map, name="force_map"),
    path("local/locate/", views.locate_ward, name="locate"),
    path("local/borough/<areacode:code>/", views.borough, name="borough"),
    path("local/<areacode:code>/", views.ward, name="ward"),
]
