"""One way to show a number on every page: counts, rates, percentages and changes.

Thousands are separated by commas, a missing figure is a dash, and a negative number takes the minus
sign (U+2212), which a screen reader reads as "minus" where it may skip a hyphen. Staffing counts can
be fractions (a sergeant shared by two wards is half a sergeant in each), so a count keeps one decimal
place when it has one and drops ".0" when it does not.
"""

from django import template

register = template.Library()

MISSING = "–"
MINUS = "−"


def _is_number(value) -> bool:
    # A missing figure reaches a filter as None, or as "" when the template looked inside a None.
    return isinstance(value, int | float) and not isinstance(value, bool)


def _fixed(value: float, places: int, *, plus: bool = False, scale: float = 1, suffix: str = "") -> str:
    """`value` x `scale` to `places` decimal places with separators, the sign as the module says. Rounded
    before the sign is chosen, so that -0.01 is "0.0", not "−0.0"."""
    rounded = round(value * scale, places) + 0.0  # + 0.0 turns -0.0 into 0.0
    text = f"{abs(rounded):,.{places}f}{suffix}"
    if rounded < 0:
        return MINUS + text
    return f"+{text}" if plus and rounded > 0 else text


@register.filter
def count(value) -> str:
    """1234 -> "1,234"; 2.5 -> "2.5"; 3.0 -> "3"; 0.333 -> "0.3"."""
    if not _is_number(value):
        return MISSING
    return _fixed(value, 0 if round(value, 1) == round(value) else 1)


@register.filter
def signed(value) -> str:
    """A change in a count: "+1,234", "−144", "0"."""
    if not _is_number(value):
        return MISSING
    return _fixed(value, 0 if round(value, 1) == round(value) else 1, plus=True)


@register.filter
def rate(value) -> str:
    """A rate per 1,000 residents, to one decimal place: 1020.44 -> "1,020.4"."""
    return _fixed(value, 1) if _is_number(value) else MISSING


@register.filter
def decimal(value, places: int = 1) -> str:
    """A measured quantity to `places` decimal places, e.g. a ratio: 10.54 -> "10.5"."""
    return _fixed(value, int(places)) if _is_number(value) else MISSING


@register.filter
def percent(value, places: int = 1) -> str:
    """A share given as a fraction: 0.563 -> "56.3%"; with 0 places, 0.94 -> "94%"."""
    return _fixed(value, int(places), scale=100, suffix="%") if _is_number(value) else MISSING


@register.filter
def signed_percent(value, places: int = 0) -> str:
    """A change given as a fraction: 0.12 -> "+12%", -0.25 -> "−25%", 0 -> "0%"."""
    return _fixed(value, int(places), plus=True, scale=100, suffix="%") if _is_number(value) else MISSING
