"""The words of the demo's panels: venues, organisations, and for each topic how a priority is worded,
what the team reports doing, what the panel says at review, its milestones and its "You said, we did".

Topics and their weights follow seed 001's top priorities of 630 teams (ASB by youths 426, burglary 234,
ASB in general 177, theft from vehicles 175, drugs 153), with the rest of the taxonomy behind them."""

# The share of teams with each topic among their current priorities (seed 001, paragraph 51).
CURRENT_SHARES = {
    "asb-rowdy-youths": 426 / 630,
    "burglary": 234 / 630,
    "asb-general": 177 / 630,
    "vehicle-crime": 175 / 630,
    "drug-dealing": 153 / 630,
}
# Everything else a panel chooses, and past priorities, by weight.
OTHER_WEIGHTS = {
    "asb-street-drinking": 6,
    "asb-vehicle-nuisance": 6,
    "road-safety": 6,
    "criminal-damage": 5,
    "asb-litter-fly-tipping": 5,
    "robbery": 5,
    "asb-noise": 3,
    "bicycle-theft": 3,
    "violence": 3,
    "weapons": 2,
    "theft-from-the-person": 2,
    "shoplifting": 2,
}
PAST_WEIGHTS = {**{topic: share * 40 for topic, share in CURRENT_SHARES.items()}, **OTHER_WEIGHTS}

PLACES = (
    "the shopping parade",
    "the estate",
    "the high street",
    "the park",
    "the station",
    "the recreation ground",
    "the bus station",
    "the market",
    "the flats by the canal",
    "the secondary school",
)

WORDING = {
    "asb-rowdy-youths": "Reduce anti-social behaviour by groups of young people around {place}",
    "burglary": "Reduce burglary of homes around {place}",
    "asb-general": "Tackle anti-social behaviour around {place}",
    "vehicle-crime": "Reduce theft from and of vehicles parked around {place}",
    "drug-dealing": "Disrupt drug dealing and drug use around {place}",
    "asb-street-drinking": "Stop street drinking around {place}",
    "asb-vehicle-nuisance": "Stop off-road bikes and nuisance driving around {place}",
    "road-safety": "Reduce speeding on the roads around {place}",
    "criminal-damage": "Reduce graffiti and criminal damage around {place}",
    "asb-litter-fly-tipping": "Reduce fly-tipping around {place}",
    "robbery": "Reduce street robbery around {place}",
    "asb-noise": "Tackle noise nuisance around {place}",
    "bicycle-theft": "Reduce bicycle theft around {place}",
    "violence": "Reduce violence in the evenings around {place}",
    "weapons": "Tackle knife carrying around {place}",
    "theft-from-the-person": "Reduce pickpocketing around {place}",
    "shoplifting": "Reduce shoplifting from the shops around {place}",
}

CONCERN_WORDS = {
    "asb-rowdy-youths": "Groups of young people gathering and intimidating people around {place} at night",
    "burglary": "Several break-ins at homes near {place} in the last few weeks",
    "asb-general": "Rowdy behaviour late at night around {place}",
    "vehicle-crime": "Cars broken into overnight near {place}",
    "drug-dealing": "Drug dealing seen in the open around {place}",
    "asb-street-drinking": "Street drinking on the benches at {place}",
    "asb-vehicle-nuisance": "Off-road bikes ridden dangerously around {place}",
    "road-safety": "Cars speeding past {place}",
    "criminal-damage": "Graffiti and damage around {place}",
    "asb-litter-fly-tipping": "Fly-tipping left for weeks near {place}",
    "robbery": "Phones snatched from people near {place}",
    "asb-noise": "Loud music late at night near {place}",
    "bicycle-theft": "Bikes stolen from the racks at {place}",
    "violence": "Fights in the evenings around {place}",
    "weapons": "Young people said to be carrying knives around {place}",
    "theft-from-the-person": "Pickpockets working the crowds at {place}",
    "shoplifting": "Shops at {place} targeted by shoplifters",
}

# What the team did, by EPIC family; a progress update picks one.
ACTIONS = (
    "High-visibility patrols around {place} at the times residents named, with the special constables.",
    "Crime prevention advice given door to door to residents near {place}.",
    "Met the council's community safety team about lighting and CCTV at {place}.",
    "Street briefing at {place}: residents told what has been done and asked what they still see.",
    "Two arrests after information from residents; both bailed on condition they stay away from {place}.",
    "Joint visit with the housing officer to the families involved; acceptable behaviour contracts offered.",
    "Dispersal authority used on two evenings at {place}; groups moved on without incident.",
    "Intelligence reports submitted and shared with the borough's tasking meeting.",
    "Youth workers engaged: a Friday evening session now runs near {place}.",
    "Leaflet drop and social media post about the priority and how to report.",
    "Partnership meeting with the council and the housing provider; clean-up of {place} agreed.",
    "Test purchase and licensing visits to the shops near {place}.",
)
REVIEWS = (
    "The panel heard the update and asked the team to keep going; residents still see it at weekends.",
    "Some improvement reported by residents; the panel asked for figures at the next meeting.",
    "The panel welcomed the partnership work and asked the council to report back.",
    "Members reported fewer incidents; the panel agreed to review again next time.",
)
RESOLVED = (
    "Residents and members agree the problem has eased; reports are well down. The panel judges it resolved.",
    "The milestones are met and the figures show a sustained fall. The panel signs it off.",
)
WITHDRAWN = (
    "The problem has moved out of the ward; the panel withdraws it and passes it to the neighbouring team.",
    "The council has taken the lead on this; the panel withdraws it as a police priority.",
)
MILESTONES = (
    ("Patrol plan agreed and running at the times residents named", ""),
    ("Partners briefed and actions agreed at the partnership meeting", ""),
    ("Reports of the problem down on the same months last year", "A fall of at least a quarter"),
    ("Residents' feedback gathered at a street briefing", "At least 20 residents asked"),
)


def you_said(wording: str) -> str:
    """What residents asked for, from the priority's wording: "You asked us to reduce burglary ..."."""
    return f"You asked us to {wording[:1].lower()}{wording[1:]}."


WE_DID = (
    "We patrolled at the times you named, worked with the council and housing provider, and followed up "
    "every "
    "report. Reports are down and the panel agreed the priority was resolved."
)

VENUES = ("Community Centre", "Library", "Church Hall", "Methodist Hall", "Youth Centre", "Sports Centre")
ORGANISATIONS = {
    "business": ("Corner shop", "Pharmacy", "Estate agents", "Café", "Hardware store", "Launderette"),
    "faith_community": (
        "Parish church",
        "Mosque committee",
        "Gurdwara committee",
        "Residents' association",
        "Neighbourhood Watch",
        "Tenants' and residents' association",
    ),
    "councillor": ("Ward councillor",),
    "youth": ("Youth council",),
}
