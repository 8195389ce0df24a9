"""Writes of survey results: the import (CSV file or upload) and the demo seed use these."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from sn.core.audit import record_bulk_create
from sn.geography.models import Borough
from sn.performance.importing import ProgressCallback, SurveyRow, parse_survey_file
from sn.performance.models import SurveyResult


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


def _borough_lookup() -> dict[str, int]:
    lookup: dict[str, int] = {}
    for pk, code, name in Borough.objects.values_list("id", "code", "name"):
        lookup[code] = pk
        lookup.setdefault(name, pk)
    return lookup


@transaction.atomic
def survey_results_save(*, rows: Iterable[SurveyRow], source: str) -> ImportResult:
    """Create the new results and update the changed ones; each update is audited with old and new
    values, the creations as one bulk event. Re-saving the same rows changes nothing."""
    rows = list(rows)
    existing = {
        (r.borough_id, r.quarter, r.measure): r
        for r in SurveyResult.objects.filter(
            borough_id__in={row.borough_id for row in rows},
            quarter_start__in={row.quarter.start for row in rows},
        )
    }
    to_create: list[SurveyResult] = []
    updated = unchanged = 0
    for row in rows:
        current = existing.get(row.key)
        if current is None:
            to_create.append(
                SurveyResult(
                    borough_id=row.borough_id,
                    quarter_start=row.quarter.start,
                    measure=row.measure,
                    sample_size=row.sample_size,
                    positive=row.positive,
                )
            )
        elif (current.sample_size, current.positive) == (row.sample_size, row.positive):
            unchanged += 1
        else:
            current.sample_size, current.positive = row.sample_size, row.positive
            current.save(update_fields=["sample_size", "positive", "modified_at"])
            updated += 1
    SurveyResult.objects.bulk_create(to_create, batch_size=1000)
    # Each new row's values go in the batch event, so the trail answers who loaded a given figure.
    record_bulk_create(
        SurveyResult,
        to_create,
        source,
        fields=("borough", "quarter_start", "measure", "sample_size", "positive"),
    )
    return ImportResult(created=len(to_create), updated=updated, unchanged=unchanged)


def survey_results_import(
    *, data: bytes, source: str, progress: ProgressCallback | None = None
) -> ImportResult:
    """A survey CSV file's bytes, as uploaded or read from disk, all or nothing: any problem raises
    SurveyFileError naming every bad line and field, and nothing is written. `progress` (a job's)
    hears of the lines checked, then of the saving."""
    rows = parse_survey_file(data, _borough_lookup(), progress=progress)
    if progress is not None:
        progress(len(rows), len(rows), f"Saving {len(rows):,} results")
    return survey_results_save(rows=rows, source=source)
