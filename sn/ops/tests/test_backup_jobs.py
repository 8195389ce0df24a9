"""The scheduled backup: `sn worker` takes one into SN_BACKUP_DIR where that is set, and keeps
SN_BACKUP_KEEP_DAYS of them."""

import datetime
import os
import tarfile

import pytest
from django.db import connection  # noqa: F401 (the skip condition reads it)

from sn.core.models import AuditEvent
from sn.jobs.registry import JOB_KINDS, PERIODIC_JOBS, JobRefused
from sn.ops.backup.jobs import SCHEDULED_BACKUP, prune, run_scheduled_backup

NOW = datetime.datetime(2026, 12, 1, 2, 0, tzinfo=datetime.UTC)


def aged(path, days: float):
    path.write_bytes(b"x")
    stamp = (NOW - datetime.timedelta(days=days)).timestamp()
    os.utime(path, (stamp, stamp))
    return path


def test_no_backup_is_scheduled_without_a_directory_for_it(settings):
    assert settings.SN_BACKUP_DIR == ""
    assert SCHEDULED_BACKUP not in JOB_KINDS
    assert SCHEDULED_BACKUP not in PERIODIC_JOBS


def test_pruning_deletes_only_old_archives_of_the_schedule_and_never_the_newest(tmp_path):
    old = aged(tmp_path / "sn-sqlite-20261101T020000Z.snbackup", 30)
    recent = aged(tmp_path / "sn-sqlite-20261130T020000Z.snbackup", 1)
    other = aged(tmp_path / "before-upgrade.snbackup", 60)

    assert prune(tmp_path, 14, NOW) == [old]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([recent.name, other.name])

    lonely = tmp_path / "alone"
    lonely.mkdir()
    newest = aged(lonely / "sn-sqlite-20260101T020000Z.snbackup", 300)
    assert prune(lonely, 14, NOW) == []
    assert newest.exists()


@pytest.mark.skipif("connection.vendor != 'sqlite'")
def test_the_scheduled_backup_writes_an_archive_and_records_it(transactional_db, settings, tmp_path):
    settings.SN_BACKUP_DIR = str(tmp_path)
    aged(tmp_path / "sn-sqlite-20250101T020000Z.snbackup", 400)
    seen = []

    outcome = run_scheduled_backup(None, lambda *args, **kwargs: seen.append(args))

    (archive,) = tmp_path.glob("sn-sqlite-*.snbackup")  # the year-old one was pruned
    with tarfile.open(archive) as tar:
        assert "manifest.json" in tar.getnames()
    assert "1 archive(s) older than 14 days deleted" in outcome.summary
    assert outcome.rows is not None
    assert AuditEvent.objects.filter(context="sn backup", changes__archive=str(archive)).exists()
    assert seen


def test_a_missing_directory_refuses_the_job(settings, tmp_path):
    settings.SN_BACKUP_DIR = str(tmp_path / "nowhere")

    with pytest.raises(JobRefused, match="is not a directory"):
        run_scheduled_backup(None, lambda *args, **kwargs: None)
