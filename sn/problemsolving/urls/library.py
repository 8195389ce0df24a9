"""Routes of problem solving: the good-practice library."""

from django.urls import path

from sn.problemsolving.views import library

urlpatterns = [path("library/", library.library, name="library")]
