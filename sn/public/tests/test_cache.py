"""The public pages' cache (sn.public.cache): a repeat anonymous visit is answered from the cache with
no query and every security header; a signed-in visitor never reads or fills it; a change the pages
show makes every stored page old."""

import gzip

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from sn.panels.models import Priority, Statement
from sn.panels.services.statements import statement_publish
from sn.panels.tests.factories import MeetingFactory, PanelFactory, PriorityFactory
from sn.public.cache import VERSION_KEY, PublicPageCacheMiddleware, clear_local, public_page

pytestmark = pytest.mark.django_db

SECURITY_HEADERS = (
    "Content-Security-Policy",
    "Permissions-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
)


@pytest.fixture
def url(world):
    return reverse("public:ward", args=[world.wards["a1"].code])


def test_a_repeat_visit_is_answered_from_the_cache_without_a_query(client, url, django_assert_num_queries):
    first = client.get(url)
    assert first["X-SN-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.status_code == 200
    assert second["X-SN-Cache"] == "hit"
    assert second.content == first.content
    assert second["Cache-Control"] == "public, max-age=300"
    for header in SECURITY_HEADERS:
        assert second[header] == first[header], header
    assert "default-src 'self'" in second["Content-Security-Policy"]
    assert int(second["Age"]) >= 0
    assert not second.cookies


def test_every_public_page_is_cached(client, world):
    for url in (
        reverse("public:home"),
        reverse("public:force_map"),
        reverse("public:borough", args=[world.boroughs["a"].code]),
    ):
        client.get(url)
        assert client.get(url)["X-SN-Cache"] == "hit", url


def test_the_stored_page_is_sent_compressed_to_a_browser_that_accepts_it(client, url):
    plain = client.get(url)
    compressed = client.get(url, headers={"accept-encoding": "gzip, deflate, br"})
    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content
    assert int(compressed["Content-Length"]) == len(compressed.content)
    assert "Accept-Encoding" in plain["Vary"] and "Accept-Encoding" in compressed["Vary"]
    # A signed-in visitor's answer to the same URL says no-store: a shared cache must tell them apart.
    assert "Cookie" in plain["Vary"]


def test_a_signed_in_visitor_never_gets_a_stored_page_nor_stores_one(client_for, world, url):
    anonymous = Client()
    anonymous.get(url)  # stored
    staff = client_for("sergeant")
    response = staff.get(url)
    assert response.status_code == 200
    assert "X-SN-Cache" not in response
    assert response["Cache-Control"] == "no-store"

    cache.clear()
    clear_local()
    staff.get(url)
    staff.get(url)
    assert anonymous.get(url)["X-SN-Cache"] == "miss"  # the signed-in visits stored nothing


def test_any_session_cookie_passes_the_cache_by(client, url):
    client.get(url)
    client.cookies["sessionid"] = "not-even-a-real-session"
    assert "X-SN-Cache" not in client.get(url)


def test_a_page_with_a_query_string_is_not_stored(client, world):
    url = reverse("public:home") + "?q=ward"
    client.get(url)
    assert "X-SN-Cache" not in client.get(url)
    assert client.get(url)["Cache-Control"] == "public, max-age=300"


def test_a_page_that_is_not_found_is_not_stored(client, world):
    client.get("/local/E05999999/")
    assert "X-SN-Cache" not in client.get("/local/E05999999/")


def _through_middleware(view):
    request = RequestFactory().get("/local/somewhere/")
    return PublicPageCacheMiddleware(public_page(view))(request)


def test_a_page_that_sets_a_cookie_or_holds_a_csrf_token_is_never_stored():
    def with_cookie(request):
        response = HttpResponse("hello")
        response.set_cookie("x", "1")
        return response

    def with_token(request):
        return HttpResponse(f"<input value='{get_token(request)}'>")

    for view in (with_cookie, with_token):
        assert "X-SN-Cache" not in _through_middleware(view)
        assert "X-SN-Cache" not in _through_middleware(view)


def test_a_page_not_marked_public_is_never_stored():
    def plain(request):
        return HttpResponse("not marked")

    request = RequestFactory().get("/local/somewhere/")
    middleware = PublicPageCacheMiddleware(plain)
    middleware(request)
    assert "X-SN-Cache" not in middleware(request)


def test_publishing_a_statement_makes_the_stored_pages_old(
    client, world, url, django_capture_on_commit_callbacks
):
    panel = PanelFactory(neighbourhood=world.wards["a1"])
    priority = PriorityFactory(selected_at=MeetingFactory(panel=panel), owner=world.officers["sergeant_a"])
    Priority.objects.filter(pk=priority.pk).update(
        status=Priority.Status.CLOSED,
        resolved_at=priority.selected_at,
        endorsed_at=timezone.now(),
        ended_on=timezone.localdate(),
    )
    statement = Statement.objects.create(
        priority=priority,
        you_said="You said the alley was dark",
        we_did="We had the lights mended",
        status=Statement.Status.APPROVED,
        approved_at=timezone.now(),
    )
    borough_url = reverse("public:borough", args=[world.boroughs["a"].code])
    for page in (url, borough_url):
        client.get(page)
    assert "We had the lights mended" not in client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        statement_publish(statement=statement, actor=world.user("sergeant"))
    assert callbacks  # and again once committed

    response = client.get(url)
    assert response["X-SN-Cache"] == "miss"
    assert "We had the lights mended" in response.content.decode()
    assert client.get(borough_url)["X-SN-Cache"] == "miss"


def test_a_lost_version_never_brings_old_pages_back(client, url):
    client.get(url)
    cache.delete(VERSION_KEY)
    clear_local()  # as another worker, or this one LOCAL_SECONDS later
    assert client.get(url)["X-SN-Cache"] == "miss"
    assert client.get(url)["X-SN-Cache"] == "hit"


def test_a_worker_serves_a_busy_page_from_its_own_memory_for_a_moment(client, url, monkeypatch):
    client.get(url)
    cache.clear()  # the shared cache is gone: this worker still has the page for LOCAL_SECONDS
    assert client.get(url)["X-SN-Cache"] == "hit"
    monkeypatch.setattr("sn.public.cache.LOCAL_SECONDS", 0.0)
    clear_local()
    assert client.get(url)["X-SN-Cache"] == "miss"
    assert client.get(url)["X-SN-Cache"] == "hit"  # from the shared cache, LOCAL_SECONDS being 0
