"""The real police.uk files in shared/data, imported twice into the demo geography (when present)."""

import csv
import gzip
from pathlib import Path

import numpy as np
import pytest

from sn.geography.demo import met_geography_load
from sn.geography.locate import current_locator
from sn.incidents.importing import police_files_import
from sn.incidents.keys import OccurrenceKeys
from sn.incidents.lsoa import lsoa_neighbourhoods
from sn.incidents.models import Incident

STREET_DIR = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "police_street"

pytestmark = [
    # Each file is its own top-level transaction, as under the command. (Nested in a test's transaction,
    # SQLite's savepoint bookkeeping makes every later file slower than the one before.)
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not STREET_DIR.is_dir(),
        reason=f"the real police.uk files are not here ({STREET_DIR}); the fixture tests cover the importer",
    ),
]


MET = "Metropolitan Police Service"


@pytest.fixture(autouse=True)
def the_met(settings):
    settings.SN_POLICE_FORCE_NAME = MET


def expected_from_the_files() -> dict:
    """What the files should do, worked out independently: rows read, the distinct identities of the
    Met's rows inside the force, and the rows outside it, of another force and with no location."""
    locator, lsoa_ids = current_locator(), lsoa_neighbourhoods()
    rows, inside_keys, outside, other_force, no_location = 0, set(), 0, 0, 0
    for path in sorted(STREET_DIR.rglob("*.csv*")):
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8-sig", newline="") as handle:
            data = list(csv.reader(handle))[1:]
        rows += len(data)
        asb = OccurrenceKeys()
        keyless = iter(asb.keys_for([row for row in data if not row[0]]))
        keys = [row[0] or next(keyless) for row in data]
        met = [row for row in data if row[3] == MET]
        other_force += len(data) - len(met)
        keys = [key for key, row in zip(keys, data, strict=True) if row[3] == MET]
        lngs = np.array([float(row[4]) if row[4] else np.nan for row in met])
        lats = np.array([float(row[5]) if row[5] else np.nan for row in met])
        found = np.full(len(met), -1)
        located = ~np.isnan(lngs)
        found[located] = locator.locate_many(lats[located], lngs[located])
        for i in np.flatnonzero(~located):
            found[i] = lsoa_ids.get(met[i][7], -1) if met[i][7] else -2
        outside += int((found == -1).sum())
        no_location += int((found == -2).sum())
        inside_keys.update(key for key, where in zip(keys, found.tolist(), strict=True) if where >= 0)
    return {
        "rows": rows,
        "inside_keys": inside_keys,
        "outside": outside,
        "other_force": other_force,
        "no_location": no_location,
    }


def test_importing_the_real_street_files_twice_keeps_one_incident_per_distinct_row_inside_the_force():
    met_geography_load()
    expected = expected_from_the_files()

    first = police_files_import(paths=[STREET_DIR], out=lambda _: None)
    second = police_files_import(paths=[STREET_DIR], out=lambda _: None)

    assert all(result.status == "imported" for result in first + second)
    assert sum(r.rows_read for r in first) == expected["rows"]
    for figure in ("outside", "other_force", "no_location"):
        name = {"outside": "outside_area"}.get(figure, figure)
        assert (
            sum(getattr(r, name) for r in first) == sum(getattr(r, name) for r in second) == expected[figure]
        )
    assert expected["other_force"] > 0  # the City of London Police files
    inside_keys = expected["inside_keys"]
    assert Incident.objects.count() == sum(r.imported for r in first) == len(inside_keys)
    placed_elsewhere = expected["outside"] + expected["other_force"] + expected["no_location"]
    duplicates = expected["rows"] - placed_elsewhere - len(inside_keys)
    assert duplicates > 0  # the 2023-01 sample repeats 280 burglaries of the monthly burglary file
    assert sum(r.unchanged + r.updated + r.repeated for r in first) == duplicates
    assert sum(r.imported for r in second) == 0
    assert set(Incident.objects.values_list("source_key", flat=True)) == inside_keys
    assert not Incident.objects.exclude(falls_within=MET).exists()
    # Every row is counted once, in one figure.
    for result in first + second:
        partition = [getattr(result, name) for name, _ in result.FIGURES]
        assert sum(partition) == result.rows_read, result.summary_line()
