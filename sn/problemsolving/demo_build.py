"""One demo case from its priority (sn.problemsolving.demo): the story of the priority decides the
case's stage, and the case's dates follow from when it was opened. Rows are collected in `Built` and
written in bulk by the demo."""

import datetime
import json
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone

from sn.accounts.models import PartnerOrganisation
from sn.concerns.taxonomy import TOPICS, Topic
from sn.incidents.categories import Category
from sn.problemsolving import demo_texts as words
from sn.problemsolving.models import Case, Intervention
from sn.problemsolving.models.cases import category_codes_of

Kind = PartnerOrganisation.Kind
ENDED = {"closed", "withdrawn", "superseded"}
ASSESSED_STATUSES = {"closed", "panel_resolved"}
OVERDUE_REVIEW_SHARE = 0.25  # open cases whose sergeant has let the review slip
STALLED_SHARE = 0.1  # open cases with nothing recorded for weeks
TOPIC_LABELS = dict(Topic.choices)


@dataclass
class Built:
    cases: list = field(default_factory=list)
    concern_links: list = field(default_factory=list)
    options: list = field(default_factory=list)
    invitations: list = field(default_factory=list)
    interventions: list = field(default_factory=list)
    intervention_updates: list = field(default_factory=list)
    updates: list = field(default_factory=list)
    reviews: list = field(default_factory=list)


@dataclass
class DemoIntervention:
    """An intervention's row before it is written (model instances cost too much at the demo's scale)."""

    case: Case
    description: str
    delivered_by: str
    organisation_id: int | None
    owner_officer_id: int | None
    owner_user_id: int | None
    owner_name: str
    due_on: date
    status: str = Intervention.Status.PLANNED
    completed_on: date | None = None
    completed_by_id: int | None = None
    outcome_note: str = ""
    pk: int | None = None


def first_of_month(day: date, back: int = 0) -> date:
    month = day.month - 1 - back
    return date(day.year + month // 12, month % 12 + 1, 1)


def family_of(topic: str) -> dict:
    for family in words.FAMILIES.values():
        if topic in family["topics"]:
            return family
    return words.FAMILIES[words.OTHER_FAMILY]


def _between(rng: random.Random, start: date, end: date) -> date:
    if end <= start:
        return start
    return start + timedelta(days=rng.randint(0, (end - start).days))


@dataclass
class CaseBuilder:
    rng: random.Random
    today: date
    ward: object
    priority: dict
    officers: list
    sergeant: object
    organisations: dict
    partner_users: dict
    demo: dict
    built: Built

    def build(self, concern_ids: list[int]) -> Case:
        rng, p, today = self.rng, self.priority, self.today
        status = p["status"]
        opened = min(p["selected_on"] + timedelta(days=rng.randint(2, 14)), today)
        end = min(p["ended_on"] or today, today) if status in ENDED else today
        end = max(end, opened)
        family = family_of(p["topic"])
        place_roll = rng.random()
        place = (
            Case.Place.WARD
            if place_roll < 0.6
            else Case.Place.STREETS
            if place_roll < 0.85
            else Case.Place.AREA
        )
        where = self.ward.name
        streets = ""
        if place == Case.Place.STREETS:
            chosen = rng.sample(words.STREETS, rng.randint(1, 3))
            streets, where = "\n".join(chosen), " and ".join(chosen)
        topic_label = _in_a_sentence(TOPIC_LABELS.get(p["topic"], "the problem"))
        age = (end - opened).days
        response_on = None
        if status in ENDED or status == "panel_resolved" or age > 45:
            response_on = min(opened + timedelta(days=rng.randint(21, 40)), end)
        analysed = response_on is not None or age > 18
        case = Case(
            neighbourhood_id=self.ward.pk,
            priority_id=p["id"],
            title=p["wording"][:200],
            problem_statement=_sentence_case(family["statement"].format(what=topic_label, place=where)),
            topic=p["topic"],
            category_codes=category_codes_of(categories_of(p["topic"])),
            place=place,
            streets=streets,
            area=area_around(self.ward, rng) if place == Case.Place.AREA else "",
            period_start=first_of_month(opened, 12),
            period_end=first_of_month(opened, 1),
            owner_id=p["owner_id"],
            response_started_on=response_on,
            review_due_on=opened,
            last_activity_on=opened,
        )
        case.created_at = timezone.make_aware(datetime.datetime.combine(opened, datetime.time(10, 0)))
        if analysed:
            for name in ("victim", "offender", "location", "guardian", "handler", "manager"):
                setattr(case, name, family[name].format(place=where))
            case.analysis_summary = (
                f"Incidents and concerns point to {where}, at the times residents named; "
                "the triangle's weakest side is the place, so the response starts there."
            )
        self.built.cases.append(case)
        self.built.concern_links.extend((case, c) for c in concern_ids)
        dates = [opened]
        if analysed:
            self._options(case, family, chosen=response_on is not None)
        invited = self._invitations(case, family, opened, end)
        done_all = status in ENDED or status == "panel_resolved" or (response_on and rng.random() < 0.12)
        stalled = status not in ENDED and rng.random() < STALLED_SHARE
        last_day = (
            end
            if not stalled
            else max(opened, today - timedelta(weeks=settings.SN_CASE_STALLED_WEEKS + rng.randint(1, 4)))
        )
        if response_on is not None:
            dates += self._interventions(
                case, family, invited, response_on, last_day, done_all=bool(done_all)
            )
        dates += self._updates(case, invited, opened, last_day)
        dates += self._reviews(case, opened, last_day, open_case=status not in ENDED)
        if status in ENDED:
            case.closed_on = end
            case.closing_note = words.CLOSING[status]
            dates.append(end)
        case.last_activity_on = max(d for d in dates if d <= today)
        case.stage = self._stage(case, status, analysed, bool(done_all))
        case.assess = status in ASSESSED_STATUSES and response_on is not None
        return case

    def _stage(self, case: Case, status: str, analysed: bool, done_all: bool) -> str:
        if case.closed_on is not None:
            return Case.Stage.CLOSED
        if case.response_started_on is not None:
            return Case.Stage.ASSESSMENT if done_all else Case.Stage.RESPONSE
        return Case.Stage.ANALYSIS if analysed else Case.Stage.SCANNING

    def _options(self, case: Case, family: dict, *, chosen: bool) -> None:
        options = family["options"]
        for index, (description, reason) in enumerate(options):
            picked = chosen and index < 2 + (self.rng.random() < 0.4)
            self.built.options.append((case, description, picked, reason))

    def _invitations(self, case: Case, family: dict, opened: date, end: date) -> list[PartnerOrganisation]:
        rng = self.rng
        kinds = [k for k in family["partners"] if k in self.organisations]
        invited = rng.sample(kinds, min(len(kinds), rng.randint(1, 2))) if kinds else []
        council = self.organisations.get(Kind.COUNCIL)
        partner_user = self.demo.get("partner")
        # The demo partner's council is invited to a share of its borough's cases, so it has work to see.
        if (
            partner_user is not None
            and council is not None
            and council.pk == partner_user.partner_organisation_id
            and Kind.COUNCIL not in invited
            and rng.random() < 0.5
        ):
            invited.append(Kind.COUNCIL)
        organisations = [self.organisations[k] for k in invited]
        for organisation in organisations:
            on = _between(rng, opened, min(opened + timedelta(days=21), end))
            self.built.invitations.append((case, organisation.pk, self.sergeant.pk, on))
        return organisations

    def _owner_officer(self) -> int | None:
        pc = self.demo.get("pc")
        if pc is not None and pc.officer_id in self.officers:
            return pc.officer_id if self.rng.random() < 0.6 else self.rng.choice(self.officers)
        return self.rng.choice(self.officers) if self.officers else None

    def _interventions(self, case, family, invited, start: date, last: date, *, done_all: bool) -> list[date]:
        rng, today = self.rng, self.today
        dates = []
        plans = [("police", d) for d in rng.sample(family["police"], rng.randint(1, 2))]
        if invited:
            plans.append(("partner", rng.choice(family["partner"])))
        if rng.random() < 0.45:
            plans.append(("public", rng.choice(family["public"])))
        for kind, description in plans:
            owner_officer = self._owner_officer() if kind == "police" else None
            if kind == "police" and owner_officer is None:
                continue
            organisation = rng.choice(invited) if kind == "partner" else None
            owner_user = self.partner_users.get(organisation.pk) if organisation is not None else None
            if kind == "partner" and owner_user is None:
                continue
            due = start + timedelta(days=rng.randint(14, 100))
            intervention = DemoIntervention(
                case=case,
                description=description,
                delivered_by=kind,
                organisation_id=organisation.pk if organisation else None,
                owner_officer_id=owner_officer,
                owner_user_id=owner_user.pk if owner_user else None,
                owner_name=rng.choice(words.PUBLIC_GROUPS).capitalize() if kind == "public" else "",
                due_on=due,
            )
            finished = done_all or (due < today - timedelta(days=10) and rng.random() < 0.6)
            if finished:
                cancelled = rng.random() < 0.08
                on = min(_between(rng, start + timedelta(days=7), due + timedelta(days=14)), last, today)
                on = max(on, start)
                intervention.status = Intervention.Status.CANCELLED if cancelled else Intervention.Status.DONE
                if not cancelled:
                    intervention.completed_on = on
                    intervention.completed_by_id = owner_user.pk if owner_user else self.sergeant.pk
                outcomes = words.OUTCOMES_LATE if on > due else words.OUTCOMES
                intervention.outcome_note = "Overtaken by other work." if cancelled else rng.choice(outcomes)
                dates.append(on)
            elif start + timedelta(days=10) < today:
                intervention.status = rng.choice(
                    (Intervention.Status.IN_PROGRESS, Intervention.Status.PLANNED)
                )
            self.built.interventions.append(intervention)
            # An update is written while the work is under way: before it was finished, if it was.
            until = on if finished else last
            if rng.random() < 0.5 and start < until:
                on = _between(rng, start, until)
                author = owner_user.pk if owner_user else self.sergeant.pk
                self.built.intervention_updates.append(
                    (intervention, on, rng.choice(words.INTERVENTION_UPDATES), author)
                )
                dates.append(on)
        return dates

    def _updates(self, case, invited, opened: date, last: date) -> list[date]:
        rng, dates = self.rng, []
        for _ in range(rng.randint(1, 5)):
            on = _between(rng, opened, last)
            if invited and rng.random() < 0.3:
                organisation = rng.choice(invited)
                author = self.partner_users.get(organisation.pk)
                if author is not None:
                    self.built.updates.append(
                        (case, on, rng.choice(words.PARTNER_UPDATES), author.pk, organisation.pk)
                    )
                    dates.append(on)
                    continue
            self.built.updates.append((case, on, rng.choice(words.UPDATES), self.sergeant.pk, None))
            dates.append(on)
        return dates

    def _reviews(self, case: Case, opened: date, last: date, *, open_case: bool) -> list[date]:
        """Every SN_CASE_REVIEW_WEEKS while the case is open; a share of open cases stop being reviewed
        (their review falls overdue), and the demo sergeant's wards always have one overdue."""
        rng, dates = self.rng, []
        step = timedelta(weeks=settings.SN_CASE_REVIEW_WEEKS)
        slip = open_case and (
            rng.random() < OVERDUE_REVIEW_SHARE
            or (
                self.demo.get("sergeant") is not None
                and self.sergeant.pk == self.demo["sergeant"].pk
                and rng.random() < 0.5
            )
        )
        stop = last - step - timedelta(days=rng.randint(3, 30)) if slip else last
        on = opened + step - timedelta(days=rng.randint(0, 5))
        due = opened + step
        while on <= stop:
            due = on + step
            self.built.reviews.append((case, on, self.sergeant.pk, rng.choice(words.REVIEWS), due))
            dates.append(on)
            on = due + timedelta(days=rng.randint(-4, 3))
        case.review_due_on = due
        return dates


def categories_of(topic: str) -> list[str]:
    info = TOPICS.get(topic)
    return [info.category] if info and info.category else [Category.ANTI_SOCIAL_BEHAVIOUR.value]


def area_around(ward, rng: random.Random) -> str:
    """A small square around the ward's centre: inside a London ward, which is wider than 300 m."""
    half = 0.0012 + rng.random() * 0.0008
    x, y = ward.centroid_lng, ward.centroid_lat
    corners = [(x - half, y - half), (x + half, y - half), (x + half, y + half), (x - half, y + half)]
    ring = [[round(a, 6), round(b, 6)] for a, b in [*corners, corners[0]]]
    return json.dumps({"type": "Polygon", "coordinates": [ring]})


def _in_a_sentence(label: str) -> str:
    """A topic's label inside a sentence: "burglary", but "ASB: noise" keeps its capitals."""
    return label if label[:3].isupper() else label[:1].lower() + label[1:]


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]
