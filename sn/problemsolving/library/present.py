"""A library entry as the library page and the "similar cases" section show it: only what a team
elsewhere learns from (the problem, what was done, how it turned out, where and when), and a link to the
full case only for a user the case's record rule lets open it."""

from dataclasses import dataclass

from django.urls import reverse

from sn.incidents.categories import Category
from sn.problemsolving.library.models import LibraryEntry
from sn.problemsolving.models import Assessment, Case
from sn.problemsolving.permissions import CASES

OUTCOME_LABELS = dict(Assessment.Outcome.choices)
# GOV.UK tag colours by outcome: what worked reads green, what did not grey.
OUTCOME_TAGS = {
    Assessment.Outcome.RESOLVED: "govuk-tag--green",
    Assessment.Outcome.REDUCED: "govuk-tag--turquoise",
    Assessment.Outcome.DISPLACED: "govuk-tag--orange",
    Assessment.Outcome.NO_CHANGE: "govuk-tag--grey",
}
CATEGORY_LABELS = dict(Category.choices)


@dataclass(frozen=True)
class LibraryItem:
    entry: LibraryEntry
    reference: str
    ward: str
    borough: str
    categories: list[str]
    outcome: str
    outcome_tag: str
    case_url: str  # empty when the user may not open the case

    @property
    def chosen(self) -> list[dict]:
        return [d for d in self.entry.done if d.get("status") == "Chosen"]

    @property
    def interventions(self) -> list[dict]:
        return [d for d in self.entry.done if d.get("status") != "Chosen"]


def library_items(user, entries: list[LibraryEntry]) -> list[LibraryItem]:
    """The entries for this user: one query finds which of their cases the user may open."""
    ids = [e.case_id for e in entries]
    openable = set(CASES.filter_for(user, Case.objects.filter(pk__in=ids)).values_list("pk", flat=True))
    return [
        LibraryItem(
            entry=e,
            reference=f"PS-{e.case_id:05d}",
            ward=e.neighbourhood.name,
            borough=e.neighbourhood.borough.name,
            categories=[CATEGORY_LABELS.get(c, c) for c in e.category_codes.split(",") if c],
            outcome=OUTCOME_LABELS.get(e.outcome, e.outcome),
            outcome_tag=OUTCOME_TAGS.get(e.outcome, "govuk-tag--grey"),
            case_url=reverse("problemsolving:case", args=[e.case_id]) if e.case_id in openable else "",
        )
        for e in entries
    ]
