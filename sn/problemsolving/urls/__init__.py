"""The routes of problem solving, one module per part: cases and their work, the assessment and the
figures it reads, the good-practice library."""

from sn.problemsolving.urls import assessment, cases, library

app_name = "problemsolving"

urlpatterns = [*cases.urlpatterns, *assessment.urlpatterns, *library.urlpatterns]
