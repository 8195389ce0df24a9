from django.urls import path

from sn.performance import views

app_name = "performance"

urlpatterns = [
    path("performance/", views.force_performance, name="force"),
    path("performance/boroughs/<str:code>/", views.borough_performance, name="borough"),
    path("performance/upload/", views.survey_upload, name="upload"),
]
