"""Every kind of personal record privacy handles, in one table: how an erasure request finds and erases
a record of the kind, and how the retention review lists it, reaches it and decides on it.

Adding a kind is a RecordKind member (sn.privacy.retention) and one entry of KINDS, with its period in
SN_RETENTION (keyed by the kind's value) if it is kept for a period. What differs between kinds is said
by the entry's fields, never by a branch on the kind elsewhere.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Exists, Expression, Max, Model, OuterRef, QuerySet
from django.urls import reverse

from sn.asb.models import AsbPerson
from sn.asb.permissions import RECORD_ASB
from sn.asb.services import asb_person_erase
from sn.community.erasure import personal_data_erase_on_request
from sn.community.models import Contact, KinMember
from sn.community.selectors import due_for_review
from sn.core.access import has_permission
from sn.feedback.models import FeedbackMessage
from sn.feedback.permissions import HANDLE_FEEDBACK, messages_for_user
from sn.feedback.services import feedback_sender_erase
from sn.geography.scope import scope_of
from sn.panels.models import DiversityAnswers, PanelMember
from sn.panels.permissions import MANAGE_PANEL, MEMBERS
from sn.panels.services import diversity_answers_erase, panel_member_erase
from sn.panels.services.erasure import ERASED_NAME
from sn.privacy.retention import RecordKind
from sn.privacy.selectors import Due, due_asb, due_diversity, due_feedback, due_queries
from sn.queries.models import CommunityQuery
from sn.queries.permissions import HANDLE_QUERIES, queries_for_user
from sn.queries.services import query_sender_erase


@dataclass(frozen=True)
class Search:
    """How an erasure request finds records: `records()` are those still holding personal data, matched
    on the name (a field, or an expression such as first and last names joined), email and phone fields
    given; `area` and `note` describe a match without repeating what was searched for."""

    records: Callable[[], QuerySet]
    name: str | Expression | None = None
    email: str | None = None
    phone: str | None = None
    area: Callable[[Any], str] = lambda record: ""
    note: Callable[[Any], str] = lambda record: ""


@dataclass(frozen=True)
class Review:
    """How the privacy review list handles a kind: which records are due, whose they are to decide, how an
    item is described, and the page that decides it (its own route and permission, because who decides
    differs by kind)."""

    due: Callable[[date], list[Due]]
    # The ids among `ids` of records the user decides (each item is also checked by this, so 404 outside).
    reach: Callable[[Any, set[int]], QuerySet]
    # Loads the records of the items on a page, with what `describe` reads.
    records: Callable[[], QuerySet]
    # (title, detail, link to the record's own page or "") of a record and its item.
    describe: Callable[[Any, Any], tuple[str, str, str]]
    path: str  # /privacy/review/<path>/<pk>/, and the home page's provider key retention_<path>
    url_name: str  # privacy:<url_name>
    permission: str
    # The home page's line: "Erase or keep 3 <many> <verb> over 24 months ago".
    one: str
    many: str
    verb: str

    @property
    def route(self) -> str:
        return f"privacy:{self.url_name}"


@dataclass(frozen=True)
class KindSpec:
    kind: RecordKind
    model: type[Model]
    plural: str  # in the review run's summary
    # Found directly by an erasure request (and so erasable by one), or None.
    search: Search | None = None
    # Found through another kind's record (diversity answers through their panel member), or None.
    found_through: RecordKind | None = None
    # The record's details as held now, shown to confirm an erasure request's match.
    details: Callable[[Any], list[str]] | None = None
    # Erases the record's personal data, leaving its anonymous count; `context` says why (audited).
    erase: Callable[[Any, str], Any] | None = None
    # Whether SN_RETENTION gives the kind a period (under the kind's value).
    retained: bool = False
    review: Review | None = None
    # Retained kinds reviewed on another app's page: how many are due there, for the run's summary.
    due_elsewhere: Callable[[date], int] | None = None

    @property
    def erasable_on_request(self) -> bool:
        return self.search is not None


def _status_note(record) -> str:
    return f"{record.reference}, {record.get_status_display().lower()}"


def _panel_note(member) -> str:
    parts = ["current member" if member.is_current else "former member"]
    if member.has_answers:
        parts.append("with diversity answers")
    return ", ".join(parts)


def _reports(n: int) -> str:
    return f"{n} ASB report{'' if n == 1 else 's'}"


def _describe_feedback(feedback, item) -> tuple[str, str, str]:
    sender = feedback.sender_name or "an unnamed sender"
    title = f"{feedback.reference}: {feedback.get_kind_display().lower()} from {sender}"
    handler = feedback.handler.get_full_name() if feedback.handler else "nobody"
    outcome = feedback.get_outcome_display().lower() or "no outcome"
    detail = f"closed {item.last_active_on:%-d %b %Y}, {outcome}; handled by {handler}"
    return title, detail, reverse("feedback:message", args=[feedback.reference])


def _describe_diversity(answers, item) -> tuple[str, str, str]:
    member = answers.member
    url = reverse("panels:ward_panel", args=[item.neighbourhood.code]) if item.neighbourhood_id else ""
    return f"{member.name}, {member.panel.name}", f"membership ended {item.last_active_on:%-d %b %Y}", url


def _describe_query(query, item) -> tuple[str, str, str]:
    sender = query.sender_name or "an unnamed sender"
    detail = f"last active {item.last_active_on:%-d %b %Y}, {query.get_status_display().lower()}"
    return (
        f"{query.reference}: {query.subject} from {sender}",
        detail,
        reverse("queries:detail", args=[query.reference]),
    )


def _describe_asb(person, item) -> tuple[str, str, str]:
    reports = f"{person.report_count} report{'' if person.report_count == 1 else 's'}"
    url = reverse("asb:case", args=[person.last_case]) if person.last_case else ""
    return f"{person.name}, ASB victim", f"{reports}, the last on {item.last_active_on:%-d %b %Y}", url


def _feedback_reach(user, ids: set[int]) -> QuerySet:
    return messages_for_user(user, FeedbackMessage.objects.filter(pk__in=ids), for_write=True).values_list(
        "pk", flat=True
    )


def _diversity_reach(user, ids: set[int]) -> QuerySet:
    members = MEMBERS.filter_for(user, PanelMember.objects.all(), for_write=True)
    return DiversityAnswers.objects.filter(pk__in=ids, member__in=members.values("pk")).values_list(
        "pk", flat=True
    )


def _query_reach(user, ids: set[int]) -> QuerySet:
    return queries_for_user(user, CommunityQuery.objects.filter(pk__in=ids)).values_list("pk", flat=True)


def _asb_reach(user, ids: set[int]) -> QuerySet:
    if not has_permission(user, RECORD_ASB):
        return AsbPerson.objects.none().values_list("pk", flat=True)
    return AsbPerson.objects.filter(scope_of(user).neighbourhood_q("neighbourhood"), pk__in=ids).values_list(
        "pk", flat=True
    )


def _community(model: type[KinMember] | type[Contact], kind: RecordKind, plural: str) -> KindSpec:
    # KIN members and contacts are alike, and reviewed on the ward's own review page of sn.community,
    # which the sergeant already had.
    return KindSpec(
        kind=kind,
        model=model,
        plural=plural,
        search=Search(
            records=lambda: model.objects.filter(erased_at__isnull=True).select_related("neighbourhood"),
            name="name",
            email="email",
            phone="phone",
            area=lambda record: record.neighbourhood.name,
            note=lambda record: "archived" if record.is_archived else "",
        ),
        details=lambda record: [record.name, record.email, record.phone, record.street],
        erase=lambda record, context: personal_data_erase_on_request(record=record),
        retained=True,
        due_elsewhere=lambda today: due_for_review(model.objects.all(), today=today).count(),
    )


_ENTRIES = (
    _community(KinMember, RecordKind.KIN_MEMBER, "KIN members"),
    _community(Contact, RecordKind.CONTACT, "community contacts"),
    KindSpec(
        kind=RecordKind.FEEDBACK_SENDER,
        model=FeedbackMessage,
        plural="feedback senders' details",
        search=Search(
            records=lambda: FeedbackMessage.objects.filter(erased_at__isnull=True).select_related(
                "borough", "neighbourhood"
            ),
            name="sender_name",
            email="sender_email",
            phone="sender_phone",
            area=lambda feedback: feedback.area_name,
            note=_status_note,
        ),
        details=lambda feedback: [feedback.sender_name, feedback.sender_email, feedback.sender_phone],
        erase=lambda feedback, context: feedback_sender_erase(feedback=feedback, context=context),
        retained=True,
        review=Review(
            due=due_feedback,
            reach=_feedback_reach,
            records=lambda: FeedbackMessage.objects.select_related("handler"),
            describe=_describe_feedback,
            path="feedback",
            url_name="review_feedback",
            permission=HANDLE_FEEDBACK,
            one="feedback sender's details",
            many="feedback senders' details",
            verb="closed",
        ),
    ),
    KindSpec(
        kind=RecordKind.DIVERSITY_ANSWERS,
        model=DiversityAnswers,
        plural="panel members' diversity answers",
        found_through=RecordKind.PANEL_MEMBER,
        erase=lambda answers, context: diversity_answers_erase(answers=answers, reason=context),
        retained=True,
        review=Review(
            due=due_diversity,
            reach=_diversity_reach,
            records=lambda: DiversityAnswers.objects.select_related("member__panel"),
            describe=_describe_diversity,
            path="diversity",
            url_name="review_diversity",
            permission=MANAGE_PANEL,
            one="panel member's diversity answers",
            many="panel members' diversity answers",
            verb="left",
        ),
    ),
    KindSpec(
        kind=RecordKind.PANEL_MEMBER,
        model=PanelMember,
        # A panel member's name is kept while they serve and erased on request; their diversity answers
        # have a period of their own.
        plural="ward panel members",
        search=Search(
            records=lambda: (
                PanelMember.objects.exclude(name=ERASED_NAME)
                .select_related("panel__neighbourhood")
                .annotate(has_answers=Exists(DiversityAnswers.objects.live().filter(member=OuterRef("pk"))))
            ),
            name="name",
            email="email",
            phone="phone",
            area=lambda member: member.panel.neighbourhood.name,
            note=_panel_note,
        ),
        details=lambda member: [member.name, member.organisation, member.email, member.phone],
        erase=lambda member, context: panel_member_erase(member=member),
    ),
    KindSpec(
        kind=RecordKind.QUERY_SENDER,
        model=CommunityQuery,
        plural="community query senders' details",
        search=Search(
            records=lambda: CommunityQuery.objects.filter(erased_at__isnull=True).select_related(
                "neighbourhood"
            ),
            name="sender_name",
            email="sender_email",
            phone="sender_phone",
            area=lambda query: query.neighbourhood.name,
            note=_status_note,
        ),
        details=lambda query: [query.sender_name, query.sender_email, query.sender_phone],
        erase=lambda query, context: query_sender_erase(query=query),
        retained=True,
        review=Review(
            due=due_queries,
            reach=_query_reach,
            records=lambda: CommunityQuery.objects.all(),
            describe=_describe_query,
            path="queries",
            url_name="review_query",
            permission=HANDLE_QUERIES,
            one="community query sender's details",
            many="community query senders' details",
            verb="last active",
        ),
    ),
    KindSpec(
        kind=RecordKind.ASB_VICTIM,
        model=AsbPerson,
        plural="ASB victims",
        search=Search(
            records=lambda: (
                AsbPerson.objects.filter(erased_at__isnull=True)
                .select_related("neighbourhood")
                .annotate(report_count=Count("reports"))
            ),
            name="name",
            email="email",
            phone="phone",
            area=lambda person: person.neighbourhood.name,
            note=lambda person: _reports(person.report_count),
        ),
        details=lambda p: [p.name, p.email, p.phone, p.address_text, p.postcode],
        erase=lambda person, context: asb_person_erase(person=person),
        retained=True,
        review=Review(
            due=due_asb,
            reach=_asb_reach,
            records=lambda: AsbPerson.objects.annotate(
                report_count=Count("reports", distinct=True), last_case=Max("cases__pk")
            ),
            describe=_describe_asb,
            path="asb",
            url_name="review_asb",
            permission=RECORD_ASB,
            one="ASB victim's record",
            many="ASB victims' records",
            verb="last reported",
        ),
    ),
)

KINDS: dict[str, KindSpec] = {spec.kind: spec for spec in _ENTRIES}

# Derived from the table, in RecordKind's order.
ERASABLE = tuple(spec.kind for spec in _ENTRIES if spec.erasable_on_request)
RETAINED_KINDS = tuple(spec.kind for spec in _ENTRIES if spec.retained)
# Reviewed through the privacy review list; the other retained kinds on their own app's page.
LISTED_KINDS = tuple(spec.kind for spec in _ENTRIES if spec.review)
LISTED = tuple(spec for spec in _ENTRIES if spec.review)
