"""A rate limiter shared by every worker: the generic cell rate algorithm (GCRA, a leaky bucket kept as
one timestamp per key).

`allow(key=..., rate=15, burst=30)` lets a client make `burst` requests at once and then `rate` a
second for as long as it likes; a request beyond that is refused with the seconds to wait before the
next one would be let through. The state of a key is its theoretical arrival time (TAT): the moment by
which its bucket would be empty again. A request at `now` is allowed when TAT - now leaves room for one
more emission interval (1/rate) within the burst's tolerance (burst/rate); allowing it moves TAT on by
one interval.

Where it lives:
- With the Redis cache (settings.SN_REDIS_URL), the check and the update are one Lua script run on the
  Redis server, with the server's clock: atomic across workers and machines, and immune to their clocks
  disagreeing. The key expires once its bucket is empty again.
- With any other cache (the in-memory cache of a single process, the test suite), a process-wide lock
  around read-check-write: correct within one process, which is all such a cache is shared by.

If Redis cannot be reached the request is allowed and the failure logged: the limiter protects the
service and must not be what takes it down.
"""

from __future__ import annotations

import hashlib
import logging
import math
import threading
import time

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger("sn.ratelimit")

_KEY_PREFIX = "ratelimit:"
_LOCK = threading.Lock()

# KEYS[1]: the bucket. ARGV: emission interval (us), tolerance (us), now (us, or "" for the server's
# clock), all whole numbers. Returns {allowed (1/0), microseconds to wait (0 when allowed)}. The stored
# time is written with %.0f so that it survives Lua's number-to-string conversion exactly.
_LUA = """
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local now
if ARGV[3] == '' then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000000 + tonumber(t[2])
else
  now = tonumber(ARGV[3])
end
local tat = tonumber(redis.call('GET', KEYS[1]) or '0') or 0
if tat < now then tat = now end
local new_tat = tat + interval
local allow_at = new_tat - tolerance
if allow_at > now then
  return {0, math.ceil(allow_at - now)}
end
local ttl_ms = math.max(1, math.ceil((new_tat - now) / 1000))
redis.call('SET', KEYS[1], string.format('%.0f', new_tat), 'PX', ttl_ms)
return {1, 0}
"""

_script = None
_script_lock = threading.Lock()


def _redis_script(client):
    global _script
    if _script is None:
        with _script_lock:
            if _script is None:
                _script = client.register_script(_LUA)
    return _script


def _bucket_key(key: str) -> str:
    if len(key) <= 200 and key.isprintable() and " " not in key:
        return _KEY_PREFIX + key
    return _KEY_PREFIX + "sha256:" + hashlib.sha256(key.encode()).hexdigest()


def _check(rate: float, burst: int) -> None:
    if not (isinstance(rate, int | float) and math.isfinite(rate) and rate > 0):
        raise ValueError(f"rate must be a positive number of requests a second, not {rate!r}")
    if not (isinstance(burst, int) and burst >= 1):
        raise ValueError(f"burst must be a whole number of requests, at least 1, not {burst!r}")


def allow(*, key: str, rate: float, burst: int, now: float | None = None) -> tuple[bool, float]:
    """Whether one more request under `key` is allowed, at `rate` requests a second sustained with
    bursts up to `burst`; and if not, how many seconds until one would be (0.0 when allowed).

    `now` (seconds since the epoch) is for tests that step a clock; by default the time is Redis's
    when the cache is Redis, this machine's otherwise."""
    _check(rate, burst)
    # Whole microseconds, rounded down (at most a millionth too generous at 15 a second), and the
    # tolerance an exact multiple of the interval so that the burst-th request of a burst is allowed.
    interval = max(1, math.floor(1e6 / rate))
    tolerance = burst * interval
    now_us = None if now is None else round(now * 1e6)
    backend = caches["default"]
    bucket = _bucket_key(key)
    if isinstance(backend, RedisCache):
        return _allow_redis(backend, bucket, interval, tolerance, now_us)
    return _allow_local(backend, bucket, interval, tolerance, now_us)


def _allow_redis(backend: RedisCache, bucket: str, interval: int, tolerance: int, now: int | None):
    full_key = backend.make_and_validate_key(bucket)
    try:
        client = backend._cache.get_client(full_key, write=True)
        allowed, wait = _redis_script(client)(
            keys=[full_key], args=[interval, tolerance, "" if now is None else now], client=client
        )
    except Exception:  # noqa: BLE001 - any Redis failure: let the request through, say so loudly
        logger.exception("rate limiter: Redis unavailable, request allowed key=%r", bucket)
        return True, 0.0
    return bool(allowed), int(wait) / 1e6


def _allow_local(backend, bucket: str, interval: int, tolerance: int, now: int | None):
    with _LOCK:
        current = round(time.time() * 1e6) if now is None else now
        tat = max(backend.get(bucket) or 0, current)
        new_tat = tat + interval
        allow_at = new_tat - tolerance
        if allow_at > current:
            return False, (allow_at - current) / 1e6
        backend.set(bucket, new_tat, timeout=max(1, math.ceil((new_tat - current) / 1e6)))
        return True, 0.0
