"""How the profile writes a loaded figure: as given, with thousands separated and no trailing zeros
(a count stored as 4181.000000 reads 4,181; a rank 8495.3 reads 8,495.3)."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def figure(value) -> str:
    if value is None:
        return "–"
    number = Decimal(value).normalize()
    places = max(-number.as_tuple().exponent, 0)
    return f"{number:,.{places}f}"
