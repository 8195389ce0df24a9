"""sn import-calls: every bad line named and nothing written, points placed in their wards, the same
file again changes nothing, .gz read as well."""

import gzip

import pytest
from django.core.management import CommandError, call_command

from sn.rosters.importing import calls_import
from sn.rosters.models import CallForService
from sn.workforce.models import DutyImport

pytestmark = pytest.mark.django_db

# Ward a1 is the square of the grid from (-0.20, 51.50) to (-0.19, 51.51); a2 is the next east.
A1_POINT = '"51.505,-0.195"'
A2_POINT = '"51.505,-0.185"'


def _file(tmp_path, text: str, name: str = "calls.csv"):
    path = tmp_path / name
    if name.endswith(".gz"):
        path.write_bytes(gzip.compress(text.encode()))
    else:
        path.write_text(text)
    return path


def test_a_good_file_places_points_and_ward_codes(world, tmp_path):
    text = (
        "time,location,type\n"
        f"2026-03-06 21:15,{A1_POINT},Disturbance\n"
        f"2026-03-07T02:00:00,{A2_POINT},Anti-social behaviour\n"
        f"2026-03-07 10:00,{world.wards['a3'].code},Noise nuisance\n"
        '2026-03-07 11:00,"40.0,-3.0",Far away\n'
    )
    result = calls_import(path=_file(tmp_path, text))
    assert (result.status, result.imported, result.outside_area, result.rejected) == ("imported", 3, 1, 0)
    wards = dict(CallForService.objects.values_list("call_type", "neighbourhood__code"))
    assert wards == {
        "Disturbance": world.wards["a1"].code,
        "Anti-social behaviour": world.wards["a2"].code,
        "Noise nuisance": world.wards["a3"].code,
    }
    run = DutyImport.objects.get(kind="calls")
    assert (run.status, run.imported, run.rows_read) == ("imported", 3, 4)
    assert set(CallForService.objects.values_list("import_run", flat=True)) == {run.pk}


def test_bad_lines_are_each_named_and_nothing_is_written(world, tmp_path):
    text = (
        "time,location,type\n"
        f"2026-03-06 21:15,{A1_POINT},Disturbance\n"
        f"yesterday,{A1_POINT},Disturbance\n"
        "2026-03-06 21:15,E99999999,Disturbance\n"
        f"2026-03-06 21:15,{A1_POINT},\n"
    )
    result = calls_import(path=_file(tmp_path, text))
    assert result.status == "rejected"
    assert result.rejected == 3
    assert "line 3: time 'yesterday'" in result.message
    assert "line 4: location 'E99999999'" in result.message
    assert "line 5: type is empty" in result.message
    assert not CallForService.objects.exists()
    assert DutyImport.objects.get(kind="calls").status == "rejected"


def test_a_missing_column_and_a_ragged_row_are_refused(world, tmp_path):
    assert (
        "no type column"
        in calls_import(path=_file(tmp_path, "time,location\n2026-03-06 21:15,E05\n")).message
    )
    ragged = f"time,location,type\n2026-03-06 21:15,{A1_POINT},Disturbance,extra\n"
    result = calls_import(path=_file(tmp_path, ragged, "ragged.csv"))
    assert result.message == "line 2: 4 fields where the header has 3"
    assert not CallForService.objects.exists()


def test_the_same_file_again_changes_nothing_and_says_so(world, tmp_path):
    text = (
        "time,location,type\n"
        f"2026-03-06 21:15,{A1_POINT},Disturbance\n"
        f"2026-03-06 21:15,{A1_POINT},Disturbance\n"  # two identical calls are two calls
    )
    first = calls_import(path=_file(tmp_path, text))
    again = calls_import(path=_file(tmp_path, text, "calls.csv.gz"))
    assert (first.imported, again.imported, again.unchanged) == (2, 0, 2)
    assert "nothing changed" in again.message
    assert CallForService.objects.count() == 2


def test_a_reference_column_makes_a_corrected_row_an_update(world, tmp_path):
    calls_import(
        path=_file(tmp_path, f"time,location,type,reference\n2026-03-06 21:15,{A1_POINT},Disturbance,CAD-1\n")
    )
    result = calls_import(
        path=_file(
            tmp_path, f"time,location,type,reference\n2026-03-06 21:15,{A1_POINT},Assault,CAD-1\n", "b.csv"
        )
    )
    assert (result.imported, result.updated) == (0, 1)
    assert CallForService.objects.get().call_type == "Assault"


def test_the_command_prints_the_summary_and_fails_on_a_refused_file(world, tmp_path, capsys):
    good = _file(tmp_path, f"time,location,type\n2026-03-06 21:15,{A1_POINT},Disturbance\n")
    call_command("import-calls", str(good))
    assert "imported 1" in capsys.readouterr().out
    bad = _file(tmp_path, "time,location,type\nnever,x,y\n", "bad.csv")
    with pytest.raises(CommandError, match="line 2"):
        call_command("import-calls", str(bad))
