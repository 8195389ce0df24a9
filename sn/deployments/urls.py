from django.urls import path

from sn.deployments.views import pages

app_name = "deployments"

urlpatterns = [
    path("deployments/", pages.deployment_list, name="list"),
    path("deployments/new/", pages.deployment_new, name="new"),
    path("deployments/<int:pk>/", pages.deployment_detail, name="detail"),
    path("deployments/<int:pk>/end/", pages.deployment_end_page, name="end"),
    path("deployments/<int:pk>/cancel/", pages.deployment_cancel_page, name="cancel"),
]
