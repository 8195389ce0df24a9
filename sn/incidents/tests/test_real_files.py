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


def expected_from_the_files() -> tuple[int, set[str], int]:
    """Rows, distinct identities of the rows inside the force, rows outside: worked out independently."""
    locator, lsoa_ids = current_locator(), lsoa_neighbourhoods()
    rows, inside_keys, outside = 0, set(), 0
    for path in sorted(STREET_DIR.rglob("*.csv*")):
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8-sig", newline="") as handle:
            data = list(csv.reader(handle))[1:]
        rows += len(data)
        asb = OccurrenceKeys()
        keyless = iter(asb.keys_for([row for row in data if not row[0]]))
        keys = [row[0] or next(keyless) for row in data]
        lngs = np.array([float(row[4]) if row[4] else np.nan for row in data])
        lats = np.array([float(row[5]) if row[5] else np.nan for row in data])
        found = np.full(len(data), -1)
        located = ~np.isnan(lngs)
        found[located] = locator.locate_many(lats[located], lngs[located])
        for i in np.flatnonzero(~located):
            found[i] = lsoa_ids.get(data[i][7], -1)
        outside += int((found == -1).sum())
        inside_keys.update(key for key, where in zip(keys, found.tolist(), strict=True) if where != -1)
    return rows, inside_keys, outside


def test_importing_the_real_street_files_twice_keeps_one_incident_per_distinct_row_inside_the_force():
    met_geography_load()
    rows, inside_keys, outside = expected_from_the_files()

    first = police_files_import(paths=[STREET_DIR], out=lambda _: None)
    second = police_files_import(paths=[STREET_DIR], out=lambda _: None)

    assert all(result.status == "imported" for result in first + second)
    assert sum(r.rows_read for r in first) == rows
    assert sum(r.outside_area for r in first) == sum(r.outside_area for r in second) == outside
    assert Incident.objects.count() == sum(r.imported for r in first) == len(inside_keys)
    duplicates = rows - outside - len(inside_keys)
    assert duplicates > 0  # the 2023-01 sample repeats 280 burglaries of the monthly burglary file
    assert sum(r.unchanged + r.updated for r in first) == duplicates
    assert sum(r.imported for r in second) == 0
    assert set(Incident.objects.values_list("source_key", flat=True)) == inside_keys
