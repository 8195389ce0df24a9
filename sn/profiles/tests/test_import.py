"""`sn import-demographics` and the service behind it: all or nothing, every bad line named with its
field, unknown areas refused, a re-import idempotent, a corrected figure updated and audited."""

import gzip
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from sn.core.models import AuditEvent
from sn.geography.scope import scope_of
from sn.profiles.importing import DemographicFileError
from sn.profiles.models import DemographicFigure
from sn.profiles.services import demographic_figures_import

HEADER = "area_code,measure,category,value,source,year\n"


def _file(world, *lines: str) -> bytes:
    """A file whose lines may name the world's wards as {a1}, {b1}..."""
    codes = {key: ward.code for key, ward in world.wards.items()}
    return (HEADER + "".join(line.format(**codes) + "\n" for line in lines)).encode()


def _good(world) -> bytes:
    return _file(
        world,
        "{a1},age,0 to 15,3000,ONS Census 2021,2021",
        "{a1},age,16 to 64,9000,ONS Census 2021,2021",
        "{a1},age,65 and over,3000,ONS Census 2021,2021",
        "{a2},imd-average-rank,Income,8495.3,MHCLG IoD 2019,2019",
    )


def _import(data: bytes, **kwargs):
    return demographic_figures_import(data=data, source="test", **kwargs)


def _problems(data: bytes, **kwargs) -> list[str]:
    with pytest.raises(DemographicFileError) as caught:
        _import(data, **kwargs)
    return caught.value.problems


def test_a_good_file_creates_a_figure_per_line_keyed_to_its_ward(world):
    result = _import(_good(world))
    assert (result.created, result.updated, result.unchanged) == (4, 0, 0)
    ages = DemographicFigure.objects.filter(neighbourhood=world.wards["a1"], measure="age").order_by(
        "position"
    )
    assert [(f.category, f.value, f.year) for f in ages] == [
        ("0 to 15", Decimal(3000), 2021),
        ("16 to 64", Decimal(9000), 2021),
        ("65 and over", Decimal(3000), 2021),
    ]
    assert DemographicFigure.objects.get(measure="imd-average-rank").value == Decimal("8495.3")


def test_importing_the_same_file_again_changes_nothing(world):
    _import(_good(world))
    again = _import(_good(world))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    assert DemographicFigure.objects.count() == 4


def test_a_corrected_figure_replaces_the_old_one_and_the_change_is_audited(world):
    _import(_good(world))
    result = _import(_file(world, "{a1},age,0 to 15,3100,ONS Census 2021 (revised),2021"))
    assert (result.created, result.updated) == (0, 1)
    figure = DemographicFigure.objects.get(neighbourhood=world.wards["a1"], category="0 to 15")
    assert figure.value == Decimal(3100) and figure.source == "ONS Census 2021 (revised)"
    event = AuditEvent.objects.get(
        action=AuditEvent.Action.UPDATE, content_type__model="demographicfigure", object_id=str(figure.pk)
    )
    assert event.changes["value"] == ["3000.000000", "3100"]


def test_the_figures_of_another_year_are_kept_beside_the_old(world):
    _import(_good(world))
    _import(_file(world, "{a1},age,0 to 15,2800,ONS Census 2011,2011"))
    assert DemographicFigure.objects.filter(category="0 to 15").count() == 2


def test_every_bad_line_is_named_with_its_field_and_nothing_is_written(world):
    data = _file(
        world,
        "{a1},age,0 to 15,3000,ONS,2021",
        "{a1},age,16 to 64,abc,ONS,2021",
        "E05999999,age,65 and over,3000,ONS,2021",
        "{a1},Age Band,65 and over,3000,ONS,2021",
        "{a1},age,,3000,ONS,21",
        "{a1},age,65 and over,1.1234567,,2021",
        "{a1},age,0 to 15,3000,ONS,2021",
        "{a1},age,too,few",
    )
    assert _problems(data) == [
        'line 3: value "abc" is not a number',
        'line 4: area_code "E05999999" is not a ward or area of the force',
        'line 5: measure "Age Band" is not a slug (lower-case letters, digits and hyphens, like age or '
        "imd-decile)",
        "line 6: category is missing",
        'line 6: year "21" is not a year (four digits, like 2021)',
        "line 7: source is missing",
        'line 7: value "1.1234567" has more than 6 decimal places',
        f"line 8: duplicate of line 2 (area {world.wards['a1'].code}, measure age, "
        'category "0 to 15", year 2021)',
        "line 9: expected 6 fields, got 4",
    ]
    assert not DemographicFigure.objects.exists()
    assert not AuditEvent.objects.filter(content_type__model="demographicfigure").exists()


def test_a_file_with_one_bad_line_among_good_ones_writes_nothing_even_where_figures_exist(world):
    _import(_good(world))
    data = _file(
        world, "{a1},age,0 to 15,4000,ONS Census 2021,2021", "{a1},age,16 to 64,lots,ONS Census 2021,2021"
    )
    assert _problems(data) == ['line 3: value "lots" is not a number']
    assert DemographicFigure.objects.get(category="0 to 15").value == Decimal(3000)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "line 1: the file is empty; it needs a header row"),
        (b"area_code,measure,value\n", "line 1: missing column(s) category, source, year"),
        (HEADER.encode(), "the file has no rows of figures"),
        (HEADER.encode() + b"\xff\xfe,age\n", "line 2: the file must be a CSV saved as UTF-8 text"),
    ],
)
def test_a_file_that_is_not_a_table_is_refused_with_the_reason(world, data, problem):
    assert problem in _problems(data)[0]


def test_a_year_out_of_range_and_a_huge_value_are_refused(world):
    data = _file(world, "{a1},age,0 to 15,1234567890123,ONS,2021", "{a1},age,16 to 64,5,ONS,1700")
    assert _problems(data) == [
        'line 2: value "1234567890123" is too large (at most 12 digits before the point)',
        "line 3: year 1700 is not between 1800 and 2100",
    ]


def test_a_gzip_compressed_file_reads_as_the_plain_one(world):
    result = _import(gzip.compress(_good(world)))
    assert result.created == 4


def test_columns_may_come_in_any_order_with_others_ignored(world):
    code = world.wards["a1"].code
    data = (
        f"year,note,value,source,category,measure,area_code\n2021,x,12,ONS,All,households,{code}\n".encode()
    )
    _import(data)
    assert DemographicFigure.objects.get(measure="households").value == 12


def test_an_analyst_is_refused_a_line_about_another_borough(world):
    analyst = world.user("analyst")
    data = _file(world, "{a1},age,0 to 15,3000,ONS,2021", "{b1},age,0 to 15,3000,ONS,2021")
    assert _problems(data, within=scope_of(analyst)) == [
        f'line 3: area_code "{world.wards["b1"].code}" is outside your area'
    ]
    assert not DemographicFigure.objects.exists()


def test_the_central_unit_may_load_any_ward(world):
    result = _import(_good(world) + b"", within=scope_of(world.user("central_unit")))
    assert result.created == 4


def test_the_command_prints_a_summary_and_names_who_ran_it(world, tmp_path, capsys):
    path = tmp_path / "ages.csv"
    path.write_bytes(_good(world))
    call_command("import-demographics", str(path), "--actor", "central_unit")
    assert "4 figures: 4 created, 0 updated, 0 unchanged" in capsys.readouterr().out
    event = AuditEvent.objects.get(
        action=AuditEvent.Action.BULK_CREATE, content_type__model="demographicfigure"
    )
    assert event.actor == world.user("central_unit")
    assert event.changes["count"] == 4 and event.changes["source"] == "import-demographics ages.csv"


def test_the_command_stops_on_a_bad_file_listing_the_lines(world, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(_file(world, "{a1},age,0 to 15,abc,ONS,2021"))
    with pytest.raises(CommandError, match='line 2: value "abc" is not a number'):
        call_command("import-demographics", str(path))
    assert not DemographicFigure.objects.exists()


def test_the_command_names_a_missing_file(world, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import-demographics", str(tmp_path / "nowhere.csv"))
