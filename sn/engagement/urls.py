from django.urls import path

from sn.engagement.views import events, results

app_name = "engagement"

urlpatterns = [
    path("wards/<str:code>/events/", events.ward_event_list, name="ward_events"),
    path("wards/<str:code>/events/new/", events.event_new, name="event_new"),
    path("wards/<str:code>/surveys/", results.ward_surveys, name="ward_surveys"),
    path("events/<int:pk>/", events.event_detail, name="event"),
    path("events/<int:pk>/edit/", events.event_edit, name="event_edit"),
    path("events/<int:pk>/write-up/", events.event_write_up_page, name="event_write_up"),
    path("events/<int:pk>/archive/", events.event_archive_page, name="event_archive"),
    path("events/<int:pk>/concerns/new/", events.event_concern_new, name="event_concern_new"),
    path("events/<int:pk>/findings/new/", results.finding_new, name="finding_new"),
    path("events/<int:pk>/responses/new/", results.response_new, name="response_new"),
    path("events/<int:pk>/responses/upload/", results.responses_upload, name="responses_upload"),
]
