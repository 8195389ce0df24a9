"""The audit trail: who changed which fields of which record, when, from what to what.

Capture is hooked to Django's model signals rather than left to each service, so that a write made
through the admin, a shell or a future service cannot escape the trail (see docs/adr/0002-audit.md).
Business rules never live here; this module only records.
"""

import contextlib
import contextvars
import datetime
import decimal
from collections.abc import Iterable, Iterator
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from sn.core.models import AuditedModel, AuditEvent

_actor: contextvars.ContextVar[Any] = contextvars.ContextVar("audit_actor", default=None)
_context: contextvars.ContextVar[str] = contextvars.ContextVar("audit_context", default="")


@contextlib.contextmanager
def audit_actor(actor: Any, context: str = "") -> Iterator[None]:
    """Attribute every write inside the block to `actor`: a user, or the name of someone who is not
    one (whoever ran a command, by their operating-system account). None keeps the actor already in
    force (the signed-in user of the request, or the system outside one), so a service called without
    an explicit actor never erases the request's."""
    actor_token = _actor.set(actor if actor is not None else _actor.get())
    context_token = _context.set(context or _context.get())
    try:
        yield
    finally:
        _actor.reset(actor_token)
        _context.reset(context_token)


def current_actor() -> Any:
    """The signed-in user the writes in progress are attributed to, or None for the system or a name."""
    actor = _actor.get()
    if actor is None or not getattr(actor, "is_authenticated", False) or actor.pk is None:
        return None
    return actor


def current_actor_label() -> str:
    """Who the writes in progress are attributed to, as the trail's actor_label records it."""
    return _actor_fields()["actor_label"]


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if hasattr(value, "name") and hasattr(value, "storage"):  # a FieldFile
        return value.name or None
    return str(value)


def _current_values(instance: AuditedModel) -> dict[str, Any]:
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields}


def _ignored(instance: AuditedModel) -> set[str]:
    return {
        "created_at",
        "modified_at",
        "created_by_id",
        "modified_by_id",
        "id",
        *instance.audit_ignored_fields,
    }


def _diff(instance: AuditedModel, created: bool, update_fields: Iterable[str] | None) -> dict[str, list]:
    current = _current_values(instance)
    loaded = getattr(instance, "_audit_loaded", {})
    summarised = instance.audit_summarised_fields
    if update_fields is not None:
        names = {instance._meta.get_field(name).attname for name in update_fields}
        current = {k: v for k, v in current.items() if k in names}
    changes: dict[str, list] = {}
    for name, new in current.items():
        if name in _ignored(instance):
            continue
        old = None if created else loaded.get(name, new)
        if not created and old == new:
            continue
        if created and new in (None, ""):
            continue
        if name in summarised:
            changes[name] = ["(not recorded)", "(changed)" if not created else "(set)"]
        else:
            changes[name] = [_plain(old), _plain(new)]
    return changes


def _actor_fields() -> dict[str, Any]:
    actor = _actor.get()
    if isinstance(actor, str) and actor:
        return {"actor": None, "actor_label": actor[:150], "context": _context.get()}
    if actor is not None and getattr(actor, "is_authenticated", False):
        return {"actor": actor, "actor_label": actor.get_username(), "context": _context.get()}
    return {"actor": None, "actor_label": "system", "context": _context.get()}


def _write(action: str, instance: models.Model, changes: dict, content_type=None) -> None:
    AuditEvent.objects.create(
        action=action,
        content_type=content_type or ContentType.objects.get_for_model(type(instance)),
        object_id=str(instance.pk),
        object_repr=str(instance)[:255],
        changes=changes,
        **_actor_fields(),
    )


def _stamp(sender, instance: AuditedModel, raw=False, **kwargs) -> None:
    """created_by and modified_by come from the same actor as the trail, so no service has to pass
    them and a write from the admin or a shell is attributed the same way."""
    if raw or not isinstance(instance, AuditedModel):
        return
    actor = current_actor()
    if actor is None:
        return
    if instance._state.adding and instance.created_by_id is None:
        instance.created_by_id = actor.pk
    instance.modified_by_id = actor.pk


def _on_save(sender, instance: AuditedModel, created: bool, update_fields=None, raw=False, **kwargs) -> None:
    if raw or not isinstance(instance, AuditedModel):
        return
    changes = _diff(instance, created, update_fields)
    if created or changes:
        _write(AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE, instance, changes)
    instance._audit_loaded = _current_values(instance)


def _on_delete(sender, instance: AuditedModel, **kwargs) -> None:
    if not isinstance(instance, AuditedModel):
        return
    values = {
        name: [_plain(value), None]
        for name, value in _current_values(instance).items()
        if name not in _ignored(instance) and name not in instance.audit_summarised_fields
    }
    _write(AuditEvent.Action.DELETE, instance, values)


def _on_m2m(sender, instance, action: str, model, pk_set, **kwargs) -> None:
    if not isinstance(instance, AuditedModel) or action not in {"post_add", "post_remove", "post_clear"}:
        return
    field = next((f.name for f in instance._meta.many_to_many if f.remote_field.through is sender), "related")
    record_links(instance, field, pk_set or [], linked=action == "post_add")


def record_change(instance: models.Model, changes: dict[str, list]) -> None:
    """An update of `instance` that is no save of its fields (a sign-in lockout lifted), written as an
    update event with `changes` as {name: [old, new]}."""
    _write(AuditEvent.Action.UPDATE, instance, changes)


def record_links(instance: models.Model, field: str, ids: Iterable[Any], *, linked: bool) -> None:
    """Records linked to (or unlinked from) `instance` through its many-to-many `field`. Signals record
    this for `add()` and `remove()`; a service that writes the link table in bulk records it here."""
    ids = sorted(ids)
    kind = AuditEvent.Action.LINK if linked else AuditEvent.Action.UNLINK
    _write(kind, instance, {field: {"ids": ids} if ids else {"cleared": True}})


def _id_ranges(pks: list[int]) -> list[list[int]]:
    """Ids as [first, last] runs: a bulk insert numbers its rows consecutively, so a batch of
    thousands is usually one pair."""
    ranges: list[list[int]] = []
    for pk in sorted(pks):
        if ranges and pk == ranges[-1][1] + 1:
            ranges[-1][1] = pk
        else:
            ranges.append([pk, pk])
    return ranges


def record_bulk_create(
    model: type[models.Model], objects: list[models.Model], source: str, *, fields: Iterable[str] = ()
) -> None:
    """Bulk writes skip model signals, so the caller records them here: one event per batch.

    The event names the records it made (their ids), so each record's history finds the batch that
    made it; `fields` also keeps those fields' values per record, for figures where "who loaded this
    value" is the question (survey results)."""
    if not objects:
        return
    changes: dict[str, Any] = {"count": len(objects), "source": source}
    pks = [obj.pk for obj in objects if obj.pk is not None]
    if pks and all(isinstance(pk, int) for pk in pks):
        changes.update({"first": min(pks), "last": max(pks), "ids": _id_ranges(pks)})
    attnames = [model._meta.get_field(name).attname for name in fields]
    if attnames:
        changes["rows"] = {
            str(obj.pk): {name: _plain(getattr(obj, name)) for name in attnames} for obj in objects
        }
    AuditEvent.objects.create(
        action=AuditEvent.Action.BULK_CREATE,
        content_type=ContentType.objects.get_for_model(model),
        object_repr=f"{len(objects)} {model._meta.verbose_name_plural}",
        changes=changes,
        **_actor_fields(),
    )


def _batches_holding(content_type: ContentType, pk: Any) -> list[int]:
    if not isinstance(pk, int):
        return []
    # The span narrows the batches in the database; the runs decide.
    candidates = AuditEvent.objects.filter(
        content_type=content_type,
        action=AuditEvent.Action.BULK_CREATE,
        changes__first__lte=pk,
        changes__last__gte=pk,
    ).values_list("id", "changes")
    return [
        event_id
        for event_id, changes in candidates
        if any(first <= pk <= last for first, last in changes.get("ids", []))
    ]


def history_for(instance: models.Model) -> models.QuerySet[AuditEvent]:
    """Every event about `instance`: its own, and the batch that created it if it was bulk-loaded."""
    content_type = ContentType.objects.get_for_model(type(instance))
    return AuditEvent.objects.filter(
        Q(content_type=content_type, object_id=str(instance.pk))
        | Q(id__in=_batches_holding(content_type, instance.pk))
    ).select_related("actor")


def connect_signals() -> None:
    pre_save.connect(_stamp, dispatch_uid="sn-audit-stamp")
    post_save.connect(_on_save, dispatch_uid="sn-audit-save")
    post_delete.connect(_on_delete, dispatch_uid="sn-audit-delete")
    m2m_changed.connect(_on_m2m, dispatch_uid="sn-audit-m2m")
