"""Every page shows numbers through sn_numbers: the same figure looks the same on every page."""

import pytest
from django.template import Context, Template

from sn.core.templatetags.sn_numbers import count, decimal, percent, rate, signed, signed_percent


@pytest.mark.parametrize(
    ("value", "shown"),
    [(1234, "1,234"), (15000, "15,000"), (2.5, "2.5"), (3.0, "3"), (0.333, "0.3"), (0.96, "1"), (0, "0")],
)
def test_a_count_has_thousands_separators_and_a_decimal_only_when_it_is_a_share(value, shown):
    assert count(value) == shown


@pytest.mark.parametrize("missing", [None, "", "n/a"])
def test_a_missing_figure_is_a_dash_whatever_the_filter(missing):
    for show in (count, signed, rate, decimal, percent, signed_percent):
        assert show(missing) == "–"


def test_a_negative_number_takes_the_minus_sign_and_a_rounded_zero_has_none():
    assert signed(-144) == "−144"
    assert count(-0.04) == "0"
    assert rate(-0.01) == "0.0"
    assert signed_percent(-0.001) == "0%"


def test_changes_carry_their_sign():
    assert signed(1234) == "+1,234"
    assert signed(0) == "0"
    assert signed_percent(0.12) == "+12%"
    assert signed_percent(-0.25) == "−25%"
    assert signed_percent(0) == "0%"


def test_rates_percentages_and_ratios():
    assert rate(1020.44) == "1,020.4"
    assert percent(0.563) == "56.3%"
    assert percent(0.94, 0) == "94%"
    assert decimal(10.54) == "10.5"
    assert decimal(16.6666, 2) == "16.67"


def test_the_filters_work_in_a_template():
    template = Template("{% load sn_numbers %}{{ n|count }} · {{ r|rate }} · {{ p|percent:0 }}")
    assert template.render(Context({"n": 15000, "r": None, "p": 0.5})) == "15,000 · – · 50%"
