import pytest
from django.core.cache import cache

from sn.public.tests.helpers import full_ward


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with no stored public page (the test world's codes are the same every time)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def ward_a1(world):
    return full_ward(world)
