from django.urls import path

from sn.privacy import views

app_name = "privacy"

urlpatterns = [
    path("privacy/review/", views.review, name="review"),
    path("privacy/review/feedback/<int:pk>/", views.review_feedback, name="review_feedback"),
    path("privacy/review/diversity/<int:pk>/", views.review_diversity, name="review_diversity"),
    path("privacy/review/queries/<int:pk>/", views.review_query, name="review_query"),
    path("privacy/review/asb/<int:pk>/", views.review_asb, name="review_asb"),
    path("privacy/erasure-requests/", views.requests, name="requests"),
    path("privacy/erasure-requests/new/", views.request_new, name="request_new"),
    path("privacy/erasure-requests/<int:pk>/", views.request_detail, name="request"),
    path("privacy/erasure-requests/<int:pk>/cancel/", views.request_cancel, name="request_cancel"),
]
