"""The kernel's own views: health for load balancers, and the styled error pages."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader

from sn.core.access import access


@access(public=True)
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring: 200 when the database answers, 503 when it does not. The
    answer is public, so it says nothing of what the service runs on (versions help an attacker)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "database unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def error_404(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_403(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "403.html", status=403)


def error_500(request: HttpRequest) -> HttpResponse:
    # Rendered without the request's context processors (navigation, the user): whatever broke the
    # page, the database say, must not break the error page too. Django has logged the traceback.
    return HttpResponseServerError(loader.get_template("500.html").render())


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: the styled 403 page, with the reason kept for the security log."""
    request.sn_refusal_reason = f"CSRF: {reason}"
    return render(request, "403.html", {"csrf_failed": True}, status=403)
