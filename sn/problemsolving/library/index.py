"""The good-practice library's search index: which closed, assessed cases it holds and their text.

An entry is written from its case by `entry_for`; the database keeps its full-text index in step with
the entry table by itself (see sn.problemsolving.library.models), so writing the entry is all a refresh
does. `library_rebuild` brings the whole library in line with the cases, and writes nothing when it
already is (`sn library-rebuild`).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Prefetch
from django.utils import timezone

from sn.incidents.categories import Category
from sn.problemsolving.library.models import LibraryEntry
from sn.problemsolving.models import Assessment, Case, Intervention, ResponseOption

FTS = "problemsolving_library_fts"
VECTORS = "problemsolving_library_vector"
TABLE = LibraryEntry._meta.db_table
# The fields an entry is compared on by the rebuild (all but the bookkeeping).
COMPARED = [f.attname for f in LibraryEntry._meta.concrete_fields if f.name not in ("case", "refreshed_at")]
BATCH = 1000


def _in_library(queryset):
    return queryset.filter(stage=Case.Stage.CLOSED, assessment__isnull=False)


def _with_parts(queryset):
    return queryset.select_related("assessment").prefetch_related(
        Prefetch("options", queryset=ResponseOption.objects.order_by("-chosen", "id")),
        Prefetch(
            "interventions",
            queryset=Intervention.objects.select_related("organisation").order_by("due_on", "id"),
        ),
    )


def result_in_words(figures: dict) -> str:
    """The assessment's computed comparison in words, when its figures hold one: the sentence the
    assessment stored, or a short one made from the ratio."""
    if not isinstance(figures, dict):
        return ""
    for key in ("sentence", "in_words", "words", "summary"):
        if isinstance(figures.get(key), str) and figures[key].strip():
            return figures[key].strip()
    comparison = figures.get("comparison") if isinstance(figures.get("comparison"), dict) else figures
    ratio = comparison.get("ratio")
    if not isinstance(ratio, int | float) or isinstance(ratio, bool):
        return ""
    percent = round(abs(1 - ratio) * 100)
    if percent == 0:
        change = "changed in step with the rest of the borough"
    elif ratio < 1:
        change = f"fell by {percent}% more than in the rest of the borough"
    else:
        change = f"rose by {percent}% more than in the rest of the borough"
    significant = comparison.get("significant")
    chance = (
        "" if significant is None else ("; unlikely to be chance" if significant else "; could be chance")
    )
    return f"Recorded crime of the case's categories {change} (ratio {ratio:.2f}){chance}."


def _done(options: Iterable[ResponseOption], interventions: Iterable[Intervention]) -> list[dict]:
    """What was done, without names of people: the chosen options and every intervention by whom."""
    done = [
        {"what": o.description, "why": o.reason, "by": "", "status": "Chosen", "note": ""}
        for o in options
        if o.chosen
    ]
    for i in interventions:
        by = i.get_delivered_by_display()
        if i.delivered_by == Intervention.DeliveredBy.PARTNER and i.organisation is not None:
            by = f"{i.organisation.name} ({by.lower()})"
        done.append(
            {
                "what": i.description,
                "why": "",
                "by": by,
                "status": i.get_status_display(),
                "note": i.outcome_note,
            }
        )
    return done


def _body(case: Case, assessment: Assessment, done: list[dict]) -> str:
    triangle = [case.victim, case.offender, case.location, case.guardian, case.handler, case.manager]
    parts = [case.analysis_summary, *triangle]
    parts += [f"{d['what']}. {d['why']} {d['note']}" for d in done]
    parts += [assessment.get_outcome_display(), assessment.evidence]
    parts += [dict(Category.choices).get(code, code) for code in case.categories]
    return "\n".join(p.strip() for p in parts if p and p.strip())


def entry_for(case: Case) -> LibraryEntry | None:
    """The case's library entry (unsaved), or None when the case does not belong in the library. The
    case must come with its assessment, options and interventions (`_with_parts`) or they are fetched."""
    if case.stage != Case.Stage.CLOSED or case.closed_on is None:
        return None
    try:
        assessment = case.assessment
    except Assessment.DoesNotExist:
        return None
    done = _done(case.options.all(), case.interventions.all())
    return LibraryEntry(
        case_id=case.pk,
        neighbourhood_id=case.neighbourhood_id,
        title=case.title,
        statement=case.problem_statement,
        body=_body(case, assessment, done),
        category_codes=case.category_codes,
        outcome=assessment.outcome,
        period_start=case.period_start,
        period_end=case.period_end,
        response_started_on=case.response_started_on,
        closed_on=case.closed_on,
        done=done,
        evidence=assessment.evidence,
        result_in_words=result_in_words(assessment.figures),
    )


def library_entry_refresh(*, case: Case) -> None:
    """Bring the case's library entry in line with the case: add it when the case is closed and assessed,
    rewrite it when its text changed, remove it otherwise. Called by the services that close a case or
    change a closed one."""
    fresh = _with_parts(Case.objects.filter(pk=case.pk)).first()
    entry = entry_for(fresh) if fresh is not None else None
    with transaction.atomic():
        if entry is None:
            LibraryEntry.objects.filter(case_id=case.pk).delete()
        else:
            # The case is the primary key: an UPDATE when the entry exists, an INSERT when not.
            entry.save()


def _reindex() -> None:
    """The database's full-text index read afresh from the entries: repairs it should anything have
    bypassed the triggers that keep it (a restored dump, a hand edit)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"INSERT INTO {FTS} ({FTS}) VALUES ('rebuild')")
        elif connection.vendor == "postgresql":
            cursor.execute(f"DELETE FROM {VECTORS} WHERE case_id NOT IN (SELECT case_id FROM {TABLE})")  # noqa: S608
            # Rewriting the title to itself fires the trigger that writes each vector.
            cursor.execute(
                f"UPDATE {TABLE} SET title = title WHERE case_id NOT IN (SELECT case_id FROM {VECTORS})"  # noqa: S608
            )


@dataclass(frozen=True)
class Rebuilt:
    added: int
    changed: int
    removed: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.added + self.changed + self.unchanged

    def __str__(self) -> str:
        return (
            f"{self.total:,} cases in the library: {self.added:,} added, {self.changed:,} rewritten, "
            f"{self.removed:,} removed, {self.unchanged:,} unchanged"
        )


def _values(entry: LibraryEntry) -> tuple:
    return tuple(getattr(entry, name) for name in COMPARED)


def library_rebuild() -> Rebuilt:
    """Every closed, assessed case in the library and nothing else, each entry as its case stands now,
    and the full-text index rebuilt from the entries. Run again, it changes nothing."""
    added = changed = unchanged = 0
    now = timezone.now()
    with transaction.atomic():
        eligible = _in_library(Case.objects.all()).values_list("pk", flat=True)
        removed, _ = LibraryEntry.objects.exclude(case_id__in=eligible).delete()
        existing = {e.case_id: _values(e) for e in LibraryEntry.objects.only(*COMPARED, "case")}
        cases = _with_parts(_in_library(Case.objects.order_by("pk")))
        new, rewritten = [], []
        for case in cases.iterator(chunk_size=BATCH):
            entry = entry_for(case)
            if case.pk not in existing:
                new.append(entry)
            elif existing[case.pk] != _values(entry):
                entry.refreshed_at = now  # bulk_update does not stamp auto_now fields
                rewritten.append(entry)
            else:
                unchanged += 1
            if len(new) >= BATCH:
                added += len(LibraryEntry.objects.bulk_create(new))
                new = []
            if len(rewritten) >= BATCH:
                changed += LibraryEntry.objects.bulk_update(rewritten, [*COMPARED, "refreshed_at"])
                rewritten = []
        added += len(LibraryEntry.objects.bulk_create(new))
        changed += (
            LibraryEntry.objects.bulk_update(rewritten, [*COMPARED, "refreshed_at"]) if rewritten else 0
        )
        _reindex()
    return Rebuilt(added=added, changed=changed, removed=removed, unchanged=unchanged)
