from django.urls import path

from sn.jobs import views

app_name = "jobs"

urlpatterns = [
    path("jobs/", views.index, name="index"),
    path("jobs/<int:pk>/", views.detail, name="detail"),
    path("jobs/<int:pk>/progress/", views.progress, name="progress"),
    path("jobs/<int:pk>/download/", views.download, name="download"),
]
