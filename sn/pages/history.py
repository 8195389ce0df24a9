"""The change history page: which records a user may open the history of, and their events made
readable.

A record's history is its own events, the batch that bulk-loaded it, and the events of the registered
records that point at it which the reader may open too: an officer's and a team's postings are part of
their story. A posting elsewhere that the reader may not open stays out, so a record's history never
shows more than the records it gathers would.

Changes are named by their fields' labels; ids of other records become those records' names, linked
to their own history when the reader may open it; choices show their labels.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import ForeignKey, Model, OneToOneField
from django.http import Http404
from django.urls import reverse
from django.utils import formats, timezone

from sn.core.access import has_permission
from sn.core.audit import history_for
from sn.core.models import AuditEvent
from sn.core.permissions import VIEW_AUDIT_HISTORY
from sn.core.registries import HISTORY_RECORDS, HistoryRecord
from sn.geography.scope import scope_of

EVENTS_SHOWN = 200


def may_open(user, record: HistoryRecord, obj: Model) -> bool:
    """Whether `user` may open the history of `obj`: a supervisor whose scope covers one of the
    neighbourhoods the record's type says it belongs to (the whole force covers records that belong
    nowhere today, such as an officer between postings)."""
    if not has_permission(user, VIEW_AUDIT_HISTORY):
        return False
    scope = scope_of(user)
    return scope.everything or any(scope.covers_neighbourhood(n) for n in record.neighbourhoods_of(obj))


def get_history_record_for_user(user, key: str, pk: int) -> tuple[HistoryRecord, Model]:
    """The record of type `key` and id `pk` if the user may open its history; 404 otherwise."""
    record = HISTORY_RECORDS.get(key)
    if record is None:
        raise Http404("No such record type")
    obj = record.model._default_manager.filter(pk=pk).first()
    if obj is None or not may_open(user, record, obj):
        raise Http404("No such record in your area")
    return record, obj


@dataclass
class Value:
    text: str
    url: str = ""


@dataclass
class Change:
    label: str
    old: list[Value] | None = None
    new: list[Value] | None = None


@dataclass
class Entry:
    at: datetime
    who: str
    action: str
    about: Value | None = None  # the related record the event is about, when not the page's own
    changes: list[Change] = field(default_factory=list)
    note: str = ""


def _record_of(model: type[Model]) -> HistoryRecord | None:
    return next((r for r in HISTORY_RECORDS if r.model is model), None)


class _Reader:
    """Turns events into entries for one reader, looking each referenced record up once."""

    def __init__(self, user):
        self.user = user
        self.wanted: dict[type[Model], set[Any]] = defaultdict(set)
        self.found: dict[type[Model], dict[Any, Model]] = {}

    def link(self, obj: Model) -> Value:
        record = _record_of(type(obj))
        if record is not None and may_open(self.user, record, obj):
            return Value(str(obj), reverse("pages:history", args=[record.key, obj.pk]))
        return Value(str(obj))

    def want(self, model: type[Model], changes: dict) -> None:
        for name, values in changes.items():
            target = self._target(model, name)
            if target is None:
                continue
            if isinstance(values, dict):
                self.wanted[target].update(values.get("ids", []))
            elif isinstance(values, list):
                self.wanted[target].update(v for v in values if isinstance(v, int))

    def fetch(self) -> None:
        for model, ids in self.wanted.items():
            self.found[model] = model._default_manager.in_bulk(list(ids))

    @staticmethod
    def _field(model: type[Model], name: str):
        return next(
            (
                f
                for f in [*model._meta.concrete_fields, *model._meta.many_to_many]
                if name in (f.attname, f.name)
            ),
            None,
        )

    def _target(self, model: type[Model], name: str) -> type[Model] | None:
        model_field = self._field(model, name)
        return model_field.related_model if model_field is not None and model_field.is_relation else None

    def label(self, model: type[Model], name: str) -> str:
        model_field = self._field(model, name)
        text = str(model_field.verbose_name) if model_field is not None else name.replace("_", " ")
        return text[:1].upper() + text[1:]

    def value(self, model: type[Model], name: str, value: Any) -> Value | None:
        if value is None:
            return None
        target = self._target(model, name)
        if target is not None:
            obj = self.found.get(target, {}).get(value)
            if obj is None:
                return Value(f"{target._meta.verbose_name} {value} (no longer exists)")
            return self.link(obj)
        model_field = self._field(model, name)
        if model_field is not None and model_field.choices:
            return Value(str(dict(model_field.flatchoices).get(value, value)))
        if isinstance(value, bool):
            return Value("Yes" if value else "No")
        return Value(str(value))

    def changes(self, model: type[Model], changes: dict, *, created: bool = False) -> list[Change]:
        """Each change as its label and values; a creation shows the new values alone."""
        result = []
        for name, values in changes.items():
            label = self.label(model, name)
            if isinstance(values, dict):  # a link or unlink: {"ids": [...]} or {"cleared": True}
                linked = [self.value(model, name, pk) for pk in values.get("ids", [])]
                result.append(Change(label, new=linked or [Value("all")]))
            elif isinstance(values, list) and len(values) == 2:
                old, new = (self.value(model, name, v) for v in values)
                result.append(
                    Change(label, old=None if created else [old or Value("–")], new=[new] if new else [])
                )
            else:
                result.append(Change(label, new=[Value(str(values))]))
        return result

    def batch(self, model: type[Model], event: AuditEvent, pk: Any) -> tuple[list[Change], str]:
        """A batch event as this record's creation: its own values if the batch kept them."""
        changes = event.changes
        note = (
            f"One of {changes.get('count', '?')} {model._meta.verbose_name_plural} created together"
            f" ({changes.get('source') or 'no source recorded'})"
        )
        row = changes.get("rows", {}).get(str(pk), {})
        return self.changes(model, {name: [None, value] for name, value in row.items()}, created=True), note


def _who(event: AuditEvent) -> str:
    # A deleted user's events keep their username (actor_label): the account goes, the trail does not.
    if event.actor is not None:
        return event.actor.get_full_name() or event.actor.get_username()
    return event.actor_label or "system"


def _related(user, obj: Model) -> list[tuple[HistoryRecord, Model]]:
    """The registered records that point at `obj` (many to one) and that the user may open."""
    found = []
    for record in HISTORY_RECORDS:
        for model_field in record.model._meta.concrete_fields:
            if (
                isinstance(model_field, ForeignKey)
                and not isinstance(model_field, OneToOneField)
                and model_field.related_model is type(obj)
            ):
                for related in record.model._default_manager.filter(**{model_field.name: obj}):
                    if may_open(user, record, related):
                        found.append((record, related))
    return found


def history_entries(user, obj: Model) -> list[Entry]:
    """The entries of `obj`'s history for `user`, most recent first."""
    sources: list[tuple[Model, AuditEvent]] = [(obj, e) for e in history_for(obj)[:EVENTS_SHOWN]]
    for _, related in _related(user, obj):
        sources += [(related, e) for e in history_for(related)[:EVENTS_SHOWN]]
    sources.sort(key=lambda source: (source[1].at, source[1].id), reverse=True)
    sources = sources[:EVENTS_SHOWN]
    reader = _Reader(user)
    for record, event in sources:
        if event.action == AuditEvent.Action.BULK_CREATE:
            reader.want(type(record), event.changes.get("rows", {}).get(str(record.pk), {}))
        else:
            reader.want(type(record), event.changes)
    reader.fetch()
    entries = []
    for record, event in sources:
        model = type(record)
        if event.action == AuditEvent.Action.BULK_CREATE:
            changes, note = reader.batch(model, event, record.pk)
        else:
            created = event.action == AuditEvent.Action.CREATE
            changes, note = reader.changes(model, event.changes, created=created), ""
        about = None
        if record is not obj:
            link = reader.link(record)
            about = Value(f"{str(model._meta.verbose_name).capitalize()}: {link.text}", link.url)
        entries.append(Entry(event.at, _who(event), event.get_action_display(), about, changes, note))
    creations = (AuditEvent.Action.CREATE, AuditEvent.Action.BULK_CREATE)
    if not history_for(obj).filter(action__in=creations).exists():
        entries += _unrecorded_creation(obj)
    return entries


def _unrecorded_creation(obj: Model) -> list[Entry]:
    """A record bulk-loaded before batch events named their records has no event of its creation; its
    own created_at still says when it was made."""
    created_at = getattr(obj, "created_at", None)
    if created_at is None:
        return []
    day = formats.date_format(timezone.localtime(created_at), "j M Y")
    creator = getattr(obj, "created_by", None)
    return [
        Entry(
            created_at,
            (creator.get_full_name() or creator.get_username()) if creator else "not recorded",
            AuditEvent.Action.CREATE.label,
            note=f"Created {day}, in a bulk load that kept no event for each record",
        )
    ]
