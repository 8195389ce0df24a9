"""police.uk crime categories: the CSV's "Crime type" names and the API's slugs."""

from django.db import models


class Category(models.TextChoices):
    ANTI_SOCIAL_BEHAVIOUR = "anti-social-behaviour", "Anti-social behaviour"
    BICYCLE_THEFT = "bicycle-theft", "Bicycle theft"
    BURGLARY = "burglary", "Burglary"
    CRIMINAL_DAMAGE_ARSON = "criminal-damage-arson", "Criminal damage and arson"
    DRUGS = "drugs", "Drugs"
    OTHER_THEFT = "other-theft", "Other theft"
    POSSESSION_OF_WEAPONS = "possession-of-weapons", "Possession of weapons"
    PUBLIC_ORDER = "public-order", "Public order"
    ROBBERY = "robbery", "Robbery"
    SHOPLIFTING = "shoplifting", "Shoplifting"
    THEFT_FROM_THE_PERSON = "theft-from-the-person", "Theft from the person"
    VEHICLE_CRIME = "vehicle-crime", "Vehicle crime"
    VIOLENT_CRIME = "violent-crime", "Violence and sexual offences"
    OTHER_CRIME = "other-crime", "Other crime"


# The "Crime type" text of the street CSVs, including names police.uk used in earlier years.
CRIME_TYPE_TO_CATEGORY: dict[str, str] = {
    "anti-social behaviour": Category.ANTI_SOCIAL_BEHAVIOUR,
    "bicycle theft": Category.BICYCLE_THEFT,
    "burglary": Category.BURGLARY,
    "criminal damage and arson": Category.CRIMINAL_DAMAGE_ARSON,
    "drugs": Category.DRUGS,
    "other theft": Category.OTHER_THEFT,
    "possession of weapons": Category.POSSESSION_OF_WEAPONS,
    "public order": Category.PUBLIC_ORDER,
    "robbery": Category.ROBBERY,
    "shoplifting": Category.SHOPLIFTING,
    "theft from the person": Category.THEFT_FROM_THE_PERSON,
    "vehicle crime": Category.VEHICLE_CRIME,
    "violence and sexual offences": Category.VIOLENT_CRIME,
    "violent crime": Category.VIOLENT_CRIME,
    "other crime": Category.OTHER_CRIME,
}

# Total notifiable offences: every category except ASB, which is an incident, not a crime.
TNO_CATEGORIES = tuple(c for c in Category.values if c != Category.ANTI_SOCIAL_BEHAVIOUR)
