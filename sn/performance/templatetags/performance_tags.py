from django import template

from sn.performance.selectors import SurveyMethod, survey_method
from sn.performance.stats import Direction, Method

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
    Direction.TOO_FEW: "govuk-tag--grey",
}


@register.inclusion_tag("performance/_flag.html")
def flag(comparison, kind: str):
    if comparison is None:
        return {"text": "Not enough data", "colour": "", "detail": ""}
    test = comparison.test
    figures = f"{test.difference * 100:+.1f} points against {comparison.other.estimate:.1%}"
    if comparison.direction is Direction.TOO_FEW:
        # No direction at all: a grey "No difference" would claim the gap was tested and found small.
        return {"text": "Too few responses to compare", "colour": _COLOURS[Direction.TOO_FEW],
                "detail": f"{figures}; {test.reason}"}  # fmt: skip
    if test.method is Method.FISHER:
        figures = f"{figures} ({test.method}: {test.reason})"
    return {
        "text": _WORDS[kind][comparison.direction],
        "colour": _COLOURS[comparison.direction],
        "detail": figures,
    }


@register.simple_tag
def survey_settings() -> SurveyMethod:
    """The design effect and minimums in force, for the pages' explanation of the method."""
    return survey_method()
