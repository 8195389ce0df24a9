from django.urls import path

from sn.ops import views

app_name = "ops"

urlpatterns = [
    path("metrics", views.metrics, name="metrics"),
]
