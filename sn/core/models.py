"""Shared model building blocks and the append-only audit trail."""

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class AuditedModel(models.Model):
    """A domain record whose every create, update and delete is written to AuditEvent.

    The values loaded from the database are kept on the instance so that an update can record
    old and new values without a second query (see sn.core.audit).
    """

    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)
    # Set from the audit actor (sn.core.audit); empty for writes by the system and bulk loads.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    modified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # Fields too bulky to copy into the trail; a change to them is recorded without the values.
    audit_summarised_fields: ClassVar[frozenset[str]] = frozenset()
    # Fields whose changes are not domain changes at all (bookkeeping).
    audit_ignored_fields: ClassVar[frozenset[str]] = frozenset()

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db: str, field_names: list[str], values: list[Any]) -> "AuditedModel":
        instance = super().from_db(db, field_names, values)
        instance._audit_loaded = dict(zip(field_names, values, strict=True))
        return instance


class ArchivableQuerySet(models.QuerySet):
    def live(self) -> "ArchivableQuerySet":
        return self.filter(archived_at__isnull=True)

    def archived(self) -> "ArchivableQuerySet":
        return self.filter(archived_at__isnull=False)


class ArchivableModel(AuditedModel):
    """A record that holds personal data is archived, not deleted: it leaves every list and page at
    once, and the trail keeps who archived it, when and why, until the retention schedule removes it.
    Archive through `sn.core.archive.record_archive`."""

    archived_at = models.DateTimeField(null=True, blank=True, editable=False)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    archived_reason = models.CharField(max_length=255, blank=True, editable=False)

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class AuditEventQuerySet(models.QuerySet):
    """The trail is append-only: bulk updates and deletes through the ORM are refused."""

    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Audit events cannot be changed once written.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    """One write to a domain record. Rows are only ever inserted (see AuditEventQuerySet)."""

    class Action(models.TextChoices):
        CREATE = "create", "Created"
        UPDATE = "update", "Updated"
        DELETE = "delete", "Deleted"
        BULK_CREATE = "bulk_create", "Bulk created"
        LINK = "link", "Linked"
        UNLINK = "unlink", "Unlinked"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=255, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    context = models.CharField(max_length=255, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr} by {self.actor_label or 'system'}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("Audit events cannot be changed once written.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> None:
        raise PermissionError("Audit events cannot be deleted.")
