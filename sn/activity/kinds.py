"""What EPIC counts: the four families of activity (Enforcement, Prevention, Intelligence, Communication),
the kinds of activity counted in each (a kind belongs to one family), and the seven stages of the
neighbourhood policing model an activity can serve (seed 002, paragraph 22: EPIC "collates information on
levels of team activity in each stage of the seven stage-policing model").

The kinds are those seed 001's EPIC snapshot and seed 003 name (arrests, penalty notices for disorder,
acceptable behaviour contracts, ASB orders, crack house closures, home visits to the families of ASB
offenders, intelligence reports, visits to victims, Community Payback projects, school visits and
patrols, public meetings, street briefings), with the prevention and communication work problem
solving brings (crime prevention surveys, property marking, leaflet drops, social media posts).
"""

from dataclasses import dataclass

from django.db import models


class Family(models.TextChoices):
    ENFORCEMENT = "enforcement", "Enforcement"
    PREVENTION = "prevention", "Prevention"
    INTELLIGENCE = "intelligence", "Intelligence"
    COMMUNICATION = "communication", "Communication"


class Stage(models.IntegerChoices):
    """The seven-stage model (DESIGN.md, seed 002)."""

    RESEARCH = 1, "1. Research the neighbourhood"
    ENGAGE = 2, "2. Engage the community"
    PREFERENCES = 3, "3. Identify public preferences"
    ANALYSE = 4, "4. Investigate and analyse"
    PRIORITIES = 5, "5. Identify priorities"
    ACT = 6, "6. Plan and act"
    REVIEW = 7, "7. Review"


class DeliveredBy(models.TextChoices):
    """Who did the work: the same three as a case's interventions (sn.problemsolving)."""

    POLICE = "police", "Police"
    PARTNER = "partner", "Partner organisation"
    PUBLIC = "public", "The public"


@dataclass(frozen=True)
class KindSpec:
    key: str
    label: str
    family: str
    hint: str = ""


KINDS: tuple[KindSpec, ...] = (
    KindSpec("arrests", "Arrests", Family.ENFORCEMENT, "Including arrests on warrant"),
    KindSpec("penalty_notices", "Penalty notices for disorder", Family.ENFORCEMENT),
    KindSpec(
        "asb_warnings",
        "ASB warnings",
        Family.ENFORCEMENT,
        "Written warnings and community protection warnings",
    ),
    KindSpec("behaviour_contracts", "Acceptable behaviour contracts", Family.ENFORCEMENT),
    KindSpec(
        "asb_orders", "ASB orders", Family.ENFORCEMENT, "Criminal behaviour and injunction orders obtained"
    ),
    KindSpec("closures", "Premises closures", Family.ENFORCEMENT, "Closure orders, crack house closures"),
    KindSpec("home_visits", "Home visits (ASB)", Family.ENFORCEMENT, "To the families of ASB offenders"),
    KindSpec("warrants", "Warrants executed", Family.ENFORCEMENT),
    KindSpec("patrols", "Targeted patrols", Family.PREVENTION, "High-visibility patrols of a hotspot"),
    KindSpec("crime_prevention_surveys", "Crime prevention surveys", Family.PREVENTION),
    KindSpec("property_marking", "Property marking", Family.PREVENTION, "Homes or items marked"),
    KindSpec("victim_visits", "Visits to victims", Family.PREVENTION, "Reassurance and repeat-victim visits"),
    KindSpec("community_payback", "Community Payback projects", Family.PREVENTION),
    KindSpec("youth_diversion", "Youth diversion sessions", Family.PREVENTION),
    KindSpec(
        "environmental_work", "Environmental clean-ups", Family.PREVENTION, "Graffiti, fly-tips, lighting"
    ),
    KindSpec("intelligence_reports", "Intelligence reports", Family.INTELLIGENCE),
    KindSpec("house_to_house", "House-to-house enquiries", Family.INTELLIGENCE),
    KindSpec("cctv_reviews", "CCTV reviews", Family.INTELLIGENCE),
    KindSpec("test_purchases", "Test purchase operations", Family.INTELLIGENCE),
    KindSpec("public_meetings", "Public meetings", Family.COMMUNICATION),
    KindSpec("street_briefings", "Street briefings", Family.COMMUNICATION),
    KindSpec(
        "school_visits", "School visits", Family.COMMUNICATION, "Assemblies, lessons and school patrols"
    ),
    KindSpec("leaflet_drops", "Leaflet drops", Family.COMMUNICATION),
    KindSpec("social_media_posts", "Social media posts", Family.COMMUNICATION),
    KindSpec("newsletters", "Newsletters", Family.COMMUNICATION),
)
KIND_BY_KEY: dict[str, KindSpec] = {kind.key: kind for kind in KINDS}
KIND_CHOICES = [(kind.key, kind.label) for kind in KINDS]
FAMILY_OF: dict[str, str] = {kind.key: str(kind.family) for kind in KINDS}
FAMILY_LABELS: dict[str, str] = dict(Family.choices)


def kinds_of(family: str) -> list[KindSpec]:
    return [kind for kind in KINDS if kind.family == family]
