from django import template

from sn.performance.stats import Direction

register = template.Library()

_WORDS = {
    "force": {Direction.BETTER: "Better", Direction.WORSE: "Worse", Direction.SIMILAR: "No difference"},
    "group": {Direction.BETTER: "Better", Direction.WORSE: "Worse", Direction.SIMILAR: "No difference"},
    "year": {Direction.BETTER: "Improving", Direction.WORSE: "Declining", Direction.SIMILAR: "No change"},
}
_COLOURS = {
    Direction.BETTER: "govuk-tag--green",
    Direction.WORSE: "govuk-tag--red",
    Direction.SIMILAR: "govuk-tag--grey",
}


@register.filter
def pct(value) -> str:
    """0.563 -> "56.3%"."""
    # A missing figure reaches a filter as None, or as "" when the template looked inside a None.
    return f"{value * 100:.1f}%" if isinstance(value, int | float) else "–"


@register.inclusion_tag("performance/_flag.html")
def flag(comparison, kind: str):
    if comparison is None:
        return {"text": "Not enough data", "colour": "", "detail": ""}
    return {
        "text": _WORDS[kind][comparison.direction],
        "colour": _COLOURS[comparison.direction],
        "detail": f"{comparison.test.difference * 100:+.1f} points against {comparison.other.estimate:.1%}",
    }
