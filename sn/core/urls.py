from django.urls import path

from sn.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("history/<str:model>/<int:pk>/", views.record_history, name="history"),
]
