from django.urls import path

from sn.workforce.views import abstraction

urlpatterns = [
    path("abstraction/", abstraction.force, name="abstraction_force"),
    path("abstraction/boroughs/<str:code>/", abstraction.borough, name="abstraction_borough"),
    path("abstraction/clusters/<str:code>/", abstraction.cluster, name="abstraction_cluster"),
    path("abstraction/wards/<str:code>/", abstraction.ward, name="abstraction_ward"),
    path("abstraction/officers/<int:pk>/", abstraction.officer, name="abstraction_officer"),
]
