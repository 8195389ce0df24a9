import pytest

from sn.incidents.lsoa import lsoa_neighbourhoods


@pytest.fixture
def lsoa_ids(world, monkeypatch):
    """The test force's LSOA lookup: E01000003 lies in ward b2. Commands use it too."""
    ids = lsoa_neighbourhoods({"E01000003": world.wards["b2"].code, "E01000001": world.wards["a1"].code})
    monkeypatch.setattr("sn.incidents.importing.lsoa_neighbourhoods", lambda: ids)
    return ids
