"""The demo force's community queries (issue 14): six months of them in every ward, a few a month, by
every channel, most answered within the clock, some late and escalated, and a live queue now: clocks
running, a few nearly out and one or two breached and escalated with their senders told.

Everything is worked out in memory and written in bulk (queries, then replies), each table audited as
one event. Deterministic for a seed and `today`.
"""

import random
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta

from django.db import connection, transaction
from django.db.models import DateTimeField
from django.utils import timezone

from sn.community.demo_rows import insert_rows, next_id
from sn.core.audit import record_bulk_create
from sn.geography.models import Neighbourhood
from sn.queries import clock
from sn.queries.models import Channel, CommunityQuery, QueryReply, ReplyKind, SenderKind, Status
from sn.teams.models import Team

SOURCE = "queries-demo"
MONTHS = 6
CHANNELS = (
    (Channel.PUBLIC_FORM, 45),
    (Channel.EMAIL, 30),
    (Channel.PHONE, 15),
    (Channel.MEETING, 10),
)
SUBJECTS = (
    (
        "Parking on the pavement by the school",
        "Cars park across the pavement at drop-off; prams go in the road.",
    ),
    ("Speeding on the main road", "Drivers race along the main road at night. Can you do speed checks?"),
    (
        "Youths gathering by the shops",
        "A group gathers by the shops most evenings and customers feel unsafe.",
    ),
    ("Drug dealing in the park", "I have seen what looks like dealing by the park gates in the afternoons."),
    ("Shoplifting at our store", "We have had repeated thefts this month. Who should we speak to?"),
    ("Fly-tipping in the alley", "Rubbish is dumped in the alley behind the houses every week."),
    ("Noise from a flat", "Loud music until the early hours most weekends from a flat on our road."),
    ("When is the next ward panel?", "I would like to come to the next ward panel meeting. When and where?"),
    ("Bike thefts at the station", "Three bikes stolen from the station racks this month, including mine."),
    (
        "Begging outside the cash machine",
        "People feel intimidated using the cash machine on the high street.",
    ),
)
ANSWERS = (
    "Thank you. We have added this to our patrol plan for the coming weeks and will update the ward panel.",
    "We have spoken to the council, who will act this week; our PCSO will check on it on patrol.",
    "The team visited and spoke to those involved; please report any further incidents on 101 or online.",
    "This is now part of a problem-solving plan with our partners; the ward page shows the priority.",
)
FIRST = ("Sam", "Alex", "Priya", "Tom", "Fatima", "Chris", "Jo", "Mohammed", "Ellie", "Dan", "Grace", "Ravi")
LAST = ("Patel", "Smith", "Jones", "Khan", "Brown", "Taylor", "Ahmed", "Wilson", "Evans", "Okafor")
BUSINESSES = ("Corner Stores Ltd", "High Street Pharmacy", "The Crown", "Green's Bakery", "Station Cafe")


def _outcome(rng: random.Random, age_hours: float) -> str:
    """What became of a query received `age_hours` ago: in time, late, or (still) open."""
    if age_hours < 72:
        return "open" if rng.random() < 0.55 else "in_time"
    roll = rng.random()
    if roll < 0.87:
        return "in_time"
    if roll < 0.97 or age_hours > 24 * 14:
        return "late"
    return "breached_open"


def _insert(model, objects: list) -> None:
    """Written as plain rows (sn.community.demo_rows): the ORM's bulk_create spent most of the loader's
    time preparing each value. Ids are given here so that the replies can name their queries."""
    table = model._meta.db_table
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    stamp = connection.ops.adapt_datetimefield_value(timezone.now())
    first_id = next_id(table)
    rows = []
    for offset, obj in enumerate(objects):
        obj.pk = first_id + offset
        values = [obj.pk]
        for f in fields:
            if isinstance(f, DateTimeField):
                value = stamp if f.auto_now or f.auto_now_add else getattr(obj, f.attname)
                values.append(
                    value
                    if value is None or value is stamp
                    else connection.ops.adapt_datetimefield_value(value)
                )
            else:
                values.append(getattr(obj, f.attname))
        rows.append(tuple(values))
    insert_rows(table, ["id", *(f.column for f in fields)], rows)
    record_bulk_create(model, objects, SOURCE)


def queries_demo_load(
    *, seed: int, today: date | None = None, progress: Callable[[str], None] = print
) -> str:
    started = time.monotonic()
    if CommunityQuery.objects.exists():
        return "community queries already loaded"
    rng = random.Random(f"{seed}-queries")
    # The live queue needs the real clock: today's demo is built around now; another day's around its noon
    # (deterministic for a seed and that day, for tests).
    if today is None or today == timezone.localdate():
        now = timezone.now()
    else:
        now = timezone.make_aware(datetime.combine(today, datetime.min.time())) + timedelta(hours=12)
    teams = dict(Team.objects.values_list("neighbourhood_id", "id"))
    wards = list(Neighbourhood.objects.order_by("id").values_list("id", flat=True))
    channels, weights = zip(*CHANNELS, strict=True)
    queries: list[CommunityQuery] = []
    plans: list[tuple[str, datetime | None, bool]] = []  # outcome, answered at, acknowledged
    serial = 0
    for ward in wards:
        for month_back in range(MONTHS):
            for _ in range(rng.randint(1, 5)):
                age = rng.uniform(0, 30 * 24) + month_back * 30 * 24
                received = now - timedelta(hours=age)
                due = clock.deadline(received)
                outcome = _outcome(rng, age)
                answered = None
                if outcome == "in_time":
                    answered = received + (due - received) * rng.uniform(0.05, 0.95)
                    if answered > now:
                        answered, outcome = None, "open"
                elif outcome == "late":
                    answered = due + timedelta(hours=rng.uniform(2, 96))
                    if answered > now:
                        answered, outcome = None, "breached_open"
                serial += 1
                business = rng.random() < 0.15
                subject, text = rng.choice(SUBJECTS[4:6] if business else SUBJECTS)
                name = rng.choice(BUSINESSES) if business else f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                breached = outcome in ("late", "breached_open")
                escalated_at = due + timedelta(minutes=rng.randint(5, 55)) if breached else None
                if escalated_at and escalated_at > now:
                    escalated_at = None
                if answered is None:
                    status = Status.ESCALATED if escalated_at else Status.OPEN
                else:
                    status = Status.CLOSED if now - answered > timedelta(days=14) else Status.ANSWERED
                nearly_out = answered is None and due - now < timedelta(hours=11)
                warned_at = due - timedelta(hours=11) if breached or nearly_out else None
                queries.append(
                    CommunityQuery(
                        reference=f"CQ-{timezone.localtime(received).year}-D{serial:05d}",
                        neighbourhood_id=ward,
                        team_id=teams.get(ward),
                        channel=rng.choices(channels, weights)[0],
                        sender_kind=SenderKind.BUSINESS if business else SenderKind.RESIDENT,
                        sender_name=name,
                        sender_email=f"sender{serial}@example.org",
                        subject=subject,
                        text=text,
                        received_at=received,
                        due_at=due,
                        answered_at=answered,
                        status=status,
                        warned_at=warned_at,
                        escalated_at=escalated_at,
                        breach_notified_at=escalated_at,
                        closed_at=answered + timedelta(days=14) if status == Status.CLOSED else None,
                    )
                )
                plans.append((outcome, answered, rng.random() < 0.5))
    with transaction.atomic():
        _insert(CommunityQuery, queries)
        replies = []
        for query, (_, answered, acknowledged) in zip(queries, plans, strict=True):
            if acknowledged:
                ack_at = query.received_at + timedelta(minutes=rng.randint(10, 240))
                if ack_at < now and (answered is None or ack_at < answered):
                    replies.append(
                        QueryReply(
                            query_id=query.pk,
                            kind=ReplyKind.ACKNOWLEDGEMENT,
                            text="Thank you for your query. We have received it and will answer it fully.",
                            sent_at=ack_at,
                        )
                    )
            if answered is not None:
                replies.append(
                    QueryReply(
                        query_id=query.pk,
                        kind=ReplyKind.SUBSTANTIVE,
                        text=rng.choice(ANSWERS),
                        sent_at=answered,
                    )
                )
        _insert(QueryReply, replies)
    counts = {k: sum(1 for o, _, _ in plans if o == k) for k in ("in_time", "late", "breached_open", "open")}
    ended = counts["in_time"] + counts["late"] + counts["breached_open"]
    summary = (
        f"{len(queries)} community queries in {len(wards)} wards over {MONTHS} months, "
        f"{len(replies)} replies; "
        f"{100 * counts['in_time'] / max(1, ended):.0f}% of ended clocks answered in time, "
        f"{counts['breached_open']} breached and unanswered, {counts['open']} clocks running "
        f"({time.monotonic() - started:.1f} s)"
    )
    return summary
