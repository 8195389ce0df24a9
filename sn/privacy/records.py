"""The records behind review items and erasure-request matches, described for the page that decides on
them. Read live by id: the stored lists name no one, and what was erased is never shown again."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max
from django.urls import reverse

from sn.asb.models import AsbPerson
from sn.community.models import Contact, KinMember
from sn.feedback.models import FeedbackMessage
from sn.panels.models import DiversityAnswers, PanelMember
from sn.privacy.models import ErasureRequest, ReviewItem
from sn.privacy.retention import RecordKind, due_on
from sn.privacy.search import KIND_LABELS
from sn.queries.models import CommunityQuery

# The page that decides an item, by kind: each kind has its own route and permission.
DECIDE_ROUTES = {
    RecordKind.FEEDBACK_SENDER: "privacy:review_feedback",
    RecordKind.DIVERSITY_ANSWERS: "privacy:review_diversity",
    RecordKind.QUERY_SENDER: "privacy:review_query",
    RecordKind.ASB_VICTIM: "privacy:review_asb",
}


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
    def ids(kind: str) -> list[int]:
        return [i.record_id for i in items if i.kind == kind]

    messages = FeedbackMessage.objects.select_related("handler").in_bulk(ids(RecordKind.FEEDBACK_SENDER))
    answers = DiversityAnswers.objects.select_related("member__panel").in_bulk(
        ids(RecordKind.DIVERSITY_ANSWERS)
    )
    queries = CommunityQuery.objects.in_bulk(ids(RecordKind.QUERY_SENDER))
    victims = AsbPerson.objects.annotate(
        report_count=Count("reports", distinct=True), last_case=Max("cases__pk")
    ).in_bulk(ids(RecordKind.ASB_VICTIM))
    rows = []
    for item in items:
        if item.kind == RecordKind.FEEDBACK_SENDER:
            feedback = messages[item.record_id]
            sender = feedback.sender_name or "an unnamed sender"
            title = f"{feedback.reference}: {feedback.get_kind_display().lower()} from {sender}"
            handler = feedback.handler.get_full_name() if feedback.handler else "nobody"
            outcome = feedback.get_outcome_display().lower() or "no outcome"
            detail = f"closed {item.last_active_on:%-d %b %Y}, {outcome}; handled by {handler}"
            url = reverse("feedback:message", args=[feedback.reference])
        elif item.kind == RecordKind.QUERY_SENDER:
            query = queries[item.record_id]
            sender = query.sender_name or "an unnamed sender"
            title = f"{query.reference}: {query.subject} from {sender}"
            detail = f"last active {item.last_active_on:%-d %b %Y}, {query.get_status_display().lower()}"
            url = reverse("queries:detail", args=[query.reference])
        elif item.kind == RecordKind.ASB_VICTIM:
            person = victims[item.record_id]
            title = f"{person.name}, ASB victim"
            reports = f"{person.report_count} report{'' if person.report_count == 1 else 's'}"
            detail = f"{reports}, the last on {item.last_active_on:%-d %b %Y}"
            url = reverse("asb:case", args=[person.last_case]) if person.last_case else ""
        else:
            member = answers[item.record_id].member
            title = f"{member.name}, {member.panel.name}"
            detail = f"membership ended {item.last_active_on:%-d %b %Y}"
            url = (
                reverse("panels:ward_panel", args=[item.neighbourhood.code]) if item.neighbourhood_id else ""
            )
        decide = reverse(DECIDE_ROUTES[item.kind], args=[item.pk])
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
    if kind in (RecordKind.KIN_MEMBER, RecordKind.CONTACT):
        model = KinMember if kind == RecordKind.KIN_MEMBER else Contact
        record = model.objects.filter(pk=record_id).first()
        parts = [record.name, record.email, record.phone, record.street] if record else []
    elif kind == RecordKind.FEEDBACK_SENDER:
        record = FeedbackMessage.objects.filter(pk=record_id).first()
        parts = [record.sender_name, record.sender_email, record.sender_phone] if record else []
    elif kind == RecordKind.QUERY_SENDER:
        record = CommunityQuery.objects.filter(pk=record_id).first()
        parts = [record.sender_name, record.sender_email, record.sender_phone] if record else []
    elif kind == RecordKind.ASB_VICTIM:
        record = AsbPerson.objects.filter(pk=record_id).first()
        parts = (
            [record.name, record.email, record.phone, record.address_text, record.postcode] if record else []
        )
    elif kind == RecordKind.PANEL_MEMBER:
        record = PanelMember.objects.filter(pk=record_id).first()
        parts = [record.name, record.organisation, record.email, record.phone] if record else []
    else:
        return ()
    return tuple(part for part in parts if part)


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
