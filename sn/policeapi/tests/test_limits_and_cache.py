"""What the police.uk API does before any operation runs (sn.policeapi.middleware): the rate limit per
client address (429 with Retry-After), the 4,094-character limit on a GET, the cache of whole answers
(0 queries on a hit, made old by a change), and that the platform's own API under /api/v1/ is neither
shadowed nor limited by it. Also the OpenAPI document's declarations of all of that."""

import gzip
import uuid

import orjson
import pytest
import redis
from django.core.cache import cache
from django.test import override_settings

from sn.incidents.disclosure import PUBLISHED_VERSION_KEY, published_version_bump
from sn.policeapi.middleware import MAX_GET_LENGTH, RecentAnswers
from sn.policeapi.tests.helpers import published_layer

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/8"
A1_POLY_POINTS = [(51.5, -0.2), (51.51, -0.2), (51.51, -0.19), (51.5, -0.19)]


def _redis_up() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture(params=["local", "redis"])
def cache_backend(request):
    """The in-process cache, and the real Redis (as with SN_REDIS_URL: shared by workers and machines)."""
    if request.param == "local":
        yield "local"
        return
    if not _redis_up():
        pytest.skip(f"REDIS UNREACHABLE at {REDIS_URL}: the police.uk API's Redis tests DID NOT RUN")
    prefix = f"h2api-{uuid.uuid4().hex}"
    backend = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": prefix,
    }
    with override_settings(CACHES={"default": backend}):
        yield "redis"
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_over_the_burst_an_address_gets_429_with_retry_after_and_others_do_not(client, world, cache_backend):
    with override_settings(SN_POLICE_API_RATE=0.5, SN_POLICE_API_BURST=3):
        statuses = [client.get("/api/forces").status_code for _ in range(3)]
        refused = client.get("/api/forces")
        other = client.get("/api/forces", REMOTE_ADDR="192.0.2.7")
    assert statuses == [200, 200, 200]
    assert refused.status_code == 429
    assert refused.content == b""
    # One request every two seconds: the next is allowed in about two seconds, in whole seconds.
    assert refused["Retry-After"] == "2"
    assert refused["Cache-Control"] == "no-store"
    assert other.status_code == 200


def test_the_limit_counts_every_kind_of_request_to_the_api_and_none_to_the_platform_api(client, world):
    with override_settings(SN_POLICE_API_RATE=0.001, SN_POLICE_API_BURST=2):
        assert client.get("/api/forces/nowhere").status_code == 404
        assert client.post("/api/crimes-street/all-crime", {"lat": "51.5", "lng": "-0.19"}).status_code == 200
        assert client.get("/api/crime-categories").status_code == 429
        assert client.post("/api/crimes-street/all-crime", {"lat": "51.5", "lng": "-0.19"}).status_code == 429
        # /api/v1/ is the platform's API: not this one, not limited by this limit.
        assert all(client.get("/api/v1/openapi.json").status_code == 200 for _ in range(5))


def test_retry_after_is_whole_seconds_and_at_least_one(client, world):
    # A wait of under half a second is still "1": Retry-After is whole seconds.
    with override_settings(SN_POLICE_API_RATE=2, SN_POLICE_API_BURST=1):
        client.get("/api/forces")
        refused = client.get("/api/forces")
    assert refused.status_code == 429 and refused["Retry-After"] == "1"


def _long_target(length: int) -> str:
    path = "/api/crime-categories?pad="
    return path + "x" * (length - len(path))


def test_a_get_of_4094_characters_is_served_and_one_longer_is_a_400(client, world, conforms):
    assert len(_long_target(MAX_GET_LENGTH)) == 4094
    assert client.get(_long_target(MAX_GET_LENGTH)).status_code == 200
    response = client.get(_long_target(MAX_GET_LENGTH + 1))
    assert response.status_code == 400
    assert "4,094" in response.json()["detail"] and "POST" in response.json()["detail"]
    conforms(response, "/api/crime-categories")


def test_a_polygon_too_long_for_a_get_is_taken_by_post(client, world, conforms):
    # The ward's square drawn with many points along its edges, as a detailed boundary is.
    points = []
    for i in range(100):
        points.append((51.5, -0.2 + 0.01 * i / 100))
    for i in range(100):
        points.append((51.5 + 0.01 * i / 100, -0.19))
    for i in range(100):
        points.append((51.51, -0.19 - 0.01 * i / 100))
    for i in range(100):
        points.append((51.51 - 0.01 * i / 100, -0.2))
    poly = ":".join(f"{lat:.6f},{lng:.6f}" for lat, lng in points)
    assert len(poly) > 4094
    assert client.get(f"/api/crimes-street/all-crime?poly={poly}").status_code == 400
    response = client.post("/api/crimes-street/all-crime", {"poly": poly})
    assert response.status_code == 200
    conforms(response, "/api/crimes-street/all-crime", "POST")


def test_a_repeat_get_is_served_from_the_cache_without_a_query(
    client, world, cache_backend, django_assert_num_queries
):
    path = f"/api/testforce/{world.wards['a1'].police_uk_id}"
    first = client.get(path)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        again = client.get(path)
    assert again.status_code == 200 and again.content == first.content
    for response in (first, again):
        assert response["Cache-Control"] == "public, max-age=300"
        assert response["Access-Control-Allow-Origin"] == "*"
        assert response["Content-Type"] == "application/json"
        assert "Content-Security-Policy" in response


def test_a_change_to_what_the_api_shows_makes_the_stored_answer_old(client, world, cache_backend):
    path = f"/api/testforce/{world.wards['a1'].police_uk_id}"
    assert "contact_details" in client.get(path).json()
    team = world.teams["a1"]
    team.email = "new.address@police.example"
    team.save()
    assert client.get(path).json()["contact_details"]["email"] == "new.address@police.example"


def test_a_gzip_client_gets_the_stored_answer_compressed(client, world):
    path = "/api/openapi.json"
    plain = client.get(path).content
    zipped = client.get(path, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert zipped["Content-Encoding"] == "gzip" and zipped["Vary"] == "Accept-Encoding"
    assert gzip.decompress(zipped.content) == plain


def test_errors_and_posts_are_not_stored(client, world):
    assert client.get("/api/forces/nowhere").status_code == 404
    assert client.post("/api/crimes-street/all-crime", {"lat": "51.5", "lng": "-0.19"}).status_code == 200
    assert client.get("/api/crimes-street/all-crime?lat=x&lng=1").status_code == 400
    assert not [key for key in cache._cache if ":policeapi:answer:" in key]
    assert client.get("/api/forces/nowhere").get("Cache-Control", "") != "public, max-age=300"


def test_a_signed_in_visitor_gets_the_same_public_answer(client_for, world):
    anonymous = client_for(None).get("/api/forces")
    signed_in = client_for("central_unit").get("/api/forces")
    assert anonymous.content == signed_in.content and signed_in["Cache-Control"] == "public, max-age=300"


def test_the_platform_api_is_not_shadowed(client, world):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] != "police.uk-compatible API"
    assert client.get("/api/openapi.json").json()["info"]["title"] == "police.uk-compatible API"


DOCUMENTED = {
    "/api/forces", "/api/forces/{force}", "/api/forces/{force}/people", "/api/{force}/neighbourhoods",
    "/api/{force}/{neighbourhood}", "/api/{force}/{neighbourhood}/boundary",
    "/api/{force}/{neighbourhood}/people", "/api/{force}/{neighbourhood}/events",
    "/api/{force}/{neighbourhood}/priorities", "/api/locate-neighbourhood",
    "/api/crime-categories", "/api/crimes-street/{category}", "/api/outcomes-at-location",
    "/api/crimes-at-location", "/api/crimes-no-location", "/api/outcomes-for-crime/{persistent_id}",
    "/api/crimes-street-dates", "/api/crime-last-updated", "/api/stops-street", "/api/stops-at-location",
    "/api/stops-no-location", "/api/stops-force",
}  # fmt: skip


def test_the_openapi_document_declares_every_method_and_its_errors(client, world):
    document = orjson.loads(client.get("/api/openapi.json").content)
    assert set(document["paths"]) == DOCUMENTED
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            answers = operation["responses"]
            assert {"200", "400", "429"} <= set(answers), (path, method)
            assert answers["429"]["headers"]["Retry-After"]["required"] is True
            assert "content" not in answers["429"]
            if "{" in path:
                assert "404" in answers and "content" not in answers["404"], path
    for path in ("/api/crimes-street/{category}", "/api/outcomes-at-location", "/api/stops-street"):
        assert "503" in document["paths"][path]["get"]["responses"]
        form = document["paths"][path]["post"]["requestBody"]["content"]
        assert "poly" in form["application/x-www-form-urlencoded"]["schema"]["properties"]
    priority = document["components"]["schemas"]["NeighbourhoodPriority"]
    assert set(priority["required"]) == {"issue", "action", "issue-date", "action-date"}


def test_publishing_crimes_makes_the_stored_crime_answers_old(client, world, cache_backend):
    """A rebuild of the published layer writes in bulk (no signals), so the stored answers must follow
    the layer's own version (sn.incidents.disclosure.published_version_bump), or a month published
    again would be served as it was for SN_PUBLIC_CACHE_SECONDS."""
    path = "/api/crimes-street-dates"
    assert client.get(path).json() == []
    published_layer(world)
    published_version_bump()
    assert client.get(path).json() != []


def test_a_workers_recent_answers_are_bounded_in_bytes_least_recently_used_out_first():
    answers = RecentAnswers(limit=10)
    answers.put("a", ("v", (), b"aaaa", None))
    answers.put("b", ("v", (), b"bb", b"bb"))
    assert answers.get("a", "v") is not None  # a is now the most recently used
    answers.put("c", ("v", (), b"cccc", None))
    assert answers.get("b", "v") is None and answers.get("a", "v") and answers.get("c", "v")
    assert answers.size == 8
    answers.put("huge", ("v", (), b"x" * 11, None))
    assert answers.get("huge", "v") is None and answers.size == 8


def test_a_workers_recent_answer_is_never_served_once_the_shared_version_moves(client, world, cache_backend):
    path = "/api/crimes-street-dates"
    assert client.get(path).json() == []
    published_layer(world)
    # As another worker or machine would: only the shared version moves, this worker's copy stays.
    cache.set(PUBLISHED_VERSION_KEY, "moved elsewhere", timeout=None)
    assert client.get(path).json() != []
