"""Demo "Your Voice Counts" messages: about fifteen months of them in every borough, in every state (new,
being handled, replied, closed with each outcome, and closed so long ago that the senders' details have
been erased), some overdue, with the replies their handlers recorded.

Seed 003 counted 155 messages in the mailbox's first three months force-wide; the demo has about ten a
borough over fifteen months, and more in Southwark, where the demo users work, so that their queue and
home pages have something in every state. Handlers are the demo users who may handle each message
(Southwark's sergeant, inspector and borough lead), elsewhere the central unit, which ran the mailbox in
2007. Deterministic for a seed and a date.
"""

import time
import zlib
from datetime import date, datetime, timedelta

import numpy as np
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from sn.accounts.models import User
from sn.core.audit import record_bulk_create
from sn.core.roles import Role
from sn.feedback.models import (
    CLOSES_WITHOUT_REPLY,
    Category,
    FeedbackMessage,
    FeedbackReply,
    Kind,
    Outcome,
    ReplyBy,
    Status,
)
from sn.feedback.rules import due_date
from sn.feedback.selectors import handler_candidates, handlers_for
from sn.feedback.services.submit import REFERENCE_ALPHABET, REFERENCE_LENGTH
from sn.geography.models import Borough, Neighbourhood

SOURCE = "demo feedback"
DAYS = 450
BUSY_BOROUGH = "E09000028"  # Southwark, where the demo users work
PER_BOROUGH = (6, 14)
BUSY_COUNT = 60

KINDS = [Kind.PRAISE, Kind.COMPLAINT, Kind.SUGGESTION, Kind.JOIN]
KIND_WEIGHTS = [0.3, 0.32, 0.24, 0.14]
REPLIES = [ReplyBy.EMAIL, ReplyBy.PHONE, ReplyBy.POST, ReplyBy.NONE]
REPLY_WEIGHTS = [0.55, 0.2, 0.05, 0.2]
FIRST_NAMES = [
    "Aisha",
    "Ben",
    "Chloe",
    "Dev",
    "Ellen",
    "Femi",
    "Grace",
    "Hamza",
    "Iris",
    "Jack",
    "Kemi",
    "Liam",
]
LAST_NAMES = [
    "Adebayo",
    "Brown",
    "Clarke",
    "Doherty",
    "Evans",
    "Fernandes",
    "Green",
    "Hussain",
    "Ivanova",
    "Jones",
]
STREETS = ["Station Road", "Church Street", "Park Avenue", "Victoria Road", "Mill Lane", "The Crescent"]

TEXTS = {
    Kind.PRAISE: [
        (
            "Thank you to the team on {ward} for sorting out the group who were hanging around the shops. "
            "It feels much safer to walk home now.",
            Category.ASB,
        ),
        (
            "The PCSOs at the {ward} street briefing listened and came back to tell us what they had done. "
            "Please pass on our thanks.",
            Category.MEETINGS,
        ),
        (
            "I see the team walking round {ward} most days now. It makes a real difference.",
            Category.VISIBILITY,
        ),
    ],
    Kind.COMPLAINT: [
        ("I reported cars racing through {ward} three times and nobody came back to me.", Category.RESPONSE),
        ("The ward panel meeting in {ward} was cancelled with no notice and no new date.", Category.MEETINGS),
        (
            "Drug dealing by the estate in {ward} has gone on for months. The priorities never seem to "
            "change.",
            Category.PRIORITIES,
        ),
        (
            "Nobody told residents what happened after the burglaries on our road in {ward}.",
            Category.COMMUNICATION,
        ),
    ],
    Kind.SUGGESTION: [
        (
            "Could the team hold a contact point at the library in {ward} on Saturday mornings?",
            Category.MEETINGS,
        ),
        (
            "It would help if the team's page for {ward} said which evenings officers are on patrol.",
            Category.COMMUNICATION,
        ),
        (
            "Please look at the alley behind the high street in {ward}: it needs better lighting.",
            Category.CRIME,
        ),
    ],
    Kind.JOIN: [
        (
            "I run the residents' association in {ward} and would like to join the ward panel.",
            Category.JOINING,
        ),
        (
            "I own a shop on the parade in {ward} and am happy to be one of the team's key individuals.",
            Category.JOINING,
        ),
    ],
}
CONDUCT_TEXT = (
    "An officer I spoke to in {ward} about my stolen bike was rude and dismissive and would not give "
    "their number."
)
REPLY_TEXTS = {
    Kind.PRAISE: "Thank you for taking the time to write. I have passed your message to the team.",
    Kind.COMPLAINT: "I am sorry for how this was handled. I have looked into it and this is what we will do.",
    Kind.SUGGESTION: "Thank you for the suggestion. The team will discuss it at the next ward panel meeting.",
    Kind.JOIN: "Thank you for offering to help. The team's sergeant will be in touch to arrange a meeting.",
}
OUTCOME_FOR = {
    Kind.PRAISE: [Outcome.PASSED_TO_TEAM, Outcome.ANSWERED],
    Kind.COMPLAINT: [Outcome.ANSWERED, Outcome.PUT_RIGHT, Outcome.NO_FURTHER_ACTION, Outcome.NO_CONTACT],
    Kind.SUGGESTION: [Outcome.ANSWERED, Outcome.PASSED_TO_TEAM, Outcome.NO_FURTHER_ACTION],
    Kind.JOIN: [Outcome.JOINED, Outcome.NO_CONTACT],
}


def feedback_demo_load(*, seed: int = 2026, today: date | None = None, progress=print) -> str:
    """Build every borough's messages and replies; returns a summary line. Does nothing when there are
    messages already."""
    started = time.monotonic()
    if FeedbackMessage.objects.exists():
        return "Feedback already present: nothing added."
    today = today or timezone.localdate()
    # The moment the demo stands at: now, or the end of an earlier or later day it was asked for.
    now = timezone.now()
    if today != timezone.localdate():
        now = timezone.make_aware(datetime(today.year, today.month, today.day, 23, 59))
    wards_by_borough: dict[int, list[Neighbourhood]] = {}
    for ward in Neighbourhood.objects.order_by("code").only("id", "code", "name", "borough_id", "cluster_id"):
        wards_by_borough.setdefault(ward.borough_id, []).append(ward)
    boroughs = list(Borough.objects.order_by("code").only("id", "code", "name"))
    has_handlers = User.objects.filter(role__in=[Role.CENTRAL_UNIT, Role.BOROUGH_LEAD]).exists()
    progress(f"Writing feedback for {len(boroughs)} boroughs ...")
    built = _Built()
    for borough in boroughs:
        rng = np.random.default_rng([seed, zlib.crc32(borough.code.encode())])
        count = BUSY_COUNT if borough.code == BUSY_BOROUGH else int(rng.integers(*PER_BOROUGH, endpoint=True))
        for _ in range(count):
            _message(rng, borough, wards_by_borough.get(borough.id, []), today, now, has_handlers, built)
    with transaction.atomic():
        FeedbackMessage.objects.bulk_create(built.messages, batch_size=500)
        record_bulk_create(FeedbackMessage, built.messages, SOURCE)
        replies = [FeedbackReply(feedback=message, **fields) for message, fields in built.replies]
        FeedbackReply.objects.bulk_create(replies, batch_size=500)
        record_bulk_create(FeedbackReply, replies, SOURCE)
    states = ", ".join(f"{n} {state}" for state, n in sorted(built.states.items()))
    return (
        f"Feedback ready in {time.monotonic() - started:.1f} s: {len(built.messages):,} messages ({states}), "
        f"{len(replies):,} replies."
    )


class _Built:
    def __init__(self):
        self.messages: list[FeedbackMessage] = []
        self.replies: list[tuple[FeedbackMessage, dict]] = []
        self.references: set[str] = set()
        self.states: dict[str, int] = {}
        self.handlers: dict[tuple, list[User]] = {}
        self.candidates: dict[int, list[User]] = {}
        self.scopes: dict = {}

    def reference(self, rng, year: int) -> str:
        while True:
            code = "".join(rng.choice(list(REFERENCE_ALPHABET), size=REFERENCE_LENGTH))
            reference = f"YVC-{year}-{code}"
            if reference not in self.references:
                self.references.add(reference)
                return reference

    def handler(self, borough, ward, conduct: bool, rng) -> User | None:
        key = (borough.pk, ward.pk if ward else None, conduct)
        if key not in self.handlers:
            if borough.pk not in self.candidates:
                self.candidates[borough.pk] = handler_candidates(borough)
            self.handlers[key] = handlers_for(
                borough=borough,
                neighbourhood=ward,
                about_conduct=conduct,
                candidates=self.candidates[borough.pk],
                scopes=self.scopes,
            )
        candidates = self.handlers[key]
        if not candidates:
            return None
        # Those nearest the ward first (the list runs sergeant, inspector, lead, central unit by role).
        nearest = [u for u in candidates if u.role != Role.CENTRAL_UNIT] or candidates
        return nearest[int(rng.integers(len(nearest)))]

    def count(self, state: str) -> None:
        self.states[state] = self.states.get(state, 0) + 1


def _at(day: date, rng) -> datetime:
    moment = datetime(day.year, day.month, day.day, int(rng.integers(7, 23)), int(rng.integers(60)))
    return timezone.make_aware(moment)


def _sender(rng, reply_by: str, borough) -> dict:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    details = {"sender_name": f"{first} {last}" if reply_by != ReplyBy.NONE or rng.random() < 0.4 else ""}
    if reply_by == ReplyBy.EMAIL:
        details["sender_email"] = f"{first}.{last}{int(rng.integers(10, 99))}@example.org".lower()
    elif reply_by == ReplyBy.PHONE:
        details["sender_phone"] = f"07700 900{int(rng.integers(0, 1000)):03d}"
    elif reply_by == ReplyBy.POST:
        details["sender_address"] = f"{int(rng.integers(1, 200))} {rng.choice(STREETS)}\n{borough.name}"
    return details


def _message(rng, borough, wards, today: date, now: datetime, has_handlers: bool, built: _Built) -> None:
    kind = KINDS[int(rng.choice(len(KINDS), p=KIND_WEIGHTS))]
    reply_by = REPLIES[int(rng.choice(len(REPLIES), p=REPLY_WEIGHTS))]
    if kind == Kind.JOIN and reply_by == ReplyBy.NONE:
        reply_by = ReplyBy.EMAIL
    ward = wards[int(rng.integers(len(wards)))] if wards and rng.random() < 0.88 else None
    conduct = kind == Kind.COMPLAINT and rng.random() < 0.2
    template, category = TEXTS[kind][int(rng.integers(len(TEXTS[kind])))]
    if conduct:
        template, category = CONDUCT_TEXT, Category.CONDUCT
    received_on = today - timedelta(days=int(rng.integers(0, DAYS)))
    received_at = min(now - timedelta(minutes=5), _at(received_on, rng))
    due_on = due_date(kind, received_on)
    message = FeedbackMessage(
        reference=built.reference(rng, received_on.year),
        borough=borough,
        neighbourhood=ward,
        kind=kind,
        about_conduct=conduct,
        message=template.format(ward=ward.name if ward else borough.name),
        reply_by=reply_by,
        received_at=received_at,
        due_on=due_on,
        **_sender(rng, reply_by, borough),
    )
    state = _state(rng, received_on, due_on, today) if has_handlers else Status.NEW
    handler = None if state == Status.NEW else built.handler(borough, ward, conduct, rng)
    if handler is None:
        state = Status.NEW
    message.status = state
    if state != Status.NEW:
        message.handler = handler
        message.category = category
        message.assigned_at = min(now, received_at + timedelta(hours=int(rng.integers(2, 72))))
    replied = state in (Status.REPLIED, Status.CLOSED) and reply_by != ReplyBy.NONE and rng.random() < 0.92
    if state == Status.REPLIED and not replied:
        state = message.status = Status.TRIAGED
    reply = None
    if replied:
        if rng.random() < 0.15:  # some answers are late
            answered_on = due_on + timedelta(days=int(rng.integers(1, 10)))
        else:
            answered_on = received_on + timedelta(
                days=int(rng.integers(1, max(2, (due_on - received_on).days)))
            )
        replied_at = max(message.assigned_at, _at(answered_on, rng))
        if replied_at <= now:
            reply = {
                "text": REPLY_TEXTS[kind],
                "method": reply_by,
                "sent_by_service": False,
                "replied_at": replied_at,
                "replied_by": handler,
            }
            built.replies.append((message, reply))
        elif state == Status.REPLIED:
            state = message.status = Status.TRIAGED  # the answer is not due to be written yet
    if state == Status.CLOSED:
        _close(message, rng, received_on, now, reply)
        if message.erased_at and reply:
            reply["text"] = ""
    built.messages.append(message)
    built.count("erased" if message.erased_at else state)


def _state(rng, received_on: date, due_on: date, today: date) -> str:
    """Older messages are mostly closed; a few stay open past their due date, as they do."""
    if due_on < today:
        return str(
            rng.choice(
                [Status.CLOSED, Status.REPLIED, Status.TRIAGED, Status.NEW], p=[0.84, 0.06, 0.06, 0.04]
            )
        )
    if (today - received_on).days < 3:
        return str(rng.choice([Status.NEW, Status.TRIAGED], p=[0.7, 0.3]))
    return str(
        rng.choice([Status.NEW, Status.TRIAGED, Status.REPLIED, Status.CLOSED], p=[0.2, 0.35, 0.25, 0.2])
    )


def _close(message: FeedbackMessage, rng, received_on: date, now: datetime, reply: dict | None) -> None:
    outcomes = OUTCOME_FOR[message.kind]
    if message.about_conduct:
        outcomes = [Outcome.REFERRED_TO_PROFESSIONAL_STANDARDS, Outcome.ANSWERED]
    if message.reply_by != ReplyBy.NONE and reply is None:
        outcomes = [o for o in outcomes if o in CLOSES_WITHOUT_REPLY] or [Outcome.NO_CONTACT]
    message.outcome = outcomes[int(rng.integers(len(outcomes)))]
    closed_on = min(
        timezone.localdate(now), max(received_on, message.due_on - timedelta(days=int(rng.integers(0, 8))))
    )
    after = reply["replied_at"] if reply else message.assigned_at
    message.closed_at = min(now, max(_at(closed_on, rng), after + timedelta(hours=1)))
    message.closing_note = "Replied and closed." if reply else "Closed without a reply."
    retention = timedelta(days=settings.SN_FEEDBACK_RETENTION_DAYS)
    if message.closed_at < now - retention:
        # Past its retention period: as `sn feedback-erase-expired` would have left it.
        for name in FeedbackMessage.PERSONAL_FIELDS:
            setattr(message, name, "")
        message.erased_at = min(now, message.closed_at + retention + timedelta(days=1))
