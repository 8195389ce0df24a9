"""The rate limiter (sn.core.ratelimit): a burst of exactly `burst`, then `rate` a second, with the wait
it reports; the same arithmetic in the in-process cache (behind a lock) and in Redis (one Lua script on
the server), and in Redis exactly `burst` requests let through when many processes and threads hammer
one key at once. Time is stepped by hand (the `now` argument), never measured."""

import multiprocessing
import threading
import uuid
import warnings

import pytest
import redis
from django.core.cache import caches
from django.test import override_settings

from sn.core import ratelimit

REDIS_URL = "redis://127.0.0.1:6379/7"


def _redis_up() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture(params=["local", "redis"])
def backend(request):
    """Each test runs against the in-process cache and against the real Redis (db 7, a prefix of its
    own, deleted afterwards)."""
    if request.param == "local":
        with override_settings(
            CACHES={
                "default": {
                    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                    "LOCATION": f"rl-{uuid.uuid4()}",
                }
            }
        ):
            yield "local"
        return
    if not _redis_up():
        message = f"REDIS UNREACHABLE at {REDIS_URL}: the rate limiter's Redis tests DID NOT RUN"
        warnings.warn(message, stacklevel=1)
        pytest.skip(message)
    prefix = f"h2test-{uuid.uuid4().hex}"
    cache_settings = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": prefix,
    }
    with override_settings(CACHES={"default": cache_settings}):
        yield "redis"
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


T0 = 1_700_000_000.0


def test_a_fresh_key_allows_exactly_the_burst_then_refuses_with_the_wait(backend):
    results = [ratelimit.allow(key="burst", rate=15, burst=30, now=T0) for _ in range(31)]
    assert [allowed for allowed, _ in results] == [True] * 30 + [False]
    assert all(wait == 0.0 for _, wait in results[:30])
    # One interval (1/15 s) must pass before the bucket has room for one more.
    assert results[30][1] == pytest.approx(1 / 15, abs=1e-6)


def test_the_bucket_refills_at_the_rate(backend):
    for _ in range(30):
        assert ratelimit.allow(key="refill", rate=15, burst=30, now=T0)[0]
    assert not ratelimit.allow(key="refill", rate=15, burst=30, now=T0)[0]
    # A second later 15 more have drained away: exactly 15 more are allowed.
    later = [ratelimit.allow(key="refill", rate=15, burst=30, now=T0 + 1)[0] for _ in range(16)]
    assert later == [True] * 15 + [False]
    # After a long quiet spell the whole burst is available again, and no more.
    quiet = [ratelimit.allow(key="refill", rate=15, burst=30, now=T0 + 60)[0] for _ in range(31)]
    assert quiet.count(True) == 30


def test_requests_at_the_sustained_rate_are_never_refused(backend):
    step = 1 / 15
    assert all(ratelimit.allow(key="steady", rate=15, burst=1, now=T0 + i * step)[0] for i in range(200))
    # Twice the rate with no burst to spare: every other one is refused.
    fast = [ratelimit.allow(key="fast", rate=15, burst=1, now=T0 + i * step / 2)[0] for i in range(200)]
    assert fast.count(True) == 100


def test_a_refused_request_does_not_use_up_the_bucket(backend):
    for _ in range(5):
        ratelimit.allow(key="refused", rate=1, burst=5, now=T0)
    for _ in range(100):
        allowed, wait = ratelimit.allow(key="refused", rate=1, burst=5, now=T0)
        assert not allowed and wait == pytest.approx(1.0)
    assert ratelimit.allow(key="refused", rate=1, burst=5, now=T0 + 1)[0]


def test_keys_are_independent_and_any_text_may_be_a_key(backend):
    odd = "feedback:2001:db8::1 with spaces " + "x" * 300
    for key in ("a", "b", odd):
        assert [ratelimit.allow(key=key, rate=1, burst=2, now=T0)[0] for _ in range(3)] == [True, True, False]


def test_the_wall_clock_is_used_when_no_time_is_given(backend):
    # The real clock (Redis's own, or this machine's): a slow rate, so no refill happens meanwhile.
    results = [ratelimit.allow(key="clock", rate=0.001, burst=3)[0] for _ in range(5)]
    assert results == [True, True, True, False, False]
    allowed, wait = ratelimit.allow(key="clock", rate=0.001, burst=3)
    assert not allowed and 900 < wait <= 1000


@pytest.mark.parametrize(
    ("rate", "burst"), [(0, 1), (-1, 1), (float("nan"), 1), (float("inf"), 1), (1, 0), (1, 1.5)]
)
def test_a_nonsense_rate_or_burst_is_refused(rate, burst):
    with pytest.raises(ValueError, match="rate|burst"):
        ratelimit.allow(key="bad", rate=rate, burst=burst)


def _hammer(key: str, threads: int, attempts: int, queue) -> None:
    """In a forked process: `threads` threads each try `attempts` times as fast as they can."""
    counts = []
    start = threading.Barrier(threads)

    def run():
        start.wait()
        counts.append(sum(ratelimit.allow(key=key, rate=0.001, burst=50)[0] for _ in range(attempts)))

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    queue.put(sum(counts))


def test_many_processes_and_threads_hammering_one_redis_key_get_exactly_the_burst(backend):
    if backend != "redis":
        pytest.skip("the in-process cache is not shared between processes; threads are tested below")
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    processes = [context.Process(target=_hammer, args=("hammer", 4, 60, queue)) for _ in range(4)]
    for process in processes:
        process.start()
    allowed = sum(queue.get(timeout=60) for _ in processes)
    for process in processes:
        process.join(timeout=60)
        assert process.exitcode == 0
    # 960 attempts inside a second or so at a rate of one per 1,000 s: the burst and not one more.
    assert allowed == 50


def test_many_threads_hammering_one_key_get_exactly_the_burst(backend):
    queue = multiprocessing.get_context("fork").SimpleQueue()
    _hammer("threads", 8, 40, queue)
    assert queue.get() == 50


def test_when_redis_cannot_be_reached_the_request_is_allowed_and_logged(caplog):
    dead = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/7"}
    with override_settings(CACHES={"default": dead}), caplog.at_level("ERROR", logger="sn.ratelimit"):
        assert caches["default"].__class__.__name__ == "RedisCache"
        assert ratelimit.allow(key="dead", rate=1, burst=1) == (True, 0.0)
    assert any("Redis unavailable" in record.getMessage() for record in caplog.records)
