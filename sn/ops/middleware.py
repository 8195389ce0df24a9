"""The request id, the access log line and the request metrics, for every request.

Outermost in MIDDLEWARE, so that the time counts every other middleware too, and every line they log
(a refusal in the security log, a traceback) carries the id.
"""

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from sn.ops.logging import RequestContext, bind_request, unbind_request
from sn.ops.metrics import observe_request

access_log = logging.getLogger("sn.access")

# What a proxy's id may look like: a uuid, nginx's $request_id, a trace id. Anything else (too long,
# spaces, newlines, quotes) is not taken, since it would go into every log line of the request.
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:+/=-]{7,127}")


def request_id_for(request: HttpRequest) -> str:
    """The id the proxy sent in SN_REQUEST_ID_HEADER when it is well formed, else a new one."""
    header = settings.SN_REQUEST_ID_HEADER
    if header:
        sent = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
        if VALID_REQUEST_ID.fullmatch(sent):
            return sent
    return uuid.uuid4().hex


def route_of(request: HttpRequest) -> str:
    """The URL name answered: a bounded set, unlike paths. Static files are answered before URLs are
    resolved; anything else unresolved (a 404, a refusal by a middleware) is "unmatched"."""
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return match.view_name or "unnamed"
    if request.path.startswith(settings.STATIC_URL):
        return "static"
    return "unmatched"


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        request_id = request_id_for(request)
        request.request_id = request_id
        token = bind_request(RequestContext(request_id=request_id, path=request.path, request=request))
        try:
            # Django turns a view's exception into a 500 response before it reaches here.
            response = self.get_response(request)
            seconds = time.perf_counter() - started
            response["X-Request-ID"] = request_id
            observe_request(route=route_of(request), status=response.status_code, seconds=seconds)
            access_log.info(
                "%s %s %s %.0fms",
                request.method,
                request.path,
                response.status_code,
                seconds * 1000,
                extra={
                    "method": request.method,
                    "status": response.status_code,
                    "duration_ms": round(seconds * 1000, 1),
                },
            )
            return response
        finally:
            unbind_request(token)
