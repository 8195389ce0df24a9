"""Request-wide concerns: who the client is, refusals in the security log, the size of request bodies,
renewing a session's idle clock without waiting on a busy database, the absolute age of a session, who
the audit trail names, and security headers on every response."""

import ipaddress
import json
import logging
import re
import time
from collections.abc import Callable
from contextlib import contextmanager
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.exceptions import PermissionDenied
from django.db import OperationalError, connection
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

from sn.core.audit import audit_actor

logger = logging.getLogger(__name__)
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


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0  # Django reads no body for a length it cannot parse


class RequestSizeLimitMiddleware:
    """Refuse (413) a body declared longer than the cap before anything reads it. Django's own limit
    (DATA_UPLOAD_MAX_MEMORY_SIZE) leaves out files, which it spools to disk at any size: without this, a
    100 MB upload to the sign-in form was read in full. Django reads no more than Content-Length, and
    nothing without it, so the declared length is what would be read. Upload routes have their own
    caps (SN_UPLOAD_LIMITS, by URL name), looked up only for a body over the general one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        length = _declared_length(request)
        if length > settings.SN_MAX_REQUEST_BYTES:
            cap = self._cap_for(request)
            if length > cap:
                request.sn_refusal_reason = f"a body of {length} bytes, over the cap of {cap}"
                return HttpResponse("The request is too large.", status=413, content_type="text/plain")
        return self.get_response(request)

    @staticmethod
    def _cap_for(request: HttpRequest) -> int:
        try:
            name = resolve(request.path_info).view_name
        except Resolver404:
            return settings.SN_MAX_REQUEST_BYTES
        return settings.SN_UPLOAD_LIMITS.get(name, settings.SN_MAX_REQUEST_BYTES)


class SessionRefreshMiddleware(SessionMiddleware):
    """Django's session middleware, except that a save which only renews the idle clock
    (SESSION_SAVE_EVERY_REQUEST with nothing changed) gives up at once when the database is locked
    instead of waiting out the busy timeout and failing the request. On SQLite an import in the worker
    holds the single write lock for its whole transaction (all or nothing), and without this every
    signed-in page, the job's own progress included, would hang 20 seconds and then fail. The clock is
    renewed by the next request that finds the lock free; a session that changed is saved as before, and
    fails loudly if it cannot be."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        session = getattr(request, "session", None)
        renewal_only = (
            session is not None
            and settings.SESSION_SAVE_EVERY_REQUEST
            and not session.modified
            and not session.is_empty()
        )
        if not renewal_only:
            return super().process_response(request, response)
        with _short_lock_wait():
            try:
                return super().process_response(request, response)
            except (OperationalError, SessionInterrupted) as error:
                # Django reports a failed update of an existing session as SessionInterrupted (a 400),
                # whether the row was deleted meanwhile or the database was busy: for a renewal either
                # way the page is answered, and a deleted session is found missing at the next request.
                logger.info("session renewal skipped (%s) path=%s", error, request.path)
                return response


@contextmanager
def _short_lock_wait(milliseconds: int = 200):
    """On SQLite, wait at most this long for the write lock; other databases are left as they are."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        (previous,) = cursor.fetchone()
        cursor.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {int(previous)}")


# The session key holding when the user signed in, as a Unix time; set at sign-in by sn.accounts.sign_in.
SIGNED_IN_AT = "sn_signed_in_at"


class SessionLimitMiddleware:
    """End a session SN_SESSION_ABSOLUTE_AGE after sign-in however busy it is: the idle timeout
    (SESSION_COOKIE_AGE, renewed by every request) alone let a session in use live for ever. A
    session signed in before this rule has its clock started at its next request. After
    AuthenticationMiddleware; the view then sees an anonymous user and sends them to sign in."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            started = request.session.get(SIGNED_IN_AT)
            if started is None:
                request.session[SIGNED_IN_AT] = time.time()
            elif time.time() - started > settings.SN_SESSION_ABSOLUTE_AGE:
                security_log.info(
                    "session ended user=%s address=%s reason=%r",
                    request.user.pk,
                    client_address(request),
                    "absolute limit after sign-in",
                )
                logout(request)
        return self.get_response(request)


class AuditActorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        with audit_actor(user, f"{request.method} {request.path}"[:255]):
            return self.get_response(request)


@lru_cache(maxsize=4)
def content_security_policy(tile_url: str) -> str:
    """Our own files only, plus images from the tile server when one is configured (its host from the
    URL template, a {s} subdomain as a wildcard)."""
    img_src = "img-src 'self' data:"
    if tile_url:
        parts = urlsplit(tile_url)
        if parts.scheme in ("http", "https") and parts.netloc:
            img_src += f" {parts.scheme}://{re.sub(r'{[^}]*}', '*', parts.netloc)}"
    return (
        f"default-src 'self'; {img_src}; style-src 'self' 'unsafe-inline'; script-src 'self'; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    )


class SecurityHeadersMiddleware:
    """A content security policy fitting our own static files, and no caching of signed-in pages."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", content_security_policy(settings.SN_MAP_TILE_URL))
        response.setdefault("Permissions-Policy", "geolocation=(), camera=(), microphone=()")
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            response["Cache-Control"] = "no-store"
        return response
