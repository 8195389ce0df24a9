"""Notices for a panel's next meeting from elsewhere in the service: an officer of the ward lent to
another ward under Approach A (seed 000 paragraph 36: the home ward's panel is told). A paper is a link
to a document kept elsewhere; a notice is the service's own record, so it has its own table."""

from django.db import models

from sn.core.models import AuditedModel


class PanelNotice(AuditedModel):
    panel = models.ForeignKey("panels.Panel", on_delete=models.PROTECT, related_name="notices")
    # The meeting whose papers carry it: the next one planned when the notice was given, or none yet
    # (then it goes on the papers of whichever meeting is planned next).
    meeting = models.ForeignKey(
        "panels.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="notices"
    )
    title = models.CharField(max_length=200)
    text = models.TextField(max_length=4000)
    # What gave the notice, as "app_label.model:pk", so that the giver can find its own notices again.
    source = models.CharField(max_length=100, blank=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title
