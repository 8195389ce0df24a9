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


@pytest.fixture
def page(live_server):
    """A phone-sized page in a real Chromium, for tests marked with sn.testing.browser.BROWSER."""
    from sn.testing.browser import open_page

    yield from open_page(live_server)
