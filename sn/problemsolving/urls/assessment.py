"""Routes of problem solving: assessment."""

from django.urls import path

from sn.problemsolving.views import assessment

urlpatterns = [
    path("cases/<int:pk>/assessment/", assessment.assessment_record_page, name="assessment_record"),
    path("cases/<int:pk>/assessment/preview/", assessment.assessment_preview, name="assessment_preview"),
]
