"""The records behind review items and erasure-request matches, described for the page that decides on
them. Read live by id: the stored lists name no one, and what was erased is never shown again."""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse

from sn.privacy.kinds import KINDS
from sn.privacy.models import ErasureRequest, ReviewItem
from sn.privacy.retention import due_on
from sn.privacy.search import KIND_LABELS


@dataclass(frozen=True)
class ItemRow:
    item: ReviewItem
    title: str
    detail: str
    url: str
    due_on: date
    decide_url: str = ""

    @property
    def area(self) -> str:
        if self.item.neighbourhood_id:
            return self.item.neighbourhood.name
        return f"{self.item.borough.name} (whole borough)"


def describe_items(items: list[ReviewItem]) -> list[ItemRow]:
    wanted = {item.kind for item in items}
    records = {
        kind: spec.review.records().in_bulk([i.record_id for i in items if i.kind == kind])
        for kind, spec in KINDS.items()
        if kind in wanted
    }
    rows = []
    for item in items:
        review = KINDS[item.kind].review
        title, detail, url = review.describe(records[item.kind][item.record_id], item)
        decide = reverse(review.route, args=[item.pk])
        rows.append(ItemRow(item, title, detail, url, due_on(item.kind, item.last_active_on), decide))
    return rows


@dataclass(frozen=True)
class MatchRow:
    key: str
    kind: str
    kind_label: str
    record_id: int
    area: str
    note: str
    erasable: bool
    erased: bool
    # The record's details as held now, to confirm the match: shown only while the request is open.
    details: tuple[str, ...] = ()


def _details(kind: str, record_id: int) -> tuple[str, ...]:
    spec = KINDS.get(kind)
    if spec is None or spec.details is None:
        return ()
    record = spec.model.objects.filter(pk=record_id).first()
    return tuple(part for part in (spec.details(record) if record else []) if part)


def describe_matches(erasure: ErasureRequest) -> list[MatchRow]:
    erased = set(erasure.erased)
    return [
        MatchRow(
            key=entry["key"],
            kind=entry["kind"],
            kind_label=KIND_LABELS[entry["kind"]],
            record_id=entry["record_id"],
            area=entry["area"],
            note=entry["note"],
            erasable=entry["erasable"],
            erased=entry["key"] in erased,
            details=_details(entry["kind"], entry["record_id"]) if erasure.is_open else (),
        )
        for entry in erasure.found
    ]
