import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with no stored public page (the test world's codes are the same every time)."""
    cache.clear()
    yield
    cache.clear()
