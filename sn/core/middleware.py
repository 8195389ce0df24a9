"""Request-wide concerns: who the client is, who the audit trail names, and security headers on every
response."""

import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from sn.core.audit import audit_actor


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
