from django.urls import path

from sn.crime import views

app_name = "crime"

urlpatterns = [
    path("demand/", views.force_demand_page, name="force_demand"),
    path("demand/map.geojson", views.force_demand_map, name="force_demand_map"),
    path("demand/table/", views.force_demand_table, name="force_demand_table"),
    path("demand/boroughs/<str:code>/", views.borough_demand_page, name="borough_demand"),
    path("demand/clusters/<str:code>/", views.cluster_demand_page, name="cluster_demand"),
    path("crime/wards/<str:code>/", views.ward_profile_page, name="ward_profile"),
    path("crime/boroughs/<str:code>/", views.borough_profile_page, name="borough_profile"),
    path("crime/clusters/<str:code>/", views.cluster_profile_page, name="cluster_profile"),
]
