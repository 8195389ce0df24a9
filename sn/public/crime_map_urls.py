"""The public crime map, under /local/crime-map/ (lower-case, so that no ward code is taken for it)."""

from django.urls import path

from sn.public import crime_map_views

urlpatterns = [
    path("local/crime-map/", crime_map_views.crime_map, name="crime_map"),
    path("local/crime-map/points.json", crime_map_views.crime_map_points, name="crime_map_points"),
    path("local/crime-map/about/", crime_map_views.crime_map_about, name="crime_map_about"),
]
