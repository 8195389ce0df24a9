"""Factories for problem-solving cases and what hangs from them, built on the test world's factories.

`CaseFactory()` makes a case in scanning on a new ward, owned by a new PC; `CaseFactory(priority=p)`
works a panel priority (its ward, owner and topic), `CaseFactory(neighbourhood=ward, owner=officer)` a
problem the team found. `case_for_priority(priority)` and `case_for_ward(ward, owner=...)` say the same
in words. Partner interventions need an invited organisation and a user of it: `PartnerUserFactory`
and `CaseInvitationFactory(case=c, organisation=o)`. The factories write rows directly (no services,
no audit actor), so tests of the services build their world with them and then call the services.
"""

import dataclasses
import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from sn.accounts.tests.factories import PartnerOrganisationFactory, UserFactory
from sn.concerns.taxonomy import TOPICS, Topic
from sn.core.roles import Role
from sn.geography.tests.factories import NeighbourhoodFactory
from sn.panels.tests.helpers import ward_panel_setup
from sn.problemsolving.models import (
    Case,
    CaseInvitation,
    CaseReview,
    CaseUpdate,
    Intervention,
    InterventionUpdate,
    ResponseOption,
)
from sn.problemsolving.models.cases import category_codes_of
from sn.teams.tests.factories import OfficerFactory

__all__ = [
    "CaseFactory",
    "CaseInvitationFactory",
    "CaseReviewFactory",
    "CaseUpdateFactory",
    "InterventionFactory",
    "InterventionUpdateFactory",
    "PartnerInterventionFactory",
    "PartnerOrganisationFactory",
    "PartnerUserFactory",
    "PoliceInterventionFactory",
    "PublicInterventionFactory",
    "ResponseOptionFactory",
    "case_for_priority",
    "case_for_ward",
]


def _today() -> datetime.date:
    return timezone.localdate()


def _first_of_month(day: datetime.date, months_back: int = 0) -> datetime.date:
    month = day.month - 1 - months_back
    return datetime.date(day.year + month // 12, month % 12 + 1, 1)


def _categories_of_topic(topic: str) -> str:
    category = TOPICS[topic].category if topic in TOPICS else None
    return category_codes_of([category] if category else [])


class CaseFactory(DjangoModelFactory):
    """A case in scanning, opened today, about burglary over the last six months. With `priority=` it
    takes the priority's ward, owner and topic."""

    class Meta:
        model = Case
        skip_postgeneration_save = True

    priority = None
    neighbourhood = factory.LazyAttribute(
        lambda o: o.priority.neighbourhood if o.priority is not None else NeighbourhoodFactory()
    )
    owner = factory.LazyAttribute(lambda o: o.priority.owner if o.priority is not None else OfficerFactory())
    title = factory.LazyAttributeSequence(
        lambda o, n: o.priority.wording if o.priority is not None else f"Burglary on the estates, case {n}"
    )
    problem_statement = "Residents report a run of burglaries on the estate, mostly at night."
    topic = factory.LazyAttribute(lambda o: o.priority.topic if o.priority is not None else Topic.BURGLARY)
    category_codes = factory.LazyAttribute(lambda o: _categories_of_topic(o.topic))
    place = Case.Place.WARD
    period_start = factory.LazyFunction(lambda: _first_of_month(_today(), 6))
    period_end = factory.LazyFunction(lambda: _first_of_month(_today(), 1))
    stage = Case.Stage.SCANNING
    review_due_on = factory.LazyFunction(lambda: _today() + datetime.timedelta(weeks=4))
    last_activity_on = factory.LazyFunction(_today)

    @factory.post_generation
    def concerns(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.concerns.set(extracted)


def case_for_priority(priority, **kwargs) -> Case:
    return CaseFactory(priority=priority, **kwargs)


def case_for_ward(neighbourhood, *, owner, **kwargs) -> Case:
    return CaseFactory(neighbourhood=neighbourhood, owner=owner, **kwargs)


class ResponseOptionFactory(DjangoModelFactory):
    class Meta:
        model = ResponseOption

    case = factory.SubFactory(CaseFactory)
    description = factory.Sequence(lambda n: f"Target hardening on the estate, option {n}")
    chosen = True
    reason = "Most burglaries were through insecure rear windows."


class PartnerUserFactory(UserFactory):
    """A partner user of a new council (or of `partner_organisation=`)."""

    role = Role.PARTNER
    username = factory.Sequence(lambda n: f"partner{n}")
    partner_organisation = factory.SubFactory(PartnerOrganisationFactory)


class CaseInvitationFactory(DjangoModelFactory):
    """A standing invitation of an organisation to a case, made by a new sergeant unless told."""

    class Meta:
        model = CaseInvitation

    case = factory.SubFactory(CaseFactory)
    organisation = factory.SubFactory(PartnerOrganisationFactory)
    invited_by = factory.SubFactory(UserFactory, role=Role.SERGEANT)
    invited_on = factory.LazyFunction(_today)


class InterventionFactory(DjangoModelFactory):
    """A planned police intervention due in a month, owned by the case's owner."""

    class Meta:
        model = Intervention
        skip_postgeneration_save = True

    case = factory.SubFactory(CaseFactory)
    description = factory.Sequence(lambda n: f"High-visibility patrols at the hot spot, number {n}")
    delivered_by = Intervention.DeliveredBy.POLICE
    owner_officer = factory.LazyAttribute(lambda o: o.case.owner)
    due_on = factory.LazyFunction(lambda: _today() + datetime.timedelta(days=30))
    status = Intervention.Status.PLANNED


PoliceInterventionFactory = InterventionFactory


class PartnerInterventionFactory(InterventionFactory):
    """A partner intervention owned by `owner_user` (a new partner user unless told), for their
    organisation; the organisation is invited to the case too unless `invite=False`."""

    delivered_by = Intervention.DeliveredBy.PARTNER
    owner_officer = None
    owner_user = factory.SubFactory(PartnerUserFactory)
    organisation = factory.LazyAttribute(lambda o: o.owner_user.partner_organisation)
    description = factory.Sequence(lambda n: f"Repair the estate's lighting and door entry, job {n}")

    @factory.post_generation
    def invite(self, create: bool, extracted, **kwargs) -> None:
        """`invite=False` leaves the organisation uninvited (for tests of that refusal)."""
        if not create or extracted is False:
            return
        standing = CaseInvitation.objects.filter(
            case=self.case, organisation=self.organisation, removed_at__isnull=True
        )
        if not standing.exists():
            CaseInvitationFactory(case=self.case, organisation=self.organisation)


class PublicInterventionFactory(InterventionFactory):
    delivered_by = Intervention.DeliveredBy.PUBLIC
    owner_officer = None
    owner_name = "Elm Estate Residents Association"
    description = factory.Sequence(lambda n: f"Community clean-up of the alleyways, day {n}")


class InterventionUpdateFactory(DjangoModelFactory):
    class Meta:
        model = InterventionUpdate

    intervention = factory.SubFactory(InterventionFactory)
    on = factory.LazyFunction(_today)
    text = "Work started on the first block."
    author = factory.SubFactory(UserFactory, role=Role.TEAM_OFFICER)


class CaseUpdateFactory(DjangoModelFactory):
    class Meta:
        model = CaseUpdate

    case = factory.SubFactory(CaseFactory)
    on = factory.LazyFunction(_today)
    text = "Met the housing officer on the estate; lighting repairs ordered."
    author = factory.SubFactory(UserFactory, role=Role.TEAM_OFFICER)
    organisation = None


class CaseReviewFactory(DjangoModelFactory):
    class Meta:
        model = CaseReview

    case = factory.SubFactory(CaseFactory)
    reviewed_on = factory.LazyFunction(_today)
    reviewer = factory.SubFactory(UserFactory, role=Role.SERGEANT)
    note = "Progress is steady; keep the patrols going."
    next_due_on = factory.LazyFunction(lambda: _today() + datetime.timedelta(weeks=4))


# --- A case with something of everything in a ward of the test world (sn.testing.world), for the access
# matrix and the view tests. Built once per world and ward.


@dataclasses.dataclass
class WardCase:
    case: Case
    option: ResponseOption
    police: Intervention
    partner: Intervention | None  # owned by the world's partner user, on a1 only (their borough)
    public: Intervention
    update: CaseUpdate
    review: CaseReview
    invitation: CaseInvitation | None


def ward_case_setup(world, key: str) -> WardCase:
    """The case working the ward's panel priority (sn.panels.tests.helpers), owned by the priority's
    officer. In a1 the world's partner organisation is invited and its user owns a partner
    intervention; elsewhere no organisation is invited."""
    cache = world.__dict__.setdefault("cases_setup", {})
    if key not in cache:
        cache[key] = _build_ward_case(world, key)
    return cache[key]


def _build_ward_case(world, key: str) -> WardCase:
    priority = ward_panel_setup(world, key).priority
    case = CaseFactory(priority=priority, stage=Case.Stage.RESPONSE, response_started_on=_today())
    option = ResponseOptionFactory(case=case)
    police = InterventionFactory(case=case, owner_officer=priority.owner)
    public = PublicInterventionFactory(case=case)
    sergeant = world.users["sergeant"]
    invitation, partner = None, None
    if key == "a1":
        partner_user = world.users["partner"]
        invitation = CaseInvitationFactory(
            case=case, organisation=partner_user.partner_organisation, invited_by=sergeant
        )
        partner = PartnerInterventionFactory(case=case, owner_user=partner_user)
    update = CaseUpdateFactory(case=case, author=sergeant)
    review = CaseReviewFactory(case=case, reviewer=sergeant)
    return WardCase(case, option, police, partner, public, update, review, invitation)


def removed_invitation_case(world) -> Case:
    """A second case in a1 that the world's partner organisation was invited to and then removed from."""
    cache = world.__dict__.setdefault("cases_setup", {})
    if "removed" not in cache:
        case = CaseFactory(neighbourhood=world.wards["a1"], owner=world.officers["pc_a"])
        CaseInvitationFactory(
            case=case,
            organisation=world.users["partner"].partner_organisation,
            invited_by=world.users["sergeant"],
            removed_at=timezone.now(),
            removed_by=world.users["sergeant"],
        )
        cache["removed"] = case
    return cache["removed"]
