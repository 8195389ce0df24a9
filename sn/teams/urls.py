from django.urls import path

from sn.teams import views

app_name = "teams"

urlpatterns = [
    path("staffing/", views.force_staffing, name="force_staffing"),
    path("staffing/boroughs/<str:code>/", views.borough_staffing, name="borough_staffing"),
    path("staffing/clusters/<str:code>/", views.cluster_staffing, name="cluster_staffing"),
]
