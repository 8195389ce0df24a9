"""The police.uk import commands name who ran them, in each file's import run and the audit trail."""

import getpass

import pytest
from django.core.management import call_command

from sn.incidents.models import ImportRun
from sn.incidents.tests.helpers import FIXTURES

pytestmark = pytest.mark.django_db


def test_an_import_run_names_the_user_given_as_actor(world, lsoa_ids):
    call_command("import-crimes", str(FIXTURES / "street.csv"), "--actor", "analyst")
    run = ImportRun.objects.get()
    assert (run.actor, run.actor_label) == (world.user("analyst"), "analyst")


def test_an_import_run_without_actor_names_the_operating_system_user(world, lsoa_ids, monkeypatch):
    monkeypatch.setattr(getpass, "getuser", lambda: "cron")
    call_command("import-police-data", str(FIXTURES / "street.csv"))
    run = ImportRun.objects.get()
    assert (run.actor, run.actor_label) == (None, "cron")
