"""The page for a query parameter a read-only page cannot use (?month=0001-01, ?quarter=2010-Q4).

A page with a form shows such an error beside its field. A response with no form to show it in (a
download, map data, a report) answers 400 with this page: it names the parameter, quotes what was
given and says why it cannot be used, rather than a 404 that suggests the page itself is missing.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def bad_parameter(request: HttpRequest, *, name: str, value: str, error: str) -> HttpResponse:
    """The 400 page for ?`name`=`value`, refused because of `error` (a sentence to show)."""
    context = {"name": name, "value": value, "error": error, "without": request.path}
    return render(request, "core/bad_parameter.html", context, status=400)
