from django.urls import path

from sn.privacy import views
from sn.privacy.kinds import LISTED

app_name = "privacy"

urlpatterns = [
    path("privacy/review/", views.review, name="review"),
    *(
        path(
            f"privacy/review/{spec.review.path}/<int:pk>/",
            views.review_item_view(spec.kind),
            name=spec.review.url_name,
        )
        for spec in LISTED
    ),
    path("privacy/erasure-requests/", views.requests, name="requests"),
    path("privacy/erasure-requests/new/", views.request_new, name="request_new"),
    path("privacy/erasure-requests/<int:pk>/", views.request_detail, name="request"),
    path("privacy/erasure-requests/<int:pk>/cancel/", views.request_cancel, name="request_cancel"),
]
