"""The police.uk API's bodies as OpenAPI schemas (/api/openapi.json). The operations build their JSON
themselves (sn.policeapi.serialise, orjson) for speed and exact shapes; these models only declare those
shapes, strictly (every key required, patterns on coordinates, months and ids), and the tests and
schemathesis check every answer against them."""

from pydantic import BaseModel, ConfigDict, Field

COORDINATE = r"^-?\d{1,3}\.\d+$"
MONTH = r"^\d{4}-\d{2}$"
NAIVE_TIMESTAMP = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class ForceSummary(Strict):
    id: str
    name: str


class EngagementMethod(Strict):
    url: str
    description: str
    title: str


class ForceDetail(Strict):
    id: str
    name: str
    description: str
    url: str
    telephone: str
    engagement_methods: list[EngagementMethod]


class Person(Strict):
    name: str
    rank: str
    bio: str
    contact_details: dict[str, str]


class NeighbourhoodSummary(Strict):
    id: str
    name: str


class Point(Strict):
    latitude: str = Field(pattern=COORDINATE)
    longitude: str = Field(pattern=COORDINATE)


class Link(Strict):
    url: str
    description: str | None
    title: str


class Place(Strict):
    name: str
    longitude: str | None
    latitude: str | None
    postcode: str
    address: str
    type: str
    description: str | None


class NeighbourhoodDetail(Strict):
    id: str
    name: str
    description: str
    url_force: str
    population: str = Field(pattern=r"^\d+$")
    contact_details: dict[str, str]
    centre: Point
    links: list[Link]
    locations: list[Place]


class NeighbourhoodEvent(Strict):
    title: str
    description: str | None
    address: str
    type: str
    start_date: str = Field(pattern=NAIVE_TIMESTAMP)
    end_date: str | None = Field(pattern=NAIVE_TIMESTAMP)
    contact_details: dict[str, str]


class NeighbourhoodPriority(Strict):
    issue: str
    action: str | None
    issue_date: str | None = Field(alias="issue-date", pattern=NAIVE_TIMESTAMP)
    action_date: str | None = Field(alias="action-date", pattern=NAIVE_TIMESTAMP)


class Located(Strict):
    force: str
    neighbourhood: str


class CrimeCategory(Strict):
    url: str
    name: str


class Street(Strict):
    id: int
    name: str


class CrimeLocation(Strict):
    latitude: str = Field(pattern=COORDINATE)
    street: Street
    longitude: str = Field(pattern=COORDINATE)


class OutcomeStatus(Strict):
    category: str
    date: str = Field(pattern=MONTH)


class CrimeWithoutOutcome(Strict):
    category: str
    location_type: str | None
    location: CrimeLocation | None
    context: str
    persistent_id: str = Field(pattern=r"^([0-9a-f]{64})?$")
    id: int
    location_subtype: str
    month: str = Field(pattern=MONTH)


class Crime(CrimeWithoutOutcome):
    outcome_status: OutcomeStatus | None


class OutcomeCategory(Strict):
    code: str
    name: str


class Outcome(Strict):
    category: OutcomeCategory
    date: str = Field(pattern=MONTH)
    person_id: int | None


class OutcomeAtLocation(Outcome):
    crime: CrimeWithoutOutcome


class CrimeOutcomes(Strict):
    crime: CrimeWithoutOutcome
    outcomes: list[Outcome]


class Availability(Strict):
    date: str = Field(pattern=MONTH)
    stop_and_search: list[str] = Field(alias="stop-and-search")


class LastUpdated(Strict):
    date: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")


class StopOutcome(Strict):
    id: str
    name: str


class StopAndSearch(Strict):
    age_range: str
    officer_defined_ethnicity: str
    involved_person: bool
    self_defined_ethnicity: str
    gender: str
    legislation: str
    outcome_linked_to_object_of_search: bool | None
    datetime: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$")
    outcome_object: StopOutcome
    location: CrimeLocation | None
    object_of_search: str
    operation: bool | None
    outcome: str
    type: str
    operation_name: str | None
    removal_of_more_than_outer_clothing: bool | None


class Problem(Strict):
    """What was wrong with the request, naming the parameter."""

    detail: str
