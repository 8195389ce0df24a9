"""A month of published crimes held in memory, as numpy columns, for the reads by place (a radius, a
polygon) that the public map and the police.uk API answer most.

Why: a 1-mile radius in central London holds about 10,000 crimes a month. Read from the database each
time (the (month, latitude) index, then the rows), that is 50-200 ms however the query is written, as
each row is fetched and converted; filtered in numpy from columns already in memory and turned into
tuples only for the crimes inside, it is a few milliseconds.

A month is loaded on first use (one query) and kept while it is current: the publishing service moves
a version token in the shared cache when it commits (sn.incidents.disclosure.PUBLISHED_VERSION_KEY), so
with Redis every worker sees a rebuild at once; with the in-process cache a worker cannot see another
process's rebuild, so a month is also reloaded after SN_PUBLIC_CACHE_SECONDS, the staleness every
public answer already allows. At most MONTHS_KEPT months are kept (about 5 MB each for 100,000 crimes).
"""

import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from sn.incidents.disclosure import PUBLISHED_VERSION_KEY
from sn.incidents.models import PublishedCrime

MONTHS_KEPT = 6
_NO_MONTH = -1


def _as_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


@dataclass
class MonthLayer:
    """The crimes of a month published at points, as columns."""

    month: date
    version: str
    loaded_at: float
    lat: np.ndarray
    lng: np.ndarray
    category: np.ndarray  # index into `categories`
    categories: list[str]
    ids: list[int]
    persistent_ids: list[str]
    neighbourhood_ids: list[int]
    snap_point_ids: list[int]
    street_names: list[str]
    outcome_categories: list[str]
    outcome_months: list[date | None]

    def rows(self, mask: np.ndarray, category: str | None) -> np.ndarray:
        """The positions of the crimes `mask` keeps, of `category` (None: every category)."""
        if category is not None:
            if category not in self.categories:
                return np.empty(0, dtype=np.int64)
            mask = mask & (self.category == self.categories.index(category))
        return np.flatnonzero(mask)


def _load(month: date, version: str) -> MonthLayer:
    table = PublishedCrime._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, persistent_id, category, neighbourhood_id, snap_point_id, latitude, longitude, "
            f"street_name, outcome_category, outcome_month FROM {table} "
            "WHERE month = %s AND snap_point_id IS NOT NULL ORDER BY id",
            [month],
        )
        rows = cursor.fetchall()
    columns = list(zip(*rows, strict=True)) if rows else [()] * 10
    ids, persistent, categories, wards, snaps, lats, lngs, streets, outcomes, outcome_months = columns
    names = sorted(set(categories))
    code = {name: i for i, name in enumerate(names)}
    # Outcome months repeat: one date object each, not one per crime.
    months: dict = {}
    return MonthLayer(
        month=month,
        version=version,
        loaded_at=time.monotonic(),
        lat=np.array(lats, dtype=float),
        lng=np.array(lngs, dtype=float),
        category=np.array([code[c] for c in categories], dtype=np.int16),
        categories=names,
        ids=list(ids),
        persistent_ids=list(persistent),
        neighbourhood_ids=list(wards),
        snap_point_ids=list(snaps),
        street_names=list(streets),
        outcome_categories=list(outcomes),
        outcome_months=[months.setdefault(m, _as_date(m)) for m in outcome_months],
    )


def _version() -> str:
    """The layer's version; a new one where the cache has none (first use, evicted, or cleared), so
    that nothing held from before can match it."""
    version = cache.get(PUBLISHED_VERSION_KEY)
    if version is None:
        version = secrets.token_hex(8)
        if not cache.add(PUBLISHED_VERSION_KEY, version, timeout=None):
            version = cache.get(PUBLISHED_VERSION_KEY) or version
    return version


_layers: OrderedDict[date, MonthLayer] = OrderedDict()
_lock = threading.Lock()


def month_layer(month: date) -> MonthLayer:
    """The month's published points, loaded or reloaded when it is not current."""
    version = _version()
    max_age = float(settings.SN_PUBLIC_CACHE_SECONDS)
    with _lock:
        layer = _layers.get(month)
        if layer is not None and layer.version == version and time.monotonic() - layer.loaded_at < max_age:
            _layers.move_to_end(month)
            return layer
    layer = _load(month, version)
    with _lock:
        _layers[month] = layer
        _layers.move_to_end(month)
        while len(_layers) > MONTHS_KEPT:
            _layers.popitem(last=False)
    return layer


def forget() -> None:
    """Drop every month held (tests, and after a rebuild in this process)."""
    with _lock:
        _layers.clear()
        _months.clear()


_months: dict[str, tuple[str, float, list[date]]] = {}


def held_months(load) -> list[date]:
    """The published months, from `load()` once per version of the layer (and SN_PUBLIC_CACHE_SECONDS)."""
    version = _version()
    found = _months.get("months")
    if (
        found
        and found[0] == version
        and time.monotonic() - found[1] < float(settings.SN_PUBLIC_CACHE_SECONDS)
    ):
        return list(found[2])
    months = load()
    _months["months"] = (version, time.monotonic(), months)
    return list(months)
