"""sn import-duties: all-or-nothing with line numbers, idempotent, corrections update."""

import gzip
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sn.core.models import AuditEvent
from sn.workforce.importing.duties import DutyFileRejected, duties_import
from sn.workforce.models import Duty, DutyImport, DutySource
from sn.workforce.services.duties import duty_record
from sn.workforce.tests.factories import duty_codes_seed, local_start

pytestmark = pytest.mark.django_db
HEADER = "collar number,date,start,end,duty code,ward code\n"


@pytest.fixture
def codes(db):
    return duty_codes_seed()


def write(tmp_path, body: str, name="duties.csv", header=HEADER):
    path = tmp_path / name
    if name.endswith(".gz"):
        path.write_bytes(gzip.compress((header + body).encode()))
    else:
        path.write_text(header + body)
    return path


def good_file(world, tmp_path, name="duties.csv"):
    pc, pcso, sergeant = (world.officers[k].collar_number for k in ("pc_a", "pcso_a", "sergeant_a"))
    a2 = world.wards["a2"].code
    return write(
        tmp_path,
        f"{pc},2024-03-04,07:00,15:00,SN,\n"
        f"{pc},2024-03-05,22:00,06:00,SN,\n"
        f"{pcso},2024-03-04,07:00,15:00,AL,\n"
        f"{sergeant},2024-03-04,15:00,23:00,SN,{a2}\n",
        name=name,
    )


def test_a_good_file_is_imported_with_its_record_and_audit(world, codes, tmp_path):
    run = duties_import(good_file(world, tmp_path), progress=lambda _: None)
    assert (run.status, run.rows_read, run.imported, run.updated, run.unchanged) == ("imported", 4, 4, 0, 0)
    night = Duty.objects.get(officer=world.officers["pc_a"], date=date(2024, 3, 5))
    assert night.minutes == 480 and night.ends_at.date() == date(2024, 3, 6)
    assert (
        night.neighbourhood == world.wards["a1"]
        and night.source == DutySource.IMPORT
        and night.import_run == run
    )
    leave = Duty.objects.get(officer=world.officers["pcso_a"])
    assert leave.neighbourhood is None and leave.reason.key == "leave"
    sergeant = Duty.objects.get(officer=world.officers["sergeant_a"])
    assert sergeant.team == world.teams["a2"] and sergeant.neighbourhood == world.wards["a2"]
    event = AuditEvent.objects.get(
        action=AuditEvent.Action.BULK_CREATE, changes__source__startswith="import-duties"
    )
    assert event.changes["count"] == 4


def test_reimporting_the_same_file_changes_nothing_and_says_so(world, codes, tmp_path):
    path = good_file(world, tmp_path, name="duties.csv.gz")
    duties_import(path, progress=lambda _: None)
    again = duties_import(path, progress=lambda _: None)
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 4)
    assert "all 4 duties unchanged" in again.message
    assert Duty.objects.count() == 4


def test_a_corrected_line_updates_the_duty_at_that_officer_and_start(world, codes, tmp_path):
    duties_import(good_file(world, tmp_path), progress=lambda _: None)
    pc = world.officers["pc_a"].collar_number
    corrected = write(tmp_path, f"{pc},2024-03-04,07:00,16:00,TRG,\n", name="corrected.csv")
    run = duties_import(corrected, progress=lambda _: None)
    assert (run.imported, run.updated) == (0, 1)
    duty = Duty.objects.get(officer=world.officers["pc_a"], date=date(2024, 3, 4))
    assert duty.minutes == 540 and duty.reason.key == "training" and duty.neighbourhood is None
    assert AuditEvent.objects.filter(object_id=str(duty.pk), action=AuditEvent.Action.UPDATE).exists()


def test_bad_lines_are_all_refused_by_line_and_nothing_is_written(world, codes, tmp_path):
    pc = world.officers["pc_a"].collar_number
    path = write(
        tmp_path,
        f"{pc},2024-03-04,07:00,15:00,SN,\n"  # line 2: fine
        "99999ZZ,2024-03-04,07:00,15:00,SN,\n"  # 3
        f"{pc},2019-03-04,07:00,15:00,SN,\n"  # 4: not posted
        f"{pc},2024-03-06,07:00,15:00,XX,\n"  # 5
        f"{pc},2024-03-04,14:00,18:00,SN,\n"  # 6: overlaps line 2
        f"{pc},2024-03-07,7am,15:00,SN,\n"  # 7
        f"{pc},2024-03-08,07:00,15:00,SN,E05999999\n"  # 8
        f"{pc},2024-03-09,07:00,15:00,AL,{world.wards['a1'].code}\n",  # 9
    )
    with pytest.raises(DutyFileRejected) as rejected:
        duties_import(path, progress=lambda _: None)
    message = rejected.value.run.message
    for expected in (
        "line 3: unknown collar number '99999ZZ'",
        "line 4: the officer",
        "not posted to any team on 04 March 2019",
        "line 5: unknown duty code 'XX'",
        "line 6: the duty overlaps the officer's duty on line 2",
        "line 7: the start time '7am' is not a time like 07:00",
        "line 8: unknown ward code 'E05999999'",
        "line 9: AL is an abstraction",
    ):
        assert expected in message
    assert message.startswith("duties.csv, line 3: unknown collar number")
    assert not Duty.objects.exists()
    assert DutyImport.objects.get().status == DutyImport.Status.REJECTED


def test_an_overlap_with_a_duty_recorded_in_the_service_is_refused(world, codes, tmp_path):
    duty_record(
        officer=world.officers["pc_a"],
        starts_at=local_start(date(2024, 3, 4), 12),
        ends_at=local_start(date(2024, 3, 4), 20),
        code=codes["SN"],
        actor=world.user("sergeant"),
    )
    with pytest.raises(
        DutyFileRejected,
        match=r"line 2: the duty overlaps the officer's duty from 04 March 2024 12:00 to 20:00 "
        r"\(recorded in the service\)",
    ):
        duties_import(good_file(world, tmp_path), progress=lambda _: None)
    assert Duty.objects.count() == 1


def test_a_moved_duty_from_an_earlier_file_is_replaced(world, codes, tmp_path):
    duties_import(good_file(world, tmp_path), progress=lambda _: None)
    pc = world.officers["pc_a"].collar_number
    run = duties_import(
        write(tmp_path, f"{pc},2024-03-04,08:00,16:00,SN,\n", name="moved.csv"), progress=print
    )
    assert (run.imported, run.updated) == (1, 0)
    starts = Duty.objects.filter(officer=world.officers["pc_a"], date=date(2024, 3, 4)).values_list(
        "starts_at", flat=True
    )
    assert [s.hour for s in starts] == [8]


def test_a_missing_column_is_refused(world, codes, tmp_path):
    path = write(tmp_path, "1,2024-03-04,07:00\n", header="collar number,date,start\n")
    with pytest.raises(DutyFileRejected, match="no 'end', 'duty code' column"):
        duties_import(path, progress=lambda _: None)


def test_the_command_reports_progress_and_a_summary(world, codes, tmp_path, capsys):
    call_command("import-duties", str(good_file(world, tmp_path)))
    out = capsys.readouterr().out
    assert "Read 4 lines" in out and "4 imported, 0 updated, 0 unchanged" in out
    bad = write(tmp_path, "nobody,2024-03-04,07:00,15:00,SN,\n", name="bad.csv")
    with pytest.raises(CommandError, match="1 of 1 file refused"):
        call_command("import-duties", str(bad))
    assert "bad.csv, line 2: unknown collar number 'nobody'" in capsys.readouterr().err


def test_a_duty_longer_than_the_limit_is_a_mistyped_time_and_refuses_the_file(world, codes, tmp_path):
    pc = world.officers["pc_a"].collar_number
    path = write(tmp_path, f"{pc},2024-03-04,15:00,14:00,SN,\n", name="long.csv")
    with pytest.raises(DutyFileRejected) as refused:
        duties_import(path, progress=lambda _: None)
    assert "line 2: the duty from 15:00 to 14:00 would last 23.0 hours, more than the 16" in str(
        refused.value.run.message
    )
    assert not Duty.objects.exists()


def test_the_command_records_the_named_actor_and_refuses_an_unknown_one(world, codes, tmp_path):
    path = str(good_file(world, tmp_path))
    with pytest.raises(CommandError, match="--actor: there is no active user 'nobody'"):
        call_command("import-duties", path, "--actor", "nobody")
    assert not Duty.objects.exists() and not DutyImport.objects.exists()
    call_command("import-duties", path, "--actor", "central_unit")
    assert DutyImport.objects.get().actor == world.user("central_unit")


def test_a_large_write_drops_and_rebuilds_the_indexes(world, codes, tmp_path, monkeypatch):
    from sn.workforce.importing import bulk

    monkeypatch.setattr(bulk, "SUSPEND_FROM_ROWS", 1)
    run = duties_import(good_file(world, tmp_path), progress=lambda _: None)
    assert run.imported == 4
    assert {name for name, _ in bulk._plain_indexes(Duty)} >= {"duty_month_sums"}
