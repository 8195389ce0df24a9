"""The apps import one way only (docs/adr/0004-layers.md)."""

from pathlib import Path

import pytest
from django.conf import settings

import sn
from sn.testing.layers import LAYERS, TIER, check_source, check_tree

SN = Path(sn.__file__).parent


def test_no_app_imports_an_app_above_it_or_beside_it():
    violations = check_tree(SN)
    assert not violations, "\n".join(str(v) for v in violations)


def test_every_app_has_a_place_in_the_layer_order():
    apps = {path.name for path in SN.iterdir() if (path / "apps.py").exists()}
    assert apps == set(TIER)


def test_installed_apps_are_listed_in_layer_order():
    ours = [name.split(".")[1] for name in settings.INSTALLED_APPS if name.startswith("sn.")]
    assert [TIER[app] for app in ours] == sorted(TIER[app] for app in ours)
    assert set(ours) == set(TIER)


@pytest.mark.parametrize(
    ("app", "source", "reason"),
    [
        ("geography", "from sn.teams.models import Team\n", "it runs up the layers"),
        ("core", "import sn.accounts.scope\n", "it runs up the layers"),
        ("reports", "from sn.pages.selectors import ward_page\n", "apps in one tier are independent"),
        (
            "accounts",
            "def f():\n    from sn.teams.selectors import active_postings\n",
            "a function-level import",
        ),
        ("crime", "from sn.nowhere import x\n", "an app missing from the layer order"),
    ],
)
def test_the_check_catches_an_import_that_breaks_the_order(app, source, reason):
    violations = check_source(source, app=app)
    assert [v.reason for v in violations] == [reason]


def test_the_check_fails_the_tree_when_someone_adds_an_upward_import(tmp_path):
    (tmp_path / "geography").mkdir()
    (tmp_path / "geography" / "views.py").write_text("from sn.teams.selectors import team_staffing\n")
    (tmp_path / "teams").mkdir()
    (tmp_path / "teams" / "selectors.py").write_text("from sn.geography.models import Neighbourhood\n")
    violations = check_tree(tmp_path)
    assert [(v.path, v.imported) for v in violations] == [("geography/views.py", "teams")]


def test_imports_down_the_layers_and_within_an_app_are_fine():
    assert (
        check_source("from sn.core.models import AuditedModel\nfrom sn.pages import views\n", app="pages")
        == []
    )
    assert LAYERS[0] == ("core",)
