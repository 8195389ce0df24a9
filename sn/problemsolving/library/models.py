"""The good-practice library's entries: one per closed, assessed case, holding what a team elsewhere
learns from it (the problem, what was done, how it turned out, where and when) and the text it is found
by. Derived from the case by sn.problemsolving.library.index and rebuilt from the cases at will, so it is
not audited: the case's own records carry the trail.

The full-text index lives beside the table and is the database's own, kept in step with every insert,
update and delete of an entry by triggers, so that no writer can leave it behind:
- PostgreSQL: the table `problemsolving_library_vector` (case, tsvector: title A, statement B, the rest
  C) with a GIN index (migration 0003; a narrow table, because in the wide entry rows the vectors were
  compressed and the planner scanned them all instead of using the index).
- SQLite: the FTS5 table `problemsolving_library_fts` with the entry table as its external content
  (migration 0002).
Neither is known to the ORM. SQLite rebuilds a table for most schema changes, which drops its
triggers: a later migration that alters this table must create them again (copy them from 0002).
"""

from django.db import models

from sn.problemsolving.models.cases import Case


class LibraryEntry(models.Model):
    case = models.OneToOneField(
        Case, primary_key=True, on_delete=models.CASCADE, related_name="library_entry"
    )
    neighbourhood = models.ForeignKey("geography.Neighbourhood", on_delete=models.CASCADE, related_name="+")
    # The searchable text, in the three weights the ranking gives it.
    title = models.CharField(max_length=200)
    statement = models.TextField()
    body = models.TextField(help_text="Analysis, response, interventions and the assessment, as text")
    # ",burglary,vehicle-crime," as on the case.
    category_codes = models.CharField(max_length=400)
    outcome = models.CharField(max_length=12)
    period_start = models.DateField()
    period_end = models.DateField()
    response_started_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField()
    # What was done, for the page: [{"what", "why", "by", "status", "note"}], chosen options first.
    done = models.JSONField(default=list)
    # How it turned out: the assessment's evidence, and its computed figures in words when it has them.
    evidence = models.TextField(blank=True)
    result_in_words = models.TextField(blank=True)
    refreshed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "library entries"
        indexes = [
            models.Index(fields=["closed_on", "case"], name="problemsolving_library_recent"),
            models.Index(fields=["outcome", "closed_on"], name="problemsolving_library_outcome"),
        ]

    def __str__(self) -> str:
        return f"Library entry for case {self.case_id}"
