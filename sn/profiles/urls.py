from django.urls import path

from sn.profiles import views, views_places

app_name = "profiles"

urlpatterns = [
    path("wards/<str:code>/profile/", views.ward_profile, name="ward_profile"),
    path("wards/<str:code>/profile/locations/new/", views_places.location_new, name="location_new"),
    path("profile/locations/<int:pk>/edit/", views_places.location_edit, name="location_edit"),
    path("profile/locations/<int:pk>/archive/", views_places.location_archive, name="location_archive"),
    path("wards/<str:code>/profile/events/new/", views_places.event_new, name="event_new"),
    path("profile/events/<int:pk>/edit/", views_places.event_edit, name="event_edit"),
    path("profile/events/<int:pk>/archive/", views_places.event_archive, name="event_archive"),
    path("profile/demographics/upload/", views.demographics_upload, name="demographics_upload"),
]
