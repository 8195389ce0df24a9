from django.urls import path

from sn.workforce.views import upload

urlpatterns = [
    path("workforce/duties/upload/", upload.duties_upload, name="duties_upload"),
]
