from django.urls import path

from sn.queries import views

app_name = "queries"

urlpatterns = [
    path("queries/", views.queue, name="queue"),
    path("queries/new/", views.log_query, name="new"),
    path("queries/compliance/", views.compliance, name="compliance"),
    path("queries/sent/", views.sent, name="sent"),
    path("queries/<str:reference>/", views.detail, name="detail"),
    path("local/<str:code>/ask/", views.ask, name="ask"),
]
