"""The tables the engagement demo draws from (sn.engagement.demo): how often each kind of event happens,
when and how long, who comes, what is said and what audits find."""

from sn.engagement.models import AuditItem, EventKind, OfficerTime, Severity
from sn.teams.models import Rank

# Events a month for a team of middling activity; teams range from about half to one and a half times.
KIND_RATES = {
    EventKind.CONTACT_POINT: 0.9,
    EventKind.STREET_BRIEFING: 0.8,
    EventKind.SCHOOL_VISIT: 0.55,
    EventKind.PUBLIC_MEETING: 0.4,
    EventKind.DOOR_KNOCKING: 0.3,
    EventKind.VISUAL_AUDIT: 0.2,
    EventKind.ONLINE: 0.15,
    EventKind.SURVEY: 0.1,
    EventKind.FOCUS_GROUP: 0.12,
    EventKind.OTHER: 0.1,
}
# (weekdays only, start hours, hours long, attendance low and high, concerns raised on average, public)
SHAPES = {
    EventKind.CONTACT_POINT: (False, (10, 11, 13, 14), 2, (3, 15), 0.8, 0.9),
    EventKind.STREET_BRIEFING: (False, (16, 17, 18), 1, (5, 25), 1.0, 0.9),
    EventKind.SCHOOL_VISIT: (True, (9, 10, 13, 15), 1, (20, 120), 0.5, 0.05),
    EventKind.PUBLIC_MEETING: (True, (18, 19), 2, (12, 45), 2.0, 0.95),
    EventKind.DOOR_KNOCKING: (False, (10, 14, 17), 3, (20, 60), 1.2, 0.0),
    EventKind.VISUAL_AUDIT: (True, (10, 13), 2, (2, 6), 0.3, 0.1),
    EventKind.ONLINE: (True, (19,), 1, (8, 30), 1.2, 0.9),
    EventKind.SURVEY: (False, (10, 11, 14), 3, (15, 40), 0.0, 0.2),
    EventKind.FOCUS_GROUP: (True, (18,), 2, (6, 15), 1.5, 0.0),
    EventKind.OTHER: (False, (11, 12), 3, (10, 80), 0.5, 0.6),
}
assert set(SHAPES) == set(KIND_RATES)

VENUES = (
    "{ward} Community Centre",
    "{ward} Library",
    "St Mary's Church Hall",
    "The Salvation Army hall",
    "Tenants' and residents' association hall",
    "Leisure centre foyer",
    "Supermarket entrance",
    "Outside the station",
    "The market",
    "Mosque community room",
    "Health centre",
)
SCHOOLS = (
    "the primary school",
    "the secondary school",
    "the youth club",
    "the academy",
    "the pupil referral unit",
)
GROUPS = (
    "older residents",
    "local traders",
    "young people",
    "faith leaders",
    "parents",
    "disabled residents",
)
OTHERS = (
    "Bike marking",
    "Community fun day stall",
    "Crime prevention roadshow",
    "Property marking",
    "Cycle safety day",
)
PARTNERS = (
    "Council ASB officer",
    "Housing officer",
    "Youth service worker",
    "Ward councillors",
    "Neighbourhood Watch",
)
NOTES = (
    "Good turnout; residents raised the issues below and were given crime prevention advice.",
    "Quiet session. Leaflets on the ward priorities handed out.",
    "Several new contacts made; two people interested in joining the ward panel.",
    "Partners attended and agreed to follow up the points raised.",
    "Mostly positive about the team; follow-up visits arranged.",
)
ITEM_WEIGHTS = {
    AuditItem.LITTER: 25,
    AuditItem.GRAFFITI: 20,
    AuditItem.LIGHTING: 10,
    AuditItem.VEGETATION: 10,
    AuditItem.PAVING: 10,
    AuditItem.VANDALISM: 6,
    AuditItem.DRUG_LITTER: 6,
    AuditItem.ABANDONED_VEHICLE: 5,
    AuditItem.EMPTY_PREMISES: 5,
    AuditItem.OTHER: 3,
}
ITEM_NOTES = {
    AuditItem.LITTER: "Bags of rubbish and a dumped sofa",
    AuditItem.GRAFFITI: "Tags on the walls and shutters",
    AuditItem.LIGHTING: "Two lamp posts out",
    AuditItem.VEGETATION: "Hedges over the footpath, poor sight lines",
    AuditItem.PAVING: "Broken paving slabs and a damaged bench",
    AuditItem.VANDALISM: "Smashed bus shelter panel",
    AuditItem.DRUG_LITTER: "Needles and foil by the bins",
    AuditItem.ABANDONED_VEHICLE: "Untaxed car, flat tyres, not moved for weeks",
    AuditItem.EMPTY_PREMISES: "Boarded-up shop unit, door forced",
    AuditItem.OTHER: "Broken fence into the railway land",
}
SEVERITIES = (Severity.MINOR, Severity.MODERATE, Severity.SERIOUS)
TIME_WANTED = {
    OfficerTime.WEEKDAY_DAY: 0.25,
    OfficerTime.WEEKDAY_EVENING: 0.55,
    OfficerTime.WEEKDAY_NIGHT: 0.3,
    OfficerTime.WEEKEND_DAY: 0.3,
    OfficerTime.WEEKEND_EVENING: 0.6,
    OfficerTime.WEEKEND_NIGHT: 0.45,
}
LEAD_RANKS = {Rank.PCSO: 45, Rank.PC: 35, Rank.SERGEANT: 20}
