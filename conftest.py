import pytest

from sn.testing.world import build_world


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def client_for(client, world):
    """A client signed in as the world's user of a role (a Role value), or anonymous for None."""

    def sign_in(role: str | None):
        client.logout()
        if role is not None:
            client.force_login(world.user(role))
        return client

    return sign_in
