"""What the library holds: closed, assessed cases only, refreshed when a case closes or a closed case
changes, and rebuilt from the cases without changing anything the second time."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from sn.problemsolving.library.index import library_entry_refresh, library_rebuild
from sn.problemsolving.library.search import library_search
from sn.problemsolving.models import Assessment, Case, LibraryEntry
from sn.problemsolving.services.cases import case_close
from sn.problemsolving.tests.factories import CaseFactory
from sn.problemsolving.tests.library_corpus import build_fixed_corpus, closed_case


def found(words: str) -> set[int]:
    return {r.entry.case_id for r in library_search(words=words, limit=50).results}


@pytest.fixture
def make(world):
    def make_case(**kwargs) -> Case:
        kwargs.setdefault("title", "Cycle thefts at the station")
        kwargs.setdefault("statement", "Bicycles stolen from the racks by the station entrance.")
        return closed_case(
            world.wards["a1"], owner=world.officers["pc_a"], recorded_by=world.users["sergeant"], **kwargs
        )

    return make_case


def test_open_and_unassessed_cases_are_not_in_the_library(make):
    closed = make()
    open_case = make(stage=Case.Stage.ASSESSMENT)
    unassessed = make(assessed=False)
    assert found("bicycles") == {closed.pk}
    assert set(LibraryEntry.objects.values_list("case_id", flat=True)) == {closed.pk}
    assert open_case.pk not in found("station") and unassessed.pk not in found("station")


def test_closing_a_case_through_the_service_puts_it_in_the_library(world):
    case = CaseFactory(
        neighbourhood=world.wards["a1"],
        owner=world.officers["pc_a"],
        title="Shoplifting at the precinct",
        problem_statement="Repeat shoplifting from the chemist and the off-licence.",
        category_codes=",shoplifting,",
        stage=Case.Stage.ASSESSMENT,
        response_started_on=datetime.date(2023, 4, 1),
    )
    Assessment.objects.create(
        case=case,
        before_start=datetime.date(2022, 10, 1),
        before_end=datetime.date(2023, 3, 1),
        after_start=datetime.date(2023, 4, 1),
        after_end=datetime.date(2023, 9, 1),
        category_codes=case.category_codes,
        outcome=Assessment.Outcome.RESOLVED,
        evidence="No shoplifting reported since the shop-watch radio scheme began.",
        recorded_by=world.users["sergeant"],
        recorded_on=datetime.date(2023, 10, 2),
    )
    assert found("shoplifting") == set()
    case_close(
        case=case, closing_note="Resolved.", on=datetime.date(2023, 10, 3), actor=world.users["sergeant"]
    )
    assert found("shoplifting") == {case.pk}
    entry = LibraryEntry.objects.get(case=case)
    assert (entry.outcome, entry.closed_on, entry.category_codes) == (
        "resolved",
        datetime.date(2023, 10, 3),
        ",shoplifting,",
    )


def test_a_change_to_a_closed_case_is_found_by_its_new_words(make):
    case = make()
    case.title = "Cycle thefts at the interchange"
    case.problem_statement = "Bikes taken from the interchange's racks."
    case.save()
    library_entry_refresh(case=case)
    assert found("interchange") == {case.pk}
    assert found("bicycles") == set()
    assessment = case.assessment
    assessment.outcome = Assessment.Outcome.DISPLACED
    assessment.evidence = "The thefts moved to the retail park's racks."
    assessment.save()
    library_entry_refresh(case=case)
    assert found("retail") == {case.pk}
    assert library_search(outcome="displaced", limit=5).entries[0].case_id == case.pk


def test_a_case_that_leaves_the_closed_stage_leaves_the_library(make):
    case = make()
    case.stage, case.closed_on = Case.Stage.ASSESSMENT, None
    case.save()
    library_entry_refresh(case=case)
    assert not LibraryEntry.objects.filter(case=case).exists()
    assert found("bicycles") == set()
    # Refreshing what is not there changes nothing.
    library_entry_refresh(case=case)
    assert not LibraryEntry.objects.exists()


def test_rebuild_is_idempotent_and_repairs_the_library(world, make):
    corpus = build_fixed_corpus(world)
    first = library_rebuild()
    assert (first.added, first.changed, first.removed, first.unchanged) == (0, 0, 0, len(corpus))
    again = library_rebuild()
    assert (again.added, again.changed, again.removed, again.unchanged) == (0, 0, 0, len(corpus))

    # Written behind the services' back: a case closed without a refresh, an entry lost, one whose
    # text went stale, and one whose case was reopened.
    missing = make(title="Graffiti on the underpass", statement="Tags sprayed nightly in the underpass.")
    LibraryEntry.objects.filter(case=missing).delete()
    LibraryEntry.objects.filter(case=corpus["vehicle"]).delete()
    LibraryEntry.objects.filter(case=corpus["asb_park"]).update(title="Stale title")
    Case.objects.filter(pk=corpus["drugs_park"].pk).update(stage=Case.Stage.ASSESSMENT, closed_on=None)
    assert found("graffiti") == set()

    repaired = library_rebuild()
    assert (repaired.added, repaired.changed, repaired.removed) == (2, 1, 1)
    assert found("graffiti") == {missing.pk}
    assert found("converters") == {corpus["vehicle"].pk}
    assert found("stale") == set() and found("youths") == {corpus["asb_park"].pk}
    assert found("dealing") == set()
    settled = library_rebuild()
    assert (settled.added, settled.changed, settled.removed) == (0, 0, 0)


def test_the_rebuild_command_says_what_it_did(world):
    build_fixed_corpus(world)
    LibraryEntry.objects.all().delete()
    out = StringIO()
    call_command("library-rebuild", stdout=out)
    assert "6 cases in the library: 6 added, 0 rewritten, 0 removed, 0 unchanged" in out.getvalue()
    out = StringIO()
    call_command("library-rebuild", stdout=out)
    assert "0 added, 0 rewritten, 0 removed, 6 unchanged" in out.getvalue()
    assert library_search(words="burglary", limit=10).total == 3


def test_rebuild_repairs_the_databases_full_text_index(world):
    build_fixed_corpus(world)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DELETE FROM problemsolving_library_vector")
        else:
            fts = "problemsolving_library_fts"
            cursor.execute(f"INSERT INTO {fts} ({fts}) VALUES ('delete-all')")
    assert found("burglary") == set()
    library_rebuild()
    assert len(found("burglary")) == 3
