from django.urls import path

from sn.incidents import views_upload

app_name = "incidents"

urlpatterns = [
    path("incidents/upload/", views_upload.police_upload, name="upload"),
]
