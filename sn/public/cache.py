"""The public pages' cache: browsers and proxies get `Cache-Control: public, max-age=...`; the server keeps
each page's bytes and headers in the Django cache (Redis when SN_REDIS_URL is set, so every worker and
machine shares it), keyed by path, and answers a repeat visit from a middleware that runs before
sessions, authentication and CSRF, so that a hit costs one cache read and no query.

What is stored: only a 200 answer to an anonymous GET of a path under /local/ with no query string and
no session cookie, from a view marked with `public_page`, that sets no cookie and never asked for a
CSRF token. A signed-in visitor (a session cookie) never reads or fills the cache, and the page they
get says `no-store` (sn.core.middleware.SecurityHeadersMiddleware).

Staleness: a change to anything the pages show (a statement published, a priority changed, an event
or a meeting planned, a team's officers...) moves the cache's version (sn.public.hooks, after the
transaction commits), so every stored page is old at once; otherwise a page lives
SN_PUBLIC_CACHE_SECONDS. The version is a random token, not a counter: a version lost from the cache
can never bring old pages back.

Each worker also keeps the pages it served in the last LOCAL_SECONDS in memory, so that a busy page
does not cost a Redis round trip per visit (that round trip was most of a hit's cost). A change made
in the same worker clears that memory at once; one made in another worker reaches this one within
LOCAL_SECONDS.
"""

import gzip
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

PREFIX = "/local/"
VERSION_KEY = "public-pages:version"
PAGE_KEY = "public-pages:page:"
# Headers that belong to one answer, not to the stored page.
_NOT_STORED = frozenset({"set-cookie", "content-length", "content-encoding", "age", "x-sn-cache"})
# Below this, compressing is not worth a header.
_GZIP_FROM_BYTES = 1024
# How long, and how many, pages a worker keeps in its own memory in front of the shared cache.
LOCAL_SECONDS = 1.0
LOCAL_PAGES = 256
_local: OrderedDict[str, tuple[float, tuple]] = OrderedDict()
_local_lock = threading.Lock()


def _local_get(path: str) -> tuple | None:
    found = _local.get(path)
    if found is None or found[0] < time.monotonic():
        return None
    return found[1]


def _local_put(path: str, entry: tuple) -> None:
    with _local_lock:
        _local[path] = (time.monotonic() + LOCAL_SECONDS, entry)
        _local.move_to_end(path)
        while len(_local) > LOCAL_PAGES:
            _local.popitem(last=False)


def clear_local() -> None:
    with _local_lock:
        _local.clear()


def max_age() -> int:
    return int(settings.SN_PUBLIC_CACHE_SECONDS)


def cache_control() -> str:
    return f"public, max-age={max_age()}"


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark a public view's answers as the same for everyone: cacheable by browsers and proxies, and
    by the server (PublicPageCacheMiddleware) when the request qualifies."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = cache_control()
        response.sn_public_page = True
        return response

    return wrapped


def bump_version() -> str:
    """Make every stored public page old (called after a change the pages show is committed)."""
    version = secrets.token_hex(8)
    cache.set(VERSION_KEY, version, timeout=None)
    clear_local()
    return version


def _current_version(found: dict) -> str:
    version = found.get(VERSION_KEY)
    if version is None:
        # First use, or the version was evicted: a new one, so no older page can match it.
        version = secrets.token_hex(8)
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY) or version
    return version


def _eligible(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and request.path.startswith(PREFIX)
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def _accepts_gzip(request: HttpRequest) -> bool:
    return "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "")


def _answer(request: HttpRequest, entry: tuple, state: str) -> HttpResponse:
    _version, stored_at, headers, body, gzipped = entry
    response = HttpResponse(status=200)
    for name, value in headers:
        response.headers[name] = value
    if gzipped is not None and _accepts_gzip(request):
        response.content = gzipped
        response.headers["Content-Encoding"] = "gzip"
    else:
        response.content = body
    response.headers["Content-Length"] = str(len(response.content))
    response.headers["Age"] = str(max(0, int(time.time() - stored_at)))
    response.headers["X-SN-Cache"] = state
    return response


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        getattr(response, "sn_public_page", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        # A page that asked for a CSRF token carries one in its body: it is one visitor's.
        and "CSRF_COOKIE_NEEDS_UPDATE" not in request.META
        and not (getattr(request, "user", None) is not None and request.user.is_authenticated)
        and not response.has_header("Content-Encoding")
    )


class PublicPageCacheMiddleware:
    """Answers a repeat anonymous GET of a public page from the cache, before sessions, authentication
    and CSRF run; stores what the public views answer. Sits early in settings.MIDDLEWARE: the headers
    added by the middleware inside it (the content security policy...) are stored with the page, and
    those outside it (SecurityMiddleware) are added to every answer, hit or miss."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _eligible(request):
            return self.get_response(request)
        entry = _local_get(request.path)
        if entry is not None:
            return _answer(request, entry, "hit")
        key = PAGE_KEY + request.path
        found = cache.get_many([VERSION_KEY, key])
        version = _current_version(found)
        entry = found.get(key)
        if entry is not None and entry[0] == version:
            _local_put(request.path, entry)
            return _answer(request, entry, "hit")
        response = self.get_response(request)
        if not _storable(request, response):
            return response
        body = response.content
        patch_vary_headers(response, ("Accept-Encoding",))
        headers = tuple((name, value) for name, value in response.items() if name.lower() not in _NOT_STORED)
        gzipped = gzip.compress(body, compresslevel=6, mtime=0) if len(body) >= _GZIP_FROM_BYTES else None
        entry = (version, time.time(), headers, body, gzipped)
        cache.set(key, entry, timeout=max_age())
        _local_put(request.path, entry)
        return _answer(request, entry, "miss")
