"""The access matrix of every platform API operation again, with each role calling through an API token of
its world user instead of a browser session: a token must reach exactly what the session reaches (the
same 401, 403, 404 and lists), since it acts as its owner."""

import pytest
from django.test import Client

from sn.accounts.tokens import api_token_create
from sn.core.tests.test_access_matrix import MATRIX, matrix_failures
from sn.testing.access import ALL_ROLES
from sn.testing.world import build_wide_world

API_ROUTES = sorted(name for name in MATRIX if name.startswith("api:"))
CASES = [(name, role) for name in API_ROUTES for role in [None, *sorted(ALL_ROLES)]]


@pytest.fixture
def world(db):
    return build_wide_world()


@pytest.fixture
def token_client_for(world):
    """A client carrying an API token of the world's user of a role (no session), or none for None."""

    def make(role: str | None) -> Client:
        if role is None:
            return Client()
        _, raw = api_token_create(owner=world.user(role), name="access matrix")
        return Client(headers={"Authorization": f"Bearer {raw}"})

    return make


def test_every_api_operation_is_in_the_matrix():
    assert len(API_ROUTES) >= 25


@pytest.mark.parametrize(("name", "role"), CASES, ids=[f"{n}-{r or 'anonymous'}" for n, r in CASES])
def test_access_with_a_token(token_client_for, world, name, role):
    failures = matrix_failures(token_client_for, world, name, roles=[role])
    assert not failures, "\n".join(failures)
