"""Formatting for the crime pages: p-values, signed changes and rates."""

from django import template

from sn.crime.stats import CountChange

register = template.Library()

NOT_APPLICABLE = "–"


@register.filter
def p_value(value: float) -> str:
    """0.0357 as "0.036", anything under 0.001 as "< 0.001", 1 as "1"."""
    if value < 0.001:
        return "< 0.001"
    return "1" if value >= 0.9995 else f"{value:.3f}"


@register.filter
def signed(value: int | float) -> str:
    if value > 0:
        return f"+{value:,}"
    return f"−{abs(value):,}" if value < 0 else "0"


@register.filter
def percent_change(change: CountChange) -> str:
    pct = change.percent_change
    if pct is None:
        return NOT_APPLICABLE
    return f"{'+' if pct > 0 else '−' if pct < 0 else ''}{abs(pct):.0f}%"


@register.filter
def rate(value: float | None) -> str:
    """A rate per 1,000 to one decimal place, or a dash when the population is unknown."""
    return NOT_APPLICABLE if value is None else f"{value:,.1f}"


@register.filter
def demand(value: float) -> str:
    """The demand index: whole numbers without decimals, halves (ASB at 0.5) with one."""
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"
