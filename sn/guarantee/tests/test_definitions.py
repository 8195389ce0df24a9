"""The scorecard definitions this app registers are read by the public: plain English, real numbers."""

import re

import pytest
from django.conf import settings

from sn.core.registries import SCORECARD_MEASURES

KEYS = ("named_officer", "priorities_fresh")
CODE = re.compile(r"\bsn\.|\bSN_|[a-z][A-Z]|_[a-z]")


@pytest.mark.parametrize("key", KEYS)
def test_definitions_and_labels_name_no_code(key):
    measure = SCORECARD_MEASURES.get(key)
    for text in (measure.definition_text, measure.label):
        assert not CODE.search(text), text


def test_definitions_give_the_settings_numbers():
    named = SCORECARD_MEASURES.get("named_officer")
    assert f"more than {settings.SN_NAMED_OFFICER_ABSENCE_DAYS} days" in named.definition_text
    fresh = SCORECARD_MEASURES.get("priorities_fresh")
    assert f"{settings.SN_PRIORITY_STALE_DAYS} days" in fresh.definition_text
    assert f"{settings.SN_PRIORITY_STALE_DAYS} days" in fresh.label
