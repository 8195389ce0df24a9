"""The words of the demo's cases: problem statements, the analysis triangle, response options and
interventions by the police, partners and the public, updates, reviews, and the demo's partner
organisations. Plain English a team would write; chosen by topic family so that a case reads as one."""

from sn.accounts.models import PartnerOrganisation

Kind = PartnerOrganisation.Kind

# The partner organisations of every borough, as (kind, name pattern, username part).
ORGANISATIONS = (
    (Kind.COUNCIL, "{borough} Council Community Safety", "council"),
    (Kind.HOUSING, "{borough} Homes", "housing"),
    (Kind.SCHOOLS, "{borough} Schools Partnership", "schools"),
    (Kind.TRANSPORT, "Transport for London, {borough}", "transport"),
    (Kind.YOUTH, "{borough} Youth Service", "youth"),
    (Kind.HEALTH, "{borough} NHS Community Health", "health"),
    (Kind.FIRE, "London Fire Brigade, {borough}", "fire"),
)
PARTNER_FIRST_NAMES = ("Alex", "Sam", "Jo", "Priya", "Tom", "Aisha", "Ben", "Grace", "Omar", "Ruth", "Dev")

# Topic families: which partners a problem of the family draws, and its words.
FAMILIES = {
    "property": {
        "topics": {
            "burglary",
            "vehicle-crime",
            "bicycle-theft",
            "other-theft",
            "shoplifting",
            "criminal-damage",
        },
        "partners": (Kind.HOUSING, Kind.COUNCIL),
        "statement": "Residents report a run of {what} around {place}, mostly after dark; reports rose over "
        "the last months and people say they no longer leave things outside.",
        "victim": "Households and owners around {place}, many with poor locks, lighting or bike storage",
        "offender": "A small number of local repeat offenders, some known to the team",
        "location": "{place}: poorly lit walkways, unsecured bin stores and cut-throughs",
        "guardian": "Neighbours, the caretaker and a Neighbourhood Watch forming on the estate",
        "handler": "Probation and the youth offending team for the known offenders",
        "manager": "The housing provider and the council's street lighting team",
        "options": (
            (
                "Target hardening: locks, lighting and secure storage",
                "Most entries were through insecure doors",
            ),
            ("High-visibility patrols at the peak hours", "Reports cluster between 6pm and midnight"),
            ("Property marking events with residents", "Few stolen items are ever traced back"),
            ("Alley gating of the cut-throughs", "Costly, and the council wants evidence first"),
        ),
        "police": (
            "Patrols at the peak hours on the worst streets",
            "Crime prevention visits to victims' neighbours",
        ),
        "partner": ("Repair the lighting and door entry on the blocks", "Fit secure bike and bin stores"),
        "public": ("Neighbourhood Watch leaflet drop", "Residents' property marking day"),
    },
    "people": {
        "topics": {"robbery", "violence", "theft-from-the-person", "weapons", "public-order"},
        "partners": (Kind.TRANSPORT, Kind.COUNCIL, Kind.HEALTH),
        "statement": "Street {what} around {place} worries residents; victims are often young people "
        "travelling home, and several incidents were near the bus stops.",
        "victim": "Young people travelling alone, phone users at the bus stops",
        "offender": "Groups of young men on bikes, some carrying knives",
        "location": "{place}, the bus interchange and the park paths",
        "guardian": "Bus staff, shop keepers, CCTV operators",
        "handler": "Youth workers, parents, schools",
        "manager": "Transport for London, the council's parks team",
        "options": (
            (
                "Joint patrols with transport police at home time",
                "Most incidents fall 3pm to 7pm on school days",
            ),
            ("CCTV coverage of the interchange", "Existing cameras miss the park paths"),
            ("Weapons sweeps in the park", "Knives were found hidden there twice"),
            ("Dispersal order for the weekend", "Displaces rather than solves; kept in reserve"),
        ),
        "police": ("Joint patrols at the interchange at home time", "Weapons sweeps of the park"),
        "partner": ("Move and add CCTV at the interchange", "Safe-haven scheme with the shops"),
        "public": ("Street pastors on Friday and Saturday nights", "Walk-home scheme run by the residents"),
    },
    "asb": {
        "topics": {
            "asb-rowdy-youths",
            "asb-general",
            "asb-vehicle-nuisance",
            "asb-noise",
            "asb-street-drinking",
            "asb-begging",
            "asb-litter-fly-tipping",
            "asb-neighbours",
            "asb-drug-litter",
            "drug-dealing",
        },
        "partners": (Kind.COUNCIL, Kind.YOUTH, Kind.HOUSING, Kind.SCHOOLS),
        "statement": "{what} around {place} is the concern residents raise most; it peaks on summer evenings "
        "and at weekends, and some residents feel intimidated walking past.",
        "victim": "Residents living next to the shops and the play area; older people walking past",
        "offender": "A loose group of teenagers and a few adults who gather after school",
        "location": "{place}: the shop parade, the play area and the stairwells",
        "guardian": "Shop keepers, the estate caretaker, parents",
        "handler": "The youth service, schools and parents",
        "manager": "The council's ASB team and the housing provider",
        "options": (
            ("Youth diversion: evening sessions at the youth club", "Most of the group have nowhere to go"),
            (
                "ASB warnings and acceptable behaviour contracts",
                "A few named individuals drive most incidents",
            ),
            ("Design out: fix the stairwell doors and lighting", "Groups gather where they cannot be seen"),
            ("Closure order on the flat used for dealing", "Needs more evidence; kept under review"),
        ),
        "police": ("ASB warnings to the named individuals", "Evening patrols with the council wardens"),
        "partner": ("Youth club evening sessions", "Clear the rubbish and fix the stairwell doors"),
        "public": ("Residents' association clean-up day", "Community garden on the waste ground"),
    },
}
OTHER_FAMILY = "asb"

STREETS = (
    "High Street",
    "Station Road",
    "Church Lane",
    "Park Road",
    "Victoria Road",
    "Mill Lane",
    "Albert Road",
    "Queens Road",
    "Kings Road",
    "Green Lane",
    "Manor Road",
    "The Parade",
    "Market Street",
    "Elm Grove",
)
PUBLIC_GROUPS = (
    "the residents' association",
    "the tenants' association",
    "Neighbourhood Watch",
    "the Friends of the Park",
    "the traders' association",
    "the faith forum",
    "the street's WhatsApp group",
)
UPDATES = (
    "Met the housing officer on site; repairs ordered and a date agreed.",
    "Patrols at the peak times this fortnight: two stop and searches, one arrest.",
    "Residents at the panel meeting said it feels better on the main road, not yet by the shops.",
    "Shared the latest incident figures with the partners; the pattern has moved to the weekend.",
    "Visited the victims' neighbours with crime prevention advice.",
    "Chased the council for the CCTV move; it is in next month's works.",
    "Youth workers report good attendance at the evening sessions.",
    "Two ASB warnings issued; one acceptable behaviour contract signed.",
)
PARTNER_UPDATES = (
    "Our contractor finished the lighting on two blocks; the third is booked.",
    "Survey of the stores done; we will fit new doors this month.",
    "Sessions running three evenings a week; about fifteen young people a night.",
    "Our team met the residents; their list of repairs is with the contractor.",
)
INTERVENTION_UPDATES = (
    "Started on site.",
    "Half done; the rest booked.",
    "Waiting on a contractor.",
    "Going well.",
)
REVIEWS = (
    "Progress is steady; keep the patrols at the peak hours and chase the repairs.",
    "The partners are engaged; check the figures again before the next panel.",
    "Slow month: the lighting work slipped. Escalate to the council lead.",
    "Reports are down on the main road; keep going and watch the side streets for displacement.",
)
OUTCOMES = (
    "Done as planned; residents noticed the difference.",
    "Completed; fewer reports since.",
)
OUTCOMES_LATE = ("Finished later than planned, but done.", "Done, a few weeks behind the plan.")
CLOSING = {
    "closed": "The panel judged the priority resolved and the sergeant endorsed it; assessment recorded.",
    "withdrawn": "The panel withdrew the priority; the case closes with what was learned recorded.",
    "superseded": "The panel replaced the priority; the case closes and the new priority has its own.",
}
