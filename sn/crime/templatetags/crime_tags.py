"""What only the crime pages show: p-values and the change on a year earlier. Every other number goes
through sn_numbers, as on every page."""

from django import template

from sn.core.templatetags.sn_numbers import MISSING, signed_percent
from sn.crime.stats import CountChange

register = template.Library()


@register.filter
def p_value(value: float) -> str:
    """0.0357 as "0.036", anything under 0.001 as "< 0.001", 1 as "1"."""
    if value < 0.001:
        return "< 0.001"
    return "1" if value >= 0.9995 else f"{value:.3f}"


@register.filter
def percent_change(change: CountChange) -> str:
    """The change as a share of the earlier count, "+12%"; a dash when there was nothing earlier."""
    pct = change.percent_change
    return MISSING if pct is None else signed_percent(pct / 100)
