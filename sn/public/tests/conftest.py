import pytest
from django.core.cache import cache

from sn.public.cache import clear_local
from sn.public.tests.helpers import full_ward


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with no stored public page (the test world's codes are the same every time)."""
    cache.clear()
    clear_local()
    yield
    cache.clear()
    clear_local()


@pytest.fixture
def ward_a1(world):
    return full_ward(world)
