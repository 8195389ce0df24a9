"""Importing survey results: every problem named by line and field, all or nothing, safe to re-run."""

from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError

from sn.core.models import AuditEvent
from sn.geography.tests.factories import BoroughFactory
from sn.performance.importing import SurveyFileError
from sn.performance.models import SurveyResult
from sn.performance.quarters import FinancialQuarter
from sn.performance.services import survey_results_import

pytestmark = pytest.mark.django_db

HEADER = "borough,quarter,measure,sample_size,positive\n"


def _import(text: str):
    return survey_results_import(lines=text.splitlines(keepends=True), source="test")


def _good(world) -> str:
    a, b = world.boroughs["a"].code, world.boroughs["b"].name
    return (
        HEADER
        + f"{a},2010/11 Q1,confidence,170,102\n"
        + f"{a},2010/11 Q1,worry-asb,168,40\n"
        + f"{b},2010/11 Q2,safe-after-dark,180,130\n"
    )


def test_a_good_file_creates_one_result_per_row_naming_boroughs_by_code_or_name(world):
    result = _import(_good(world))
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    saved = SurveyResult.objects.get(borough=world.boroughs["b"], measure="safe-after-dark")
    assert saved.quarter == FinancialQuarter(2010, 2)
    assert (saved.sample_size, saved.positive) == (180, 130)


def test_the_creations_are_in_the_audit_trail(world):
    _import(_good(world))
    event = AuditEvent.objects.get(content_type=ContentType.objects.get_for_model(SurveyResult))
    assert event.action == AuditEvent.Action.BULK_CREATE
    assert event.changes == {"count": 3, "source": "test"}


def test_importing_the_same_file_again_changes_nothing(world):
    _import(_good(world))
    events = AuditEvent.objects.count()
    result = _import(_good(world))
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert AuditEvent.objects.count() == events


def test_a_corrected_figure_updates_the_result_and_records_old_and_new(world):
    _import(_good(world))
    result = _import(_good(world).replace("170,102", "170,105"))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    saved = SurveyResult.objects.get(measure="confidence")
    assert saved.positive == 105
    event = AuditEvent.objects.get(
        action=AuditEvent.Action.UPDATE,
        content_type=ContentType.objects.get_for_model(SurveyResult),
        object_id=str(saved.pk),
    )
    assert event.changes == {"positive": [102, 105]}


def test_every_bad_line_is_named_with_its_field_and_nothing_is_written(world):
    a = world.boroughs["a"].code
    text = (
        HEADER
        + f"{a},2010/11 Q1,confidence,170,102\n"  # line 2: good
        + "E09999999,2010/11 Q1,confidence,170,102\n"  # line 3
        + f"{a},2010-Q3,confidence,170,102\n"  # line 4
        + f"{a},2010/11 Q1,happiness,170,102\n"  # line 5
        + f"{a},2010/11 Q2,confidence,-5,0\n"  # line 6
        + f"{a},2010/11 Q3,confidence,100,101\n"  # line 7
        + f"{a},2010/11 Q1,confidence,170,99\n"  # line 8: duplicate of line 2
        + f"{a},2010/11 Q4,confidence,many,3\n"  # line 9
        + f"{a},2010/11 Q4,safe-day,0,0\n"  # line 10
    )
    with pytest.raises(SurveyFileError) as caught:
        _import(text)
    problems = caught.value.problems
    assert problems == [
        "line 3, borough: no borough has the code or name 'E09999999'",
        "line 4, quarter: '2010-Q3' is not a quarter like 2010/11 Q2",
        "line 5, measure: unknown measure 'happiness' (one of confidence, safe-day, safe-after-dark, "
        "understand-issues, dealing-with-issues, worry-asb)",
        "line 6, sample_size: -5 is negative",
        "line 7, positive: 101 is more than the sample size 100",
        "line 8: duplicate of line 2 (borough E09000901, quarter 2010/11 Q1, measure confidence)",
        "line 9, sample_size: 'many' is not a whole number",
        "line 10, sample_size: must be at least 1",
    ]
    assert "nothing was written" in str(caught.value)
    assert not SurveyResult.objects.exists()


def test_a_file_without_the_columns_is_refused_before_any_row(world):
    with pytest.raises(SurveyFileError) as caught:
        _import("borough,quarter,measure,n,positive\nE09000901,2010/11 Q1,confidence,1,1\n")
    assert caught.value.problems == [
        "line 1: missing column(s) sample_size (need borough, quarter, measure, sample_size, positive)"
    ]


def test_a_row_with_too_few_fields_is_named(world):
    with pytest.raises(SurveyFileError) as caught:
        _import(HEADER + "E09000901,2010/11 Q1,confidence\n")
    assert caught.value.problems == ["line 2: expected 5 fields"]


def test_an_empty_file_is_refused(world):
    with pytest.raises(SurveyFileError):
        _import(HEADER)


def test_a_bad_file_leaves_earlier_results_as_they_were(world):
    _import(_good(world))
    with pytest.raises(SurveyFileError):
        _import(_good(world).replace("170,102", "170,105") + "nowhere,2010/11 Q1,confidence,1,1\n")
    assert SurveyResult.objects.get(measure="confidence").positive == 102


def test_the_command_imports_a_file_and_reports_the_counts(world, tmp_path, capsys):
    path = tmp_path / "survey.csv"
    path.write_text("\ufeff" + _good(world), encoding="utf-8")  # Excel's byte-order mark is fine
    call_command("import-survey", str(path))
    assert "3 created, 0 updated, 0 unchanged" in capsys.readouterr().out
    call_command("import-survey", str(path))
    assert "0 created, 0 updated, 3 unchanged" in capsys.readouterr().out


def test_the_command_stops_on_a_bad_file_naming_the_line(world, tmp_path):
    path = tmp_path / "survey.csv"
    path.write_text(HEADER + "E09000901,2010/11 Q1,confidence,10,11\n", encoding="utf-8")
    with pytest.raises(CommandError, match="line 2, positive: 11 is more than the sample size 10"):
        call_command("import-survey", str(path))
    assert not SurveyResult.objects.exists()


def test_the_command_says_when_the_file_is_missing(world, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import-survey", str(tmp_path / "missing.csv"))


def test_the_shipped_example_file_imports(world):
    for code, name in (("E09000022", "Lambeth"), ("E09000028", "Southwark")):
        BoroughFactory(force=world.force, code=code, name=name)
    path = Path(__file__).parents[1] / "data" / "example-survey.csv"
    with path.open(encoding="utf-8-sig", newline="") as lines:
        result = survey_results_import(lines=lines, source="example")
    assert result.created == 2 * 6 * 4
