"""Importing survey results: every problem named by line and field, all or nothing, safe to re-run."""

from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given
from hypothesis import strategies as st

from sn.core.models import AuditEvent
from sn.geography.tests.factories import BoroughFactory
from sn.jobs.models import Job
from sn.performance.importing import (
    MAX_FIELD_CHARS,
    MAX_SAMPLE_SIZE,
    MAX_SURVEY_BYTES,
    SurveyFileError,
    parse_survey_file,
)
from sn.performance.models import SurveyResult
from sn.performance.quarters import FinancialQuarter
from sn.performance.services import survey_results_import

pytestmark = pytest.mark.django_db

HEADER = "borough,quarter,measure,sample_size,positive\n"


def _import(text: str):
    return survey_results_import(data=text.encode(), source="test")


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
    assert (event.changes["count"], event.changes["source"]) == (3, "test")
    assert len(event.changes["rows"]) == 3


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
        "line 10, sample_size: must be at least 2 respondents, not 0",
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
    assert caught.value.problems == ["line 2: expected 5 fields, got 3"]


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
    result = survey_results_import(data=path.read_bytes(), source="example")
    assert result.created == 2 * 6 * 4


def _problems(text: str) -> list[str]:
    with pytest.raises(SurveyFileError) as caught:
        _import(text)
    assert not SurveyResult.objects.exists()
    return caught.value.problems


@pytest.mark.parametrize(
    "quarter",
    ["0000/01 Q1", "9999/00 Q4", "0001/02 Q1", "1999/00 Q4", "2100/01 Q1"],
)
def test_a_quarter_outside_the_years_the_service_holds_is_named_and_nothing_written(world, quarter):
    problems = _problems(HEADER + f"{world.boroughs['a'].code},{quarter},confidence,170,102\n")
    assert len(problems) == 1
    assert problems[0].startswith(f"line 2, quarter: {quarter!r} is outside the years the service holds")


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("sample_size", "4294967296", "sample_size: '4294967296' is more than 1,000,000"),
        (
            "sample_size",
            "9" * 150,
            "sample_size: '" + "9" * 40 + "'... (150 characters) is more than 1,000,000",
        ),
        ("sample_size", "1000001", "sample_size: '1000001' is more than 1,000,000"),
        ("sample_size", "1_00", "sample_size: '1_00' is not a whole number"),
        ("sample_size", "٣٠٠", "sample_size: '٣٠٠' is not a whole number"),
        ("sample_size", "+300", "sample_size: '+300' is not a whole number"),
        ("sample_size", "3e2", "sample_size: '3e2' is not a whole number"),
        ("sample_size", "300.0", "sample_size: '300.0' is not a whole number"),
        ("sample_size", "", "sample_size: '' is not a whole number"),
        ("positive", "１０", "positive: '１０' is not a whole number"),  # full-width digits
        ("positive", "-3", "positive: -3 is negative"),
    ],
)
def test_a_number_is_plain_ascii_digits_within_bounds(world, field, value, message):
    row = {"sample_size": "300", "positive": "10", field: value}
    text = (
        HEADER + f"{world.boroughs['a'].code},2010/11 Q1,confidence,{row['sample_size']},{row['positive']}\n"
    )
    assert _problems(text) == [f"line 2, {message}"]


def test_the_largest_sample_is_accepted(world):
    result = _import(HEADER + f"{world.boroughs['a'].code},2010/11 Q1,confidence,1000000,1000000\n")
    assert result.created == 1


@pytest.mark.parametrize("length", [201, 131_072, 200_000])
def test_a_field_too_long_is_named_by_line_and_field_without_echoing_it(world, length):
    text = (
        HEADER
        + f"{world.boroughs['a'].code},2010/11 Q1,confidence,170,102\n"
        + "x" * length
        + ",2010/11 Q1,confidence,1,1\n"
    )
    problems = _problems(text)
    assert problems == ["line 3, borough: longer than 200 characters"]


def test_a_long_field_in_a_column_the_import_ignores_is_still_refused(world):
    header = "borough,quarter,measure,sample_size,positive,notes\n"
    problems = _problems(
        header + f"{world.boroughs['a'].code},2010/11 Q1,confidence,170,102," + "n" * 300 + "\n"
    )
    assert problems == ["line 2, notes: longer than 200 characters"]


def test_a_line_separator_inside_a_row_does_not_split_it(world):
    a, b = world.boroughs["a"].code, world.boroughs["b"].code
    text = HEADER + f"{a},2010/11 Q1,confidence,170,102\u2028{b},2010/11 Q1,confidence,170,102\n"
    assert _problems(text) == ["line 2: expected 5 fields, got 9"]


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e"])
def test_only_real_line_breaks_end_a_row(world, separator):
    a = world.boroughs["a"].code
    text = HEADER + f"{a},2010/11 Q1,confidence,170,102{separator}\n"
    assert _problems(text) == [f"line 2, positive: {'102' + separator!r} is not a whole number"]


def test_rows_end_at_a_newline_a_carriage_return_or_both(world):
    a = world.boroughs["a"].code
    text = (
        HEADER.replace("\n", "\r\n")
        + f"{a},2010/11 Q1,confidence,170,102\r"
        + f"{a},2010/11 Q1,safe-day,170,150\n"
    )
    assert _import(text).created == 2


def test_a_quoted_line_break_stays_in_its_field_and_lines_are_counted_in_the_file(world):
    a = world.boroughs["a"].code
    problems = _problems(HEADER + f'"{a}\n",2010/11 Q1,confidence,170,102\n{a},2010/11 Q2,worry,1,1\n')
    assert problems[0] == f"line 2, borough: no borough has the code or name '{a}\\n'"
    assert problems[1].startswith("line 4, measure: unknown measure 'worry'")  # lines of the file, not rows


def test_a_file_that_is_not_utf8_names_the_line(world):
    data = (
        HEADER + "Borough A,2010/11 Q1,confidence,170,100\n"
    ).encode() + b"Borough \xff,2010/11 Q1,x,1,1\n"
    with pytest.raises(SurveyFileError) as caught:
        survey_results_import(data=data, source="test")
    assert caught.value.problems == ["line 3: the file must be a CSV saved as UTF-8 text"]


def test_a_file_over_the_size_limit_is_refused_unread(world):
    with pytest.raises(SurveyFileError) as caught:
        survey_results_import(data=b"x" * (MAX_SURVEY_BYTES + 1), source="test")
    assert caught.value.problems == ["the file must be smaller than 5 MB"]


def test_a_column_named_twice_is_refused(world):
    problems = _problems(
        "borough,quarter,measure,sample_size,positive,borough\nA,2010/11 Q1,confidence,1,1,B\n"
    )
    assert problems == ["line 1: the column borough is named twice"]


def test_a_file_of_a_header_and_blank_lines_has_no_rows(world):
    assert _problems(HEADER + "\n,,,,\n\r\n") == ["the file has no rows of results"]


@pytest.mark.parametrize(
    "name, text",
    [
        ("quarter year 0", "E09000901,0000/01 Q1,confidence,10,1\n"),
        ("quarter year 9999", "E09000901,9999/00 Q4,confidence,10,1\n"),
        ("quarter year 1", "E09000901,0001/02 Q1,confidence,10,1\n"),
        ("huge integer", "E09000901,2010/11 Q1,confidence,4294967296,1\n"),
        ("huge field", "E09000901," + "Q" * 131_072 + ",confidence,10,1\n"),
        ("arabic digits", "E09000901,2010/11 Q1,confidence,٣,1\n"),
        ("underscore", "E09000901,2010/11 Q1,confidence,1_00,1\n"),
        (
            "line separator",
            "E09000901,2010/11 Q1,confidence,10,1\u2028E09000902,2010/11 Q1,confidence,10,1\n",
        ),
    ],
)
def test_the_command_refuses_a_bad_file_naming_the_line_and_writes_nothing(world, tmp_path, name, text):
    path = tmp_path / "survey.csv"
    path.write_text(HEADER + text, encoding="utf-8")
    with pytest.raises(CommandError, match=r"line 2(, \w+)?: ") as refused:
        call_command("import-survey", str(path))
    assert "nothing was written" in str(refused.value) and len(str(refused.value)) < 1000
    assert not SurveyResult.objects.exists()


def test_the_command_and_the_upload_read_a_file_alike(world, tmp_path, client_for):
    text = HEADER + "E09000901,2010/11 Q1,confidence,10,1\u2028E09000902,2010/11 Q1,confidence,10,1\r\n"
    path = tmp_path / "survey.csv"
    path.write_bytes(text.encode())
    with pytest.raises(CommandError) as refused:
        call_command("import-survey", str(path))
    upload = SimpleUploadedFile("survey.csv", text.encode(), "text/csv")
    response = client_for("central_unit").post("/performance/upload/", {"file": upload})
    assert response.status_code == 302
    assert Job.objects.get().errors == ["line 2: expected 5 fields, got 9"]
    assert "line 2: expected 5 fields, got 9" in str(refused.value)
    assert not SurveyResult.objects.exists()


def test_the_command_refuses_a_file_over_the_size_limit(world, tmp_path):
    path = tmp_path / "survey.csv"
    path.write_bytes(HEADER.encode() + b"x" * MAX_SURVEY_BYTES)
    with pytest.raises(CommandError, match="the file must be smaller than 5 MB"):
        call_command("import-survey", str(path))


BOROUGHS = {"E09000901": 1, "Borough A": 1, "E09000902": 2}
FIELD_TEXT = st.sampled_from(
    ["E09000901", "Borough A", "2010/11 Q1", "2000/01 Q1", "0001/02 Q1", "confidence", "worry-asb"]
    + ["170", "0", "1000000", "4294967296", "٣", "1_00", '"', ",", "\n", "\r", "\u2028", "\x00", " "]
)
SURVEY_TEXT = st.lists(
    st.lists(FIELD_TEXT | st.text(max_size=5), min_size=0, max_size=7).map(",".join), max_size=6
).map(lambda rows: "\n".join([HEADER.strip(), *rows]))


@given(SURVEY_TEXT.map(str.encode) | st.binary(max_size=300))
def test_any_file_is_rows_within_bounds_or_problems_naming_a_line(data):
    try:
        rows = parse_survey_file(data, BOROUGHS)
    except SurveyFileError as error:
        assert error.problems
        assert all(p.startswith(("line ", "the file")) for p in error.problems), error.problems
        return
    for row in rows:
        assert 1 <= row.sample_size <= MAX_SAMPLE_SIZE and 0 <= row.positive <= row.sample_size
        assert row.quarter.year >= 2000 and row.borough_id in (1, 2)


@given(st.integers(MAX_FIELD_CHARS + 1, 1_000_000), st.sampled_from(["\n", "\r\n", "\r"]))
def test_a_field_of_any_length_over_the_cap_is_named_not_a_csv_error(length, newline):
    text = HEADER.strip() + newline + "E09000901,2010/11 Q1," + "m" * length + ",1,1" + newline
    with pytest.raises(SurveyFileError) as refused:
        parse_survey_file(text.encode(), BOROUGHS)
    assert refused.value.problems == [f"line 2, measure: longer than {MAX_FIELD_CHARS} characters"]


def test_a_quoted_field_too_long_for_the_csv_module_is_named_by_its_line(world):
    field = '"' + ",".join(["m" * 99] * 2000) + '"'  # 200,000 characters in short runs
    problems = _problems(
        HEADER + "E09000901,2010/11 Q1,confidence,2,1\n" + f"E09000901,{field},confidence,2,1\n"
    )
    assert problems == ["line 3: not readable as CSV (field larger than field limit (131072))"]


def test_a_sample_of_one_is_refused_naming_the_minimum(world):
    from sn.performance.importing import SurveyFileError, parse_survey_file

    data = (HEADER + f"{world.boroughs['a'].code},2010/11 Q1,confidence,1,1\n").encode()
    borough = world.boroughs["a"]
    with pytest.raises(SurveyFileError) as error:
        parse_survey_file(data, {borough.code: borough.id})
    assert "line 2, sample_size: must be at least 2 respondents, not 1" in error.value.problems
