"""Registries that a lower app owns and higher apps fill, so that layers import one way only.

A page, report or resolver in a low app (the ward page, the monthly report, a record's history) must
show what higher apps know. The higher app registers an entry in its `AppConfig.ready()`, as
`django.contrib.admin` autodiscovers `admin.py`; the low app reads the registry and never imports the
app that filled it.

Tests never copy and restore a registry: `registry.isolated()` gives a block its own empty (or
seeded) view through a context variable, so a test that registers something cannot leak into the
next one, whatever order they run in.
"""

import contextlib
import contextvars
from collections.abc import Callable, Iterable, Iterator
from typing import Generic, TypeVar

Entry = TypeVar("Entry")


class Registry(Generic[Entry]):
    def __init__(
        self, name: str, *, key: Callable[[Entry], str], order: Callable[[Entry], object] | None = None
    ):
        self.name = name
        self._key = key
        self._order = order
        self._entries: dict[str, Entry] = {}
        self._override: contextvars.ContextVar[dict[str, Entry] | None] = contextvars.ContextVar(
            f"registry_{name}", default=None
        )

    def _current(self) -> dict[str, Entry]:
        override = self._override.get()
        return self._entries if override is None else override

    def register(self, entry: Entry) -> Entry:
        entries = self._current()
        key = self._key(entry)
        if key in entries and entries[key] is not entry:
            raise ValueError(f"{self.name}: {key!r} is registered twice")
        entries[key] = entry
        return entry

    def get(self, key: str) -> Entry | None:
        return self._current().get(key)

    def __contains__(self, key: str) -> bool:
        return key in self._current()

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries())

    def __len__(self) -> int:
        return len(self._current())

    def entries(self) -> list[Entry]:
        entries = list(self._current().values())
        return sorted(entries, key=self._order) if self._order else entries

    def keys(self) -> list[str]:
        return [self._key(e) for e in self.entries()]

    @contextlib.contextmanager
    def isolated(self, entries: Iterable[Entry] = ()) -> Iterator["Registry[Entry]"]:
        """Inside the block the registry holds only `entries` (and what the block registers)."""
        token = self._override.set({self._key(e): e for e in entries})
        try:
            yield self
        finally:
            self._override.reset(token)
