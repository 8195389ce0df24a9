"""A system check: every scorecard measure carries a definition and a known unit, and its key fits a
snapshot row. ScorecardMeasure refuses an empty definition when it is made; this catches one made
some other way (a subclass, a measure mutated after registration) before a page shows its figure."""

from django.core.checks import Error, register

from sn.core.registries import SCORECARD_MEASURES, MeasureUnit
from sn.scorecard.models import ScorecardSnapshot

KEY_LENGTH = ScorecardSnapshot._meta.get_field("measure_key").max_length


@register()
def scorecard_measures_defined(app_configs=None, **kwargs) -> list[Error]:
    errors = []
    for entry in SCORECARD_MEASURES:
        if not entry.definition_text:
            errors.append(Error(f"Scorecard measure {entry.key!r} has no definition", id="scorecard.E001"))
        if entry.unit not in (MeasureUnit.PERCENT, MeasureUnit.COUNT, MeasureUnit.MEAN):
            errors.append(
                Error(f"Scorecard measure {entry.key!r}: unknown unit {entry.unit!r}", id="scorecard.E002")
            )
        if len(entry.key) > KEY_LENGTH:
            errors.append(
                Error(
                    f"Scorecard measure key {entry.key!r} is over {KEY_LENGTH} characters",
                    id="scorecard.E003",
                )
            )
    return errors
