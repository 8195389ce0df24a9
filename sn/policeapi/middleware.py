"""What every request to the police.uk API meets before the API itself (placed early in
settings.MIDDLEWARE, so a refused or cached request costs almost nothing):

1. The rate limit: SN_POLICE_API_RATE requests a second with bursts of SN_POLICE_API_BURST per client
   address (sn.core.ratelimit, shared by every worker and machine through Redis when configured); over
   it, a 429 with Retry-After in whole seconds and an empty body.
2. police.uk's limit on a GET: a request target (path and query) over 4,094 characters is a 400 (POST
   the form instead), whatever the server in front would have allowed.
3. The cache: a GET (or HEAD) answered 200 is kept whole in the Django cache for
   SN_PUBLIC_CACHE_SECONDS, keyed by host, path and query, and served from there with no database work
   (each worker also keeps the answers it served lately in memory, checked against the shared version);
   browsers and proxies may keep it as long (Cache-Control: public). Every answer may be read from any
   origin (Access-Control-Allow-Origin: *), as police.uk's are: the data are public.

The platform's own API (/api/v1/) is not this API and passes straight through.
"""

import gzip
import hashlib
import math
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable

import orjson
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from sn.core.middleware import client_address
from sn.core.ratelimit import allow
from sn.incidents.disclosure import PUBLISHED_VERSION_KEY

PREFIX = "/api/"
NOT_OURS = "/api/v1"
MAX_GET_LENGTH = 4094
READ_FROM_CACHE = frozenset({"GET", "HEAD"})
# The headers a cached answer is served with besides its own content type: those the middleware inside
# this one set on the first answer (the content security policy and the like), never a cookie.
LEFT_OUT = frozenset(
    {"set-cookie", "vary", "date", "content-length", "content-encoding", "cache-control", "expires", "age"}
)
KEY_PREFIX = "policeapi:answer:"
VERSION_KEY = "policeapi:version"
GZIP_FROM_BYTES = 1024


def is_police_api(path: str) -> bool:
    return path.startswith(PREFIX) and not (path == NOT_OURS or path.startswith(NOT_OURS + "/"))


def cache_key(request: HttpRequest) -> str:
    """By host as well as path and query: the neighbourhood's links are absolute URLs of this host."""
    target = f"{request.get_host()}{request.get_full_path()}"
    return KEY_PREFIX + hashlib.sha256(target.encode()).hexdigest()


def bump_version() -> str:
    """Make every stored answer old (sn.policeapi.hooks calls it when something the API shows changes)."""
    version = secrets.token_hex(8)
    cache.set(VERSION_KEY, version, timeout=None)
    return version


def _current_version(found: dict) -> str:
    version = found.get(VERSION_KEY)
    if version is None:
        # First use, or evicted: a new one, so that no older answer can match it.
        version = secrets.token_hex(8)
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY) or version
    return version


class RecentAnswers:
    """The answers this worker served lately, up to `limit` bytes, least recently used out first.

    A busy answer (a month of crimes round a city centre is 2.5 MB, 350 kB gzipped) would otherwise be
    fetched whole from Redis and unpickled for every request. Only the small version keys are read from
    the shared cache each time, so an answer here is never served once the shared version has moved:
    no worker can serve an old answer, however long it has held it.
    """

    def __init__(self, limit: int):
        self.limit = limit
        self.size = 0
        self._entries: OrderedDict[str, tuple] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def _bytes(entry: tuple) -> int:
        _version, _headers, body, gzipped = entry
        return len(body) + (len(gzipped) if gzipped is not None else 0)

    def get(self, key: str, version: str) -> tuple | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry[0] != version:
                return None
            self._entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: tuple) -> None:
        size = self._bytes(entry)
        if size > self.limit:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.size -= self._bytes(old)
            self._entries[key] = entry
            self.size += size
            while self.size > self.limit:
                _key, evicted = self._entries.popitem(last=False)
                self.size -= self._bytes(evicted)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.size = 0


recent = RecentAnswers(limit=64 * 1024 * 1024)


def _public(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = f"public, max-age={settings.SN_PUBLIC_CACHE_SECONDS}"
    response["Access-Control-Allow-Origin"] = "*"
    response["Vary"] = "Accept-Encoding"
    return response


def _any_origin(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    return response


def too_many_requests(wait: float) -> HttpResponse:
    response = HttpResponse(b"", status=429, content_type="application/json")
    response["Retry-After"] = str(max(1, math.ceil(wait)))
    response["Cache-Control"] = "no-store"
    return _any_origin(response)


def _answer(request: HttpRequest, entry: tuple) -> HttpResponse:
    _version, headers, body, gzipped = entry
    response = HttpResponse(status=200)
    for name, value in headers:
        response[name] = value
    if gzipped is not None and "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", ""):
        response.content = gzipped
        response["Content-Encoding"] = "gzip"
    else:
        response.content = body
    return _public(response)


class PoliceApiMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_police_api(request.path_info):
            return self.get_response(request)
        allowed, wait = allow(
            key=f"policeapi:{client_address(request)}",
            rate=settings.SN_POLICE_API_RATE,
            burst=settings.SN_POLICE_API_BURST,
        )
        if not allowed:
            return too_many_requests(wait)
        if request.method not in READ_FROM_CACHE:
            return _any_origin(self.get_response(request))
        if len(request.get_full_path()) > MAX_GET_LENGTH:
            detail = (
                f"A GET may be at most {MAX_GET_LENGTH:,} characters: POST the parameters as a form instead."
            )
            return _any_origin(
                HttpResponse(orjson.dumps({"detail": detail}), status=400, content_type="application/json")
            )
        key = cache_key(request)
        found = cache.get_many([VERSION_KEY, PUBLISHED_VERSION_KEY])
        # Publishing crimes writes in bulk, without the signals that move our own version, so a stored
        # answer must also match the published layer's version.
        version = f"{_current_version(found)}:{found.get(PUBLISHED_VERSION_KEY, '')}"
        entry = recent.get(key, version)
        if entry is None:
            entry = cache.get(key)
            if entry is not None and entry[0] == version:
                recent.put(key, entry)
        if entry is not None and entry[0] == version:
            return _answer(request, entry)
        response = self.get_response(request)
        if request.method != "GET" or response.status_code != 200 or response.streaming:
            return _any_origin(response)
        body = response.content
        headers = tuple((k, v) for k, v in response.items() if k.lower() not in LEFT_OUT)
        gzipped = gzip.compress(body, compresslevel=6, mtime=0) if len(body) >= GZIP_FROM_BYTES else None
        entry = (version, headers, body, gzipped)
        cache.set(key, entry, settings.SN_PUBLIC_CACHE_SECONDS)
        recent.put(key, entry)
        return _answer(request, entry)
