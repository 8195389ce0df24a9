"""The request id: taken from the proxy when well formed, made here otherwise, and sent back."""

import re

import pytest

from sn.ops.middleware import VALID_REQUEST_ID, request_id_for


def test_a_request_without_an_id_is_given_a_new_one(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert first != second


def test_the_proxys_id_is_passed_through_when_well_formed(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="7d0c4a1e-2f9b-4c31-9d55-0e8a6b1f3c22")
    assert response["X-Request-ID"] == "7d0c4a1e-2f9b-4c31-9d55-0e8a6b1f3c22"


@pytest.mark.parametrize(
    "sent",
    [
        "short",  # under 8 characters
        "x" * 129,  # over 128
        "has spaces in it",
        "line\nbreak-injected",
        '"quoted-value"',
        "-starts-with-a-dash",
        "naïve-unicode-id",
    ],
)
def test_a_malformed_id_is_refused_and_a_new_one_made(client, sent):
    returned = client.get("/healthz", HTTP_X_REQUEST_ID=sent)["X-Request-ID"]
    assert returned != sent
    assert re.fullmatch(r"[0-9a-f]{32}", returned)


def test_the_id_is_read_from_the_header_the_settings_name(client, settings):
    settings.SN_REQUEST_ID_HEADER = "X-Correlation-ID"
    response = client.get(
        "/healthz", HTTP_X_CORRELATION_ID="corr-12345678", HTTP_X_REQUEST_ID="other-12345678"
    )
    assert response["X-Request-ID"] == "corr-12345678"


def test_no_header_named_means_the_id_is_always_made_here(rf, settings):
    settings.SN_REQUEST_ID_HEADER = ""
    assert request_id_for(rf.get("/", HTTP_X_REQUEST_ID="from-the-client-1")) != "from-the-client-1"


def test_every_response_carries_the_id_a_refused_one_too(client_for):
    response = client_for("team_officer").get("/admin/")
    assert response.status_code == 302
    assert response["X-Request-ID"]
    assert client_for(None).get("/no-such-page")["X-Request-ID"]


def test_the_pattern_accepts_common_proxy_ids():
    for sent in (
        "0123456789abcdef0123456789abcdef",
        "Root=1-5759e988-bd862e3fe1be46a994272793",
        "req:abc.def_12",
    ):
        assert VALID_REQUEST_ID.fullmatch(sent), sent
