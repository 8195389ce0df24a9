import pytest
from hypothesis import settings

from sn.testing.world import build_world

# No deadline on examples: a property test checks answers, not speed (speed belongs to benchmarks/),
# and a loaded machine made examples miss the default 200 ms. Examples stay random (no derandomize).
settings.register_profile("sn", deadline=None)
settings.load_profile("sn")


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
