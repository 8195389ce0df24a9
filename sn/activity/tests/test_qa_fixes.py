"""Defects found by the QA walk of the demo, each pinned by the test that failed before its fix."""

import pytest

from sn.activity.tests.test_services import _refused

pytestmark = pytest.mark.django_db


def test_an_implausibly_large_count_is_refused_naming_the_kind(world):
    # 99,999,999,999 home visits were accepted: one record would swamp the force's EPIC report, and on
    # PostgreSQL a count past the integer column's range failed the page instead of the field.
    message = _refused(world, "home_visits", counts={"home_visits": 99_999_999_999})
    assert "Home visits" in message
    assert "cannot be more than" in message
