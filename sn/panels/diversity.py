"""The make-up of panels as counts that cannot identify anyone (seed 001, paragraphs 97-101).

Only current members of active panels count. Each question's counts include "Not answered" (no
consent given, consent withdrawn, or the question left blank), so every column adds up to the members.
A count under SN_SMALL_NUMBER_SUPPRESSION shows as "fewer than 10" on the page and in every download;
where a question would hide only one count, the next smallest is hidden too, or the hidden one could be
worked out from the total.
"""

from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet

from sn.panels.models import PanelMember
from sn.panels.models.panels import DIVERSITY_QUESTIONS

NOT_ANSWERED = "Not answered"


@dataclass(frozen=True)
class Cell:
    label: str
    count: int | None  # None: suppressed

    @property
    def text(self) -> str:
        return f"fewer than {threshold()}" if self.count is None else f"{self.count:,}"


@dataclass(frozen=True)
class Question:
    label: str
    cells: list[Cell]


@dataclass(frozen=True)
class Aggregate:
    # Not suppressed: the panel page names its members, so their number is no secret; the cells are
    # suppressed knowing that the total is known.
    members: int
    questions: list[Question]
    threshold: int = 10

    def rows(self) -> list[list[str]]:
        """The aggregate as rows of (question, answer, members), as a download has it."""
        return [[q.label, c.label, c.text] for q in self.questions for c in q.cells]


def threshold() -> int:
    return settings.SN_SMALL_NUMBER_SUPPRESSION


def suppressed(counts: list[tuple[str, int]]) -> list[Cell]:
    """Each count as a cell, small ones hidden, with a second hidden where one alone would show by
    subtraction from the total."""
    limit = threshold()
    hidden = {i for i, (_, n) in enumerate(counts) if n < limit}
    if len(hidden) == 1 and len(counts) > 1:
        shown = sorted((n, i) for i, (_, n) in enumerate(counts) if i not in hidden)
        hidden.add(shown[0][1])
    return [Cell(label, None if i in hidden else n) for i, (label, n) in enumerate(counts)]


def current_members(members: QuerySet[PanelMember]) -> QuerySet[PanelMember]:
    return members.live().filter(left_on__isnull=True, panel__dissolved_on__isnull=True)


def diversity_aggregate(members: QuerySet[PanelMember]) -> Aggregate:
    """The aggregate of `members` (narrowed to current members of active panels), in one query."""
    fields = [name for name, _, _ in DIVERSITY_QUESTIONS]
    rows = list(
        current_members(members).values_list(
            "diversity__consent_withdrawn_on",
            "diversity__consent_given_on",
            *[f"diversity__{f}" for f in fields],
        )
    )
    total = len(rows)
    counters = {name: Counter() for name in fields}
    for withdrawn, given, *answers in rows:
        consented = given is not None and withdrawn is None
        for name, answer in zip(fields, answers, strict=True):
            counters[name][answer if consented and answer else NOT_ANSWERED] += 1
    questions = []
    for name, label, choices in DIVERSITY_QUESTIONS:
        counts = [(choice.label, counters[name][choice.value]) for choice in choices]
        counts.append((NOT_ANSWERED, counters[name][NOT_ANSWERED]))
        questions.append(Question(label, suppressed(counts)))
    return Aggregate(members=total, questions=questions, threshold=threshold())
