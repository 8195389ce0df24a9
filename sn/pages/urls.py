from django.urls import path

from sn.pages import views

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    path("history/<str:model>/<int:pk>/", views.record_history, name="history"),
    path("wards/<str:code>/", views.ward_detail, name="ward"),
    path("clusters/<str:code>/", views.cluster_detail, name="cluster"),
    path("boroughs/<str:code>/", views.borough_detail, name="borough"),
    path("force/", views.force_detail, name="force"),
    path("force/map.geojson", views.force_map, name="force_map"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("privacy/", views.privacy_notice, name="privacy"),
]
