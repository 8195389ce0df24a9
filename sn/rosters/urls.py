from django.urls import path

from sn.rosters.views import cover, planner

app_name = "rosters"

urlpatterns = [
    path("shifts/wards/<str:code>/", cover.ward_cover, name="ward_cover"),
    path("shifts/clusters/<str:code>/", cover.cluster_cover, name="cluster_cover"),
    path("shifts/clusters/<str:code>/planner/", planner.cluster_planner, name="cluster_planner"),
    path("shifts/clusters/<str:code>/planner/adopt/", planner.cluster_adopt, name="cluster_adopt"),
    path("shifts/boroughs/<str:code>/", cover.borough_cover, name="borough_cover"),
]
