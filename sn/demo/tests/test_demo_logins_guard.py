"""`sn seed-demo` makes logins whose password is published: never on production settings unless asked."""

import importlib

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from sn.accounts.models import User

pytestmark = pytest.mark.django_db

command_module = importlib.import_module("sn.demo.management.commands.seed-demo")


@pytest.fixture
def builds(monkeypatch):
    """The force is not built: the test is about whether the command goes ahead."""
    calls = []
    monkeypatch.setattr(command_module, "seed_demo", lambda **kwargs: calls.append(kwargs) or "built")
    return calls


@override_settings(SN_DEMO_LOGINS=False)
def test_seed_demo_refuses_where_demo_logins_are_not_allowed(builds):
    with pytest.raises(CommandError, match="--allow-demo-logins"):
        call_command("seed-demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert builds == []
    assert not User.objects.exists()


@override_settings(SN_DEMO_LOGINS=False)
def test_seed_demo_goes_ahead_when_asked_explicitly(builds):
    call_command("seed-demo", "--allow-demo-logins", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(builds) == 1


def test_seed_demo_goes_ahead_on_the_local_settings(builds, settings):
    assert settings.SN_DEMO_LOGINS
    call_command("seed-demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(builds) == 1


@pytest.mark.parametrize(("module", "allowed"), [("production", False), ("local", True)])
def test_only_the_local_settings_allow_demo_logins(monkeypatch, module, allowed):
    monkeypatch.setenv("SN_SECRET_KEY", "x" * 60)
    monkeypatch.delenv("SN_DEMO_LOGINS", raising=False)
    loaded = importlib.reload(importlib.import_module(f"config.settings.{module}"))
    assert loaded.SN_DEMO_LOGINS is allowed
