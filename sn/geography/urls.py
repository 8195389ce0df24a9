from django.urls import path

from sn.geography import views

app_name = "geography"

urlpatterns = [
    path("wards/<str:code>/", views.ward_detail, name="ward"),
    path("clusters/<str:code>/", views.cluster_detail, name="cluster"),
    path("boroughs/<str:code>/", views.borough_detail, name="borough"),
    path("force/", views.force_detail, name="force"),
    path("force/map.geojson", views.force_map, name="force_map"),
]
