"""Measure definitions are read by the public (the public scorecard shows them): plain English with the
configured values, never a setting's name (QA S6)."""

import pytest
from django.test import override_settings

from sn.core.registries import SCORECARD_MEASURES, MeasureUnit, ScorecardMeasure
from sn.geography.scope import Scope
from sn.scorecard.selectors import default_month
from sn.scorecard.views.export import export_rows


def _text(key: str) -> str:
    return SCORECARD_MEASURES.get(key).definition_text


def test_no_registered_definition_or_label_names_a_setting():
    assert len(SCORECARD_MEASURES) >= 10  # every app's measures are registered
    for entry in SCORECARD_MEASURES:
        assert "SN_" not in entry.definition_text, entry.key
        assert "SN_" not in entry.label, entry.key


@pytest.mark.parametrize(
    ("target", "words"),
    [
        (0.5, "more than half of their working minutes"),
        (0.75, "more than three quarters of"),
        (0.6, "more than 60%"),
    ],
)
def test_the_community_time_definition_says_the_configured_share_in_words(target, words):
    with override_settings(SN_COMMUNITY_TIME_TARGET=target):
        assert words in _text("community_time_majority")


def test_the_town_centre_definition_lists_the_configured_categories_with_police_uk_labels():
    text = _text("town_centre_crime")
    assert "Shop theft (police.uk: Shoplifting)" in text
    assert "Theft from the person (police.uk: Theft from the person)" in text
    assert "Assault on retail workers (not recorded by police.uk, so not counted)" in text
    only_shop_theft = {"shop_theft": {"label": "Shop theft", "categories": ["shoplifting", "other-theft"]}}
    with override_settings(SN_TOWN_CENTRE_CRIME_CATEGORIES=only_shop_theft):
        text = _text("town_centre_crime")
    assert "Shop theft (police.uk: Shoplifting, Other theft)" in text
    assert "Robbery" not in text


def test_a_definition_rendered_from_settings_is_refused_when_it_renders_empty():
    with pytest.raises(ValueError, match="needs a definition"):
        ScorecardMeasure("x", "X", lambda: " ", "Tests", MeasureUnit.COUNT, 1, lambda s, e: {})


@pytest.mark.django_db
def test_the_national_return_carries_the_rendered_definition(world):
    rows = export_rows(Scope(everything=True), default_month(), "XX")
    definitions = {row[3]: row[5] for row in rows}
    assert definitions["community_time_majority"] == _text("community_time_majority")
    assert "more than half" in definitions["community_time_majority"]
    assert not any("SN_" in text for text in definitions.values())


@pytest.mark.parametrize(
    ("key", "overrides", "words"),
    [
        ("asb_risk_first_contact", {"SN_ASB_FIRST_CONTACT_HOURS": 48}, "within 48 hours of the report"),
        (
            "asb_flagged_before_asked",
            {
                "SN_ASB_CASE_REVIEW_REPORTS": 4,
                "SN_ASB_CASE_REVIEW_MONTHS": 3,
                "SN_ASB_REPORT_WITHIN_DAYS": 14,
            },
            "4 reports within 3 months, each made within 14 days of the incident",
        ),
        (
            "queries_answered_in_time",
            {"SN_QUERY_CLOCK_HOURS": 48, "SN_QUERY_CLOCK_WORKING_TIME": True},
            "48 working hours",
        ),
        ("named_officer", {"SN_NAMED_OFFICER_ABSENCE_DAYS": 21}, "more than 21 days in a row"),
        ("priorities_fresh", {"SN_PRIORITY_STALE_DAYS": 60}, "within 60 days of that day"),
    ],
)
def test_definitions_follow_the_settings_they_describe(key, overrides, words):
    # National definitions will change: the scorecard says what it counts now, not at start-up.
    with override_settings(**overrides):
        assert words in _text(key)
