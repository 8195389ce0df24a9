"""Request-wide concerns: who the client is, who the audit trail names, and security headers on every
response."""

import ipaddress
import json
import logging
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from sn.core.audit import audit_actor

security_log = logging.getLogger("sn.security")


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR or, behind the reverse proxies the settings name
    (SN_PROXY_HEADER, SN_TRUSTED_PROXY_COUNT), the entry the outermost of them appended. Entries further
    left were sent by the client and prove nothing; a header too short to have passed every proxy, or
    holding something other than an address, falls back to REMOTE_ADDR (the proxy itself)."""
    remote = request.META.get("REMOTE_ADDR", "")
    header = getattr(settings, "SN_PROXY_HEADER", "")
    count = getattr(settings, "SN_TRUSTED_PROXY_COUNT", 1)
    if not header or count < 1:
        return remote
    meta_key = "HTTP_" + header.upper().replace("-", "_")
    entries = [entry.strip() for entry in request.META.get(meta_key, "").split(",") if entry.strip()]
    if len(entries) < count:
        return remote
    try:
        return str(ipaddress.ip_address(entries[-count]))
    except ValueError:
        return remote


def _api_detail(response: HttpResponse) -> str:
    if not response.get("Content-Type", "").startswith("application/json"):
        return ""
    try:
        return str(json.loads(response.content).get("detail", ""))
    except (ValueError, AttributeError):
        return ""


class RefusalLogMiddleware:
    """Every refusal in the security log, in one place and one shape: who, from where, what and why.

    Refusals are 403s (a role without the permission, on a page or the API; a CSRF failure), 413s (a
    body over the cap) and 404s answered to signed-in users: out of scope looks like missing on purpose,
    so the log keeps every 404 a signed-in user meets, with the reason the code gave. Anonymous 404s
    are left out: anonymous visitors are sent to sign in before any scoped page, so theirs are only
    mistyped or probed addresses. The reason is `request.sn_refusal_reason` when the refusing code
    left one, else the exception's message, else the API's JSON detail. Outermost, so that it sees
    the responses of the other middleware too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        status = response.status_code
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if status in (403, 413) or (status == 404 and signed_in):
            security_log.warning(
                "refused status=%s user=%s role=%s address=%s path=%r reason=%r",
                status,
                user.pk if signed_in else None,
                getattr(user, "role", "") if signed_in else "",
                client_address(request),
                request.path,
                getattr(request, "sn_refusal_reason", "") or _api_detail(response) or response.reason_phrase,
            )
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if isinstance(exception, PermissionDenied | Http404) and str(exception):
            request.sn_refusal_reason = getattr(request, "sn_refusal_reason", "") or str(exception)


class AuditActorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        with audit_actor(user, f"{request.method} {request.path}"[:255]):
            return self.get_response(request)


class SecurityHeadersMiddleware:
    """A content security policy fitting our own static files, and no caching of signed-in pages."""

    POLICY = (
        "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; "
        "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    )

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", self.POLICY)
        response.setdefault("Permissions-Policy", "geolocation=(), camera=(), microphone=()")
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            response["Cache-Control"] = "no-store"
        return response
