"""Who loaded a survey figure: each new result is named in the audit trail with its values, and the
command line names the person who ran the import."""

import getpass

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sn.core.audit import history_for
from sn.core.models import AuditEvent
from sn.performance.models import SurveyResult

pytestmark = pytest.mark.django_db


def _survey_file(tmp_path, world):
    path = tmp_path / "survey.csv"
    path.write_text(
        "borough,quarter,measure,sample_size,positive\n"
        f"{world.boroughs['a'].code},2010/11 Q1,confidence,170,102\n"
        f"{world.boroughs['b'].code},2010/11 Q1,confidence,160,90\n",
        encoding="utf-8",
    )
    return path


def test_the_history_of_a_survey_figure_names_who_loaded_it_and_what(world, tmp_path):
    call_command("import-survey", _survey_file(tmp_path, world), "--actor", "central_unit")
    result = SurveyResult.objects.get(borough=world.boroughs["a"])
    event = history_for(result).get()
    assert event.action == AuditEvent.Action.BULK_CREATE
    assert (event.actor, event.actor_label) == (world.user("central_unit"), "central_unit")
    assert event.changes["rows"][str(result.pk)] == {
        "borough_id": world.boroughs["a"].pk,
        "quarter_start": "2010-04-01",
        "measure": "confidence",
        "sample_size": 170,
        "positive": 102,
    }


def test_an_import_run_without_actor_is_put_down_to_the_operating_system_user(world, tmp_path, monkeypatch):
    monkeypatch.setattr(getpass, "getuser", lambda: "ops.account")
    call_command("import-survey", _survey_file(tmp_path, world))
    event = history_for(SurveyResult.objects.get(borough=world.boroughs["b"])).get()
    assert (event.actor, event.actor_label) == (None, "ops.account")


def test_an_actor_who_is_not_a_user_is_refused_before_anything_is_written(world, tmp_path):
    with pytest.raises(CommandError, match="no-such-person"):
        call_command("import-survey", _survey_file(tmp_path, world), "--actor", "no-such-person")
    assert not SurveyResult.objects.exists()
