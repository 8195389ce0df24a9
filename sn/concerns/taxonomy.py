"""What residents raise, in words they use, mapped onto police.uk's categories so that a concern can be
set beside the incidents recorded for the same thing (sn.concerns analysis).

A topic names what the concern is about; its `category` is the police.uk category whose incidents
measure it (None where police.uk records nothing comparable, road safety say). ASB is split into the
sub-types residents raise (seed 004; the signal crimes of seed 000), all measured by police.uk's single
anti-social behaviour category. `young_people` marks topics about young people, for the force's rule
that a team's priorities include one that concerns them.
"""

from dataclasses import dataclass

from django.db import models

from sn.incidents.categories import Category


class Topic(models.TextChoices):
    BURGLARY = "burglary", "Burglary"
    ROBBERY = "robbery", "Robbery and street crime"
    VIOLENCE = "violence", "Violence and assault"
    VEHICLE_CRIME = "vehicle-crime", "Theft of or from vehicles"
    BICYCLE_THEFT = "bicycle-theft", "Bicycle theft"
    SHOPLIFTING = "shoplifting", "Shoplifting"
    THEFT_FROM_THE_PERSON = "theft-from-the-person", "Pickpocketing and snatch theft"
    OTHER_THEFT = "other-theft", "Other theft"
    CRIMINAL_DAMAGE = "criminal-damage", "Criminal damage and graffiti"
    DRUG_DEALING = "drug-dealing", "Drug dealing and drug use"
    WEAPONS = "weapons", "Knives and weapons"
    PUBLIC_ORDER = "public-order", "Public disorder"
    OTHER_CRIME = "other-crime", "Other crime"
    ASB_YOUTHS = "asb-rowdy-youths", "ASB: rowdy or intimidating young people"
    ASB_GENERAL = "asb-general", "ASB: rowdy or inconsiderate behaviour"
    ASB_VEHICLES = "asb-vehicle-nuisance", "ASB: vehicle nuisance (off-road bikes, nuisance driving)"
    ASB_NOISE = "asb-noise", "ASB: noise"
    ASB_STREET_DRINKING = "asb-street-drinking", "ASB: street drinking"
    ASB_BEGGING = "asb-begging", "ASB: begging"
    ASB_LITTER = "asb-litter-fly-tipping", "ASB: litter and fly-tipping"
    ASB_NEIGHBOURS = "asb-neighbours", "ASB: neighbour disputes"
    ASB_DRUG_LITTER = "asb-drug-litter", "ASB: drug litter"
    ROAD_SAFETY = "road-safety", "Speeding and road safety"
    OTHER = "other", "Other"


@dataclass(frozen=True)
class TopicInfo:
    topic: Topic
    category: str | None  # the police.uk category that measures it
    young_people: bool = False

    @property
    def is_asb(self) -> bool:
        return self.category == Category.ANTI_SOCIAL_BEHAVIOUR


ASB = Category.ANTI_SOCIAL_BEHAVIOUR.value
TOPICS: dict[str, TopicInfo] = {
    info.topic.value: info
    for info in (
        TopicInfo(Topic.BURGLARY, Category.BURGLARY.value),
        TopicInfo(Topic.ROBBERY, Category.ROBBERY.value),
        TopicInfo(Topic.VIOLENCE, Category.VIOLENT_CRIME.value),
        TopicInfo(Topic.VEHICLE_CRIME, Category.VEHICLE_CRIME.value),
        TopicInfo(Topic.BICYCLE_THEFT, Category.BICYCLE_THEFT.value),
        TopicInfo(Topic.SHOPLIFTING, Category.SHOPLIFTING.value),
        TopicInfo(Topic.THEFT_FROM_THE_PERSON, Category.THEFT_FROM_THE_PERSON.value),
        TopicInfo(Topic.OTHER_THEFT, Category.OTHER_THEFT.value),
        TopicInfo(Topic.CRIMINAL_DAMAGE, Category.CRIMINAL_DAMAGE_ARSON.value),
        TopicInfo(Topic.DRUG_DEALING, Category.DRUGS.value),
        TopicInfo(Topic.WEAPONS, Category.POSSESSION_OF_WEAPONS.value),
        TopicInfo(Topic.PUBLIC_ORDER, Category.PUBLIC_ORDER.value),
        TopicInfo(Topic.OTHER_CRIME, Category.OTHER_CRIME.value),
        TopicInfo(Topic.ASB_YOUTHS, ASB, young_people=True),
        TopicInfo(Topic.ASB_GENERAL, ASB),
        TopicInfo(Topic.ASB_VEHICLES, ASB),
        TopicInfo(Topic.ASB_NOISE, ASB),
        TopicInfo(Topic.ASB_STREET_DRINKING, ASB),
        TopicInfo(Topic.ASB_BEGGING, ASB),
        TopicInfo(Topic.ASB_LITTER, ASB),
        TopicInfo(Topic.ASB_NEIGHBOURS, ASB),
        TopicInfo(Topic.ASB_DRUG_LITTER, ASB),
        TopicInfo(Topic.ROAD_SAFETY, None),
        TopicInfo(Topic.OTHER, None),
    )
}
assert set(TOPICS) == set(Topic.values), "every topic needs its police.uk category"
