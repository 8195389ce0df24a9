from django.urls import path

from sn.supervision.views import actions, pages

app_name = "supervision"

urlpatterns = [
    path("supervision/force/", pages.force, name="force"),
    path("supervision/force/propose/", actions.force_propose, name="force_propose"),
    path("supervision/boroughs/<str:code>/", pages.borough, name="borough"),
    path("supervision/boroughs/<str:code>/propose/", actions.borough_propose, name="borough_propose"),
    path("supervision/clusters/<str:code>/", pages.cluster, name="cluster"),
    path("supervision/proposals/<int:pk>/", pages.proposal, name="proposal"),
    path("supervision/proposals/<int:pk>/adopt/", actions.proposal_adopt_view, name="proposal_adopt"),
]
