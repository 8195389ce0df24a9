from django.urls import path

from sn.reports import strategic, views

app_name = "reports"

urlpatterns = [
    path("reports/wards/<str:code>/", views.ward_report, name="ward"),
    path("reports/clusters/<str:code>/", views.cluster_report, name="cluster"),
    path("reports/boroughs/<str:code>/", views.borough_report, name="borough"),
    path("reports/boroughs/<str:code>/pdfs/", views.borough_pdfs, name="borough_pdfs"),
    path("wards/<str:code>/strategic-profile/", strategic.strategic_profile, name="strategic_profile"),
]
