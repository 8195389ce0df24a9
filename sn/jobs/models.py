"""A background job as people see it: what was asked, by whom, how far it has got, and what came of it.

django-tasks keeps its own queue row (or Redis entry) for the worker; this record is ours, so that the
page, the audit trail and the metrics never depend on which queue backend runs the job.
"""

from django.conf import settings
from django.db import models

from sn.core.models import AuditedModel


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Waiting for the worker"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Finished"
    FAILED = "failed", "Failed: nothing was written"


class Job(AuditedModel):
    kind = models.CharField(max_length=64, db_index=True)  # a key of sn.jobs.registry.JOB_KINDS
    title = models.CharField(max_length=200)
    status = models.CharField(
        max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED, db_index=True
    )
    params = models.JSONField(default=dict, blank=True)
    # The uploaded file the job reads (a path under SN_JOB_FILES_DIR), kept until the job is pruned.
    input_path = models.CharField(max_length=500, blank=True)
    input_name = models.CharField(max_length=255, blank=True)
    input_bytes = models.BigIntegerField(null=True, blank=True)
    # The borough whose scope decides who besides the requester may see the job (None: the requester and
    # the central unit only).
    borough = models.ForeignKey(
        "geography.Borough", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="jobs"
    )
    task_id = models.CharField(max_length=64, blank=True)
    progress_done = models.BigIntegerField(default=0)
    progress_total = models.BigIntegerField(null=True, blank=True)
    progress_message = models.CharField(max_length=300, blank=True)
    summary = models.TextField(blank=True)
    errors = models.JSONField(default=list, blank=True)  # messages naming the line, row or field
    rows = models.BigIntegerField(null=True, blank=True)  # rows read, for the import throughput metric
    # A document the job made (a zip of PDFs, a pack): a path under SN_JOB_FILES_DIR and its download name.
    output_path = models.CharField(max_length=500, blank=True)
    output_name = models.CharField(max_length=255, blank=True)
    # The record the job created or changed (an import run, a pack), to link to from the job page.
    result_url = models.CharField(max_length=300, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    # Progress is bookkeeping, written often while the job runs: its changes are not domain changes.
    audit_ignored_fields = frozenset({"progress_done", "progress_total", "progress_message"})

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "kind"], name="job_status_kind")]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.SUCCEEDED, JobStatus.FAILED)

    @property
    def took(self) -> str | None:
        """How long it ran, to the second: a month's import takes seconds, and "0 minutes" said nothing."""
        if not (self.started_at and self.finished_at):
            return None
        seconds = round((self.finished_at - self.started_at).total_seconds())
        if seconds < 1:
            return "under a second"
        hours, rest = divmod(seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        parts = [(hours, "hour"), (minutes, "minute")]
        if not hours:
            parts = [(minutes, "minute"), (seconds, "second")]
        return " ".join(f"{n} {unit}{'' if n == 1 else 's'}" for n, unit in parts if n)

    @property
    def percent(self) -> int | None:
        if not self.progress_total:
            return None
        return min(100, round(100 * self.progress_done / self.progress_total))
