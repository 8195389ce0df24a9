"""One demo team's two years of priorities: chosen at held meetings, reviewed at each one after, signed
off in two steps (most), withdrawn or replaced (some), with progress updates, milestones, the concerns
they came from and their "You said, we did" statements. Built as unsaved objects for sn.panels.demo to
write in bulk."""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from sn.concerns.models import Channel, Concern
from sn.panels import demo_texts as words
from sn.panels.models import Meeting, Priority, Review, Statement

RESOLVED_SHARE, WITHDRAWN_SHARE = 0.82, 0.08  # the rest are replaced by a new priority
LIFETIME_DAYS = (110, 400)
ENDORSED_AFTER_DAYS = (3, 21)
STALE_SHARE = 0.15  # current priorities whose updates stopped over four weeks ago
CONCERN_CHANNELS = (
    (Channel.PANEL, "Raised at the ward panel"),
    (Channel.ENGAGEMENT_EVENT, "Raised at a street briefing"),
    (Channel.SURVEY, "Local perception survey"),
    (Channel.FEEDBACK, "Feedback to the team"),
    (Channel.REPRESENTATIVE, "Letter from a ward councillor"),
)


def aware(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


@dataclass
class Showcase:
    """What a demo user's ward must show, whatever the dice say: their work on the home page."""

    pending_endorsement: bool = False
    awaiting_approval: bool = False
    stale_owner_ids: tuple[int, ...] = ()  # officers whose first current priority has gone stale
    owner_ids: tuple[int, ...] = ()  # officers who own the current priorities first


@dataclass
class Built:
    """What the teams' priorities add up to. The many small rows are tuples, not model instances (a
    hundred thousand instances cost more than the database does): reviews (priority, meeting, note,
    outcome), updates (priority, date, text, officer id) and milestones (priority, description, target,
    due, met)."""

    priorities: list[Priority] = field(default_factory=list)
    reviews: list[tuple] = field(default_factory=list)
    updates: list[tuple] = field(default_factory=list)
    milestones: list[tuple] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    concern_links: list[tuple[Priority, int | Concern]] = field(default_factory=list)
    concerns: list[Concern] = field(default_factory=list)
    superseded: list[tuple[Priority, Priority]] = field(default_factory=list)


@dataclass
class _Slot:
    priority: Priority | None = None
    lifetime: int = 0
    free_from: date | None = None


class TeamPriorities:
    """The priorities of one team, its `held` meetings in date order (each with `day` set)."""

    def __init__(
        self,
        rng: random.Random,
        *,
        ward,
        panel,
        held: list[Meeting],
        owners: list,
        today: date,
        concerns: dict,
        endorser,
        showcase: Showcase,
        built: Built,
    ):
        self.rng, self.ward, self.panel, self.held, self.owners = rng, ward, panel, held, owners
        self.today, self.concerns, self.endorser, self.showcase, self.built = (
            today,
            concerns,
            endorser,
            showcase,
            built,
        )
        self.mine: list[Priority] = []
        self.stale_done: set[int] = set()

    def build(self) -> None:
        if not self.held or not self.owners:
            return
        places = self.rng.choices((3, 4, 5), weights=(55, 30, 15))[0]
        slots = [_Slot() for _ in range(places)]
        for slot in slots:
            self._select(slot, self.held[0])
        for meeting in self.held[1:]:
            for slot in slots:
                self._review(slot, meeting)
            for slot in slots:
                if slot.priority is None or slot.priority.status not in (
                    Priority.Status.ACTIVE,
                    Priority.Status.PANEL_RESOLVED,
                ):
                    if slot.free_from is not None and slot.free_from <= meeting.day:
                        self._select(slot, meeting)
        self._showcase_pending()
        self._topics()
        for priority in self.mine:
            self._details(priority)
        self._showcase_statement()
        self.built.priorities.extend(self.mine)

    # --- the timeline

    def _select(self, slot: _Slot, meeting: Meeting, replaces: Priority | None = None) -> Priority:
        priority = Priority(
            neighbourhood=self.ward,
            panel=self.panel,
            selected_at=meeting,
            selected_on=meeting.day,
            owner=self.rng.choice(self.owners),
            status=Priority.Status.ACTIVE,
        )
        if replaces is not None:
            # Linked once both are written: a bulk insert cannot point at a row it has not made yet.
            self.built.superseded.append((replaces, priority))
        slot.priority, slot.lifetime, slot.free_from = priority, self.rng.randint(*LIFETIME_DAYS), None
        self.mine.append(priority)
        return priority

    def _review(self, slot: _Slot, meeting: Meeting) -> None:
        priority = slot.priority
        if (
            priority is None
            or priority.status != Priority.Status.ACTIVE
            or meeting.day <= priority.selected_on
        ):
            return
        if (meeting.day - priority.selected_on).days < slot.lifetime:
            if self.rng.random() < 0.9:
                self._add_review(priority, meeting, Review.Outcome.CONTINUE, self.rng.choice(words.REVIEWS))
            return
        roll = self.rng.random()
        if roll < RESOLVED_SHARE:
            priority.status, priority.resolved_at = Priority.Status.PANEL_RESOLVED, meeting
            self._add_review(priority, meeting, Review.Outcome.RESOLVED, self.rng.choice(words.RESOLVED))
            endorsed_on = meeting.day + timedelta(days=self.rng.randint(*ENDORSED_AFTER_DAYS))
            if endorsed_on <= self.today:
                self._close(priority, endorsed_on)
                slot.free_from = endorsed_on
        elif roll < RESOLVED_SHARE + WITHDRAWN_SHARE:
            self._end(priority, meeting, Priority.Status.WITHDRAWN)
            self._add_review(priority, meeting, Review.Outcome.WITHDRAWN, self.rng.choice(words.WITHDRAWN))
            slot.free_from = meeting.day
        else:
            self._end(priority, meeting, Priority.Status.SUPERSEDED)
            self._add_review(priority, meeting, Review.Outcome.SUPERSEDED, "Replaced by a new priority.")
            self._select(slot, meeting, replaces=priority)

    def _close(self, priority: Priority, day: date) -> None:
        priority.status = Priority.Status.CLOSED
        priority.endorsed_at, priority.ended_on, priority.endorsed_by = aware(day), day, self.endorser
        priority.endorsement_note = "Endorsed: the panel's judgement is borne out by the figures."

    def _end(self, priority: Priority, meeting: Meeting, status: str) -> None:
        priority.status, priority.withdrawn_at, priority.ended_on = status, meeting, meeting.day

    def _add_review(self, priority: Priority, meeting: Meeting, outcome: str, note: str) -> None:
        self.built.reviews.append((priority, meeting, note, str(outcome)))

    def _showcase_pending(self) -> None:
        """A demo sergeant's ward has a sign-off waiting for them: the oldest active priority is judged
        resolved at the last meeting."""
        if not self.showcase.pending_endorsement or any(
            p.status == Priority.Status.PANEL_RESOLVED for p in self.mine
        ):
            return
        last = self.held[-1]
        candidates = [p for p in self.mine if p.status == Priority.Status.ACTIVE and p.selected_on < last.day]
        if not candidates:
            return
        priority = candidates[0]
        self.built.reviews[:] = [r for r in self.built.reviews if not (r[0] is priority and r[1] is last)]
        priority.status, priority.resolved_at = Priority.Status.PANEL_RESOLVED, last
        self._add_review(priority, last, Review.Outcome.RESOLVED, words.RESOLVED[0])

    # --- what each priority is about

    def _topics(self) -> None:
        current = [p for p in self.mine if p.holds_a_place]
        wanted = [t for t, share in words.CURRENT_SHARES.items() if self.rng.random() < share]
        others = list(words.OTHER_WEIGHTS)
        while len(wanted) < len(current):
            topic = self.rng.choices(others, weights=[words.OTHER_WEIGHTS[t] for t in others])[0]
            if topic not in wanted:
                wanted.append(topic)
        # Youth ASB, where the team has it, is the priority kept longest: it goes to the oldest place.
        for priority, topic in zip(current, wanted[: len(current)], strict=False):
            priority.topic = topic
        past = list(words.PAST_WEIGHTS)
        places = list(words.PLACES)
        self.rng.shuffle(places)
        owners = list(self.showcase.owner_ids)
        for i, priority in enumerate(self.mine):
            if not priority.topic:
                priority.topic = self.rng.choices(past, weights=[words.PAST_WEIGHTS[t] for t in past])[0]
            priority.wording = words.WORDING[priority.topic].format(place=places[i % len(places)])
            if priority.status == Priority.Status.ACTIVE and owners:
                wanted_id = owners.pop(0)
                priority.owner = next((o for o in self.owners if o.pk == wanted_id), priority.owner)

    def _details(self, priority: Priority) -> None:
        place = priority.wording.rsplit(" around ", 1)[-1]
        end = priority.ended_on or self.today
        if priority.holds_a_place and priority.status == Priority.Status.ACTIVE:
            owner_id = priority.owner.pk
            shown = owner_id in self.showcase.stale_owner_ids and owner_id not in self.stale_done
            if shown or self.rng.random() < STALE_SHARE:
                self.stale_done.add(owner_id)
                end = self.today - timedelta(days=self.rng.randint(33, 70))
        day = priority.selected_on + timedelta(days=self.rng.randint(5, 14))
        while day <= end:
            text = self.rng.choice(words.ACTIONS).format(place=place)
            self.built.updates.append((priority, day, text, priority.owner.pk))
            day += timedelta(days=self.rng.randint(14, 35))
        for n, (description, target) in enumerate(self.rng.sample(words.MILESTONES, self.rng.randint(2, 3))):
            due = priority.selected_on + timedelta(days=30 + 60 * n)
            done = (due <= (priority.ended_on or self.today)) and (
                priority.status == Priority.Status.CLOSED or self.rng.random() < 0.7
            )
            achieved = min(due - timedelta(days=self.rng.randint(0, 14)), self.today) if done else None
            if achieved is not None and achieved < priority.selected_on:
                achieved = priority.selected_on
            self.built.milestones.append((priority, description, target, due, achieved))
        self._concerns(priority, place)
        self._statement(priority, place)

    def _concerns(self, priority: Priority, place: str) -> None:
        """The ward's concerns of the topic in the half-year before the choice; where residents raised
        none on record (before the concerns data begins), the ones the panel heard are created."""
        raised = [
            (day, pk)
            for day, pk in self.concerns.get(priority.topic, ())
            if priority.selected_on - timedelta(days=180) <= day <= priority.selected_on
        ]
        if raised:
            for _, pk in raised[-4:]:
                self.built.concern_links.append((priority, pk))
            return
        for _ in range(self.rng.randint(2, 3)):
            channel, source = self.rng.choice(CONCERN_CHANNELS)
            concern = Concern(
                neighbourhood=self.ward,
                raised_on=priority.selected_on - timedelta(days=self.rng.randint(7, 120)),
                channel=channel,
                topic=priority.topic,
                description=words.CONCERN_WORDS[priority.topic].format(place=place),
                location=place,
                source=source,
            )
            self.built.concerns.append(concern)
            self.built.concern_links.append((priority, concern))

    def _statement(self, priority: Priority, place: str) -> None:
        if priority.status != Priority.Status.CLOSED:
            return
        statement = Statement(
            priority=priority, you_said=words.you_said(priority.wording), we_did=words.WE_DID
        )
        recent = (self.today - priority.ended_on).days <= 30
        roll = self.rng.random()
        if recent and roll < 0.5:
            statement.status, statement.submitted_at = (
                Statement.Status.AWAITING_APPROVAL,
                aware(priority.ended_on, 16),
            )
        elif recent and roll < 0.8:
            statement.status = Statement.Status.DRAFT
        elif roll < 0.95:
            approved = min(priority.ended_on + timedelta(days=self.rng.randint(2, 10)), self.today)
            statement.status, statement.approved_at, statement.approved_by = (
                Statement.Status.APPROVED,
                aware(approved, 11),
                self.endorser,
            )
            statement.submitted_at = aware(approved, 9)
            if not recent and roll < 0.85:
                statement.published_at = aware(
                    min(approved + timedelta(days=self.rng.randint(1, 14)), self.today), 12
                )
        else:
            return
        self.built.statements.append(statement)

    def _showcase_statement(self) -> None:
        if not self.showcase.awaiting_approval:
            return
        mine = [s for s in self.built.statements if s.priority in self.mine]
        if any(s.status == Statement.Status.AWAITING_APPROVAL for s in mine):
            return
        closed = sorted(
            (p for p in self.mine if p.status == Priority.Status.CLOSED), key=lambda p: p.ended_on
        )
        if not closed:
            return
        latest = closed[-1]
        statement = next((s for s in mine if s.priority is latest), None)
        if statement is None:
            statement = Statement(
                priority=latest, you_said=words.you_said(latest.wording), we_did=words.WE_DID
            )
            self.built.statements.append(statement)
        statement.status, statement.submitted_at = Statement.Status.AWAITING_APPROVAL, aware(self.today, 9)
        statement.approved_at = statement.approved_by = statement.published_at = None
