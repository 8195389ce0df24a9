"""Schemathesis over the platform API in-process: a few hundred generated requests, valid and invalid, as
a borough lead's API token (who sees a borough) and as an anonymous caller, against a test world with
priorities, cases, events and activity in and out of scope. Not one server error, not one answer the
OpenAPI document does not describe. The police.uk-compatible API (/api/) gets the
same run, anonymous as its clients are."""

import pytest
from django.test import Client

from config.wsgi import application
from sn.accounts.tokens import api_token_create
from sn.activity.tests.helpers import ward_activity_setup
from sn.api.fuzzing import fuzz
from sn.engagement.tests.factories import EventFactory
from sn.problemsolving.tests.factories import ward_case_setup
from sn.testing.world import build_wide_world

pytestmark = pytest.mark.django_db(transaction=False)
CASES_PER_OPERATION = 12


@pytest.fixture
def world(db):
    return build_wide_world()


@pytest.fixture
def known(world):
    """Codes and ids that exist, so that generated requests also reach real answers."""
    cases = [ward_case_setup(world, key) for key in ("a1", "b1")]
    activity = ward_activity_setup(world, "a3")
    events = [EventFactory(neighbourhood=world.wards[key]) for key in ("a1", "a3", "b1")]
    return {
        "code": [w.code for w in world.wards.values()]
        + [b.code for b in world.boroughs.values()]
        + [c.code for c in world.clusters.values()],
        "pk": [c.case.pk for c in cases]
        + [c.case.priority_id for c in cases]
        + [e.pk for e in events]
        + [activity.case.pk, activity.case.priority_id],
        # The police.uk-compatible API's names for the same things.
        "force": [world.force.code],
        "neighbourhood": [w.police_uk_id for w in world.wards.values()],
    }


def _report(result) -> str:
    return "\n".join([result.summary(), *result.server_errors[:10], *result.schema_breaks[:10]])


def test_the_platform_api_with_a_borough_token_never_fails_and_keeps_to_its_schema(world, known):
    _, raw = api_token_create(owner=world.user("borough_lead"), name="schemathesis")
    result = fuzz(
        application,
        "/api/v1/openapi.json",
        cases_per_operation=CASES_PER_OPERATION,
        headers={"Authorization": f"Bearer {raw}"},
        known=known,
    )
    print("platform API, borough lead's token:", result.summary())
    assert result.requests >= 200
    assert not result.server_errors and not result.schema_breaks, _report(result)
    # The token reached real answers, not only refusals.
    assert result.statuses[200] >= 50, result.summary()


def test_the_platform_api_as_anonymous_never_fails_and_keeps_to_its_schema(world, known):
    result = fuzz(application, "/api/v1/openapi.json", cases_per_operation=4, known=known)
    print("platform API, anonymous:", result.summary())
    assert not result.server_errors and not result.schema_breaks, _report(result)
    assert set(result.statuses) <= {200, 400, 401, 404, 422}, result.summary()


def test_the_police_uk_api_never_fails_and_keeps_to_its_schema(world, known, settings):
    if Client().get("/api/openapi.json").status_code != 200:
        pytest.skip("the police.uk-compatible API serves no OpenAPI document yet")
    # Its rate limit (15 a second per address) would answer most of the run with 429 (tested on its own).
    settings.SN_POLICE_API_RATE = settings.SN_POLICE_API_BURST = 10**6
    result = fuzz(application, "/api/openapi.json", cases_per_operation=6, known=known)
    print("police.uk-compatible API:", result.summary())
    assert result.requests >= 100
    assert not result.server_errors and not result.schema_breaks, _report(result)
