"""`sn import-boundaries` names who ran it in the audit trail: --actor, or the operating-system user."""

import getpass
import json

import pytest
from django.core.management import call_command

from sn.core.models import AuditEvent
from sn.geography.models import Borough

pytestmark = pytest.mark.django_db


def _borough_file(tmp_path):
    ring = [[1.0, 52.0], [1.01, 52.0], [1.01, 52.01], [1.0, 52.01], [1.0, 52.0]]
    feature = {
        "type": "Feature",
        "properties": {"code": "E09000950", "name": "Newtown"},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }
    path = tmp_path / "boroughs.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    return path


def _creation():
    return AuditEvent.objects.get(
        content_type__model="borough", object_id=str(Borough.objects.get(code="E09000950").pk)
    )


def test_an_import_names_the_user_given_as_actor(world, tmp_path):
    path = _borough_file(tmp_path)
    call_command(
        "import-boundaries",
        path,
        "--level",
        "borough",
        "--force-code",
        "testforce",
        "--actor",
        "central_unit",
    )
    event = _creation()
    assert (event.actor, event.actor_label) == (world.user("central_unit"), "central_unit")
    assert event.context == "import-boundaries boroughs.geojson"


def test_an_import_without_actor_names_the_operating_system_user(world, tmp_path, monkeypatch):
    monkeypatch.setattr(getpass, "getuser", lambda: "deploy")
    call_command(
        "import-boundaries", _borough_file(tmp_path), "--level", "borough", "--force-code", "testforce"
    )
    assert (_creation().actor, _creation().actor_label) == (None, "deploy")
