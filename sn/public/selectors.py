"""What the public pages read: a ward's team, current priorities, published "you said, we did"
statements, upcoming public events and panel meetings; a borough's wards; finding a ward by name or by a
point. Everything here is public by construction: no resident, panel member, KIN member or contact is
read, officers are named with their rank only, and the only contact details are the team's own.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from sn.engagement.models import Event
from sn.geography.locate import locate
from sn.geography.models import Borough, Neighbourhood
from sn.geography.selectors import feature_collection
from sn.guarantee.panels import have_a_say
from sn.guarantee.priorities import PriorityStory, priority_stories
from sn.panels.models import Meeting, Priority, Statement
from sn.panels.models.priorities import HOLDING_A_PLACE, Milestone
from sn.panels.selectors import published_statements
from sn.teams.models import Officer, Rank, Team
from sn.teams.selectors import active_postings

# How far ahead the ward page lists events and meetings, and how many of each.
UPCOMING_LIMIT = 6
STATEMENT_LIMIT = 10
SEARCH_LIMIT = 30
RANKS_IN_ORDER = (Rank.INSPECTOR, Rank.SERGEANT, Rank.PC, Rank.PCSO, Rank.SPECIAL, Rank.VOLUNTEER)
RANK_ORDER = {rank: i for i, rank in enumerate(RANKS_IN_ORDER)}


@dataclass(frozen=True)
class PublicOfficer:
    """An officer as residents see them: rank, name and photo (or initials). No collar number, no
    personal contact: the team's contact is published instead."""

    rank: str
    name: str
    initials: str
    photo_url: str
    role: str = ""

    @property
    def title(self) -> str:
        return f"{self.rank} {self.name}"


def _public_officer(officer: Officer, role: str = "") -> PublicOfficer:
    short_rank = {Rank.PC: "PC", Rank.PCSO: "PCSO", Rank.SPECIAL: "Special Constable"}.get(
        officer.rank, officer.get_rank_display()
    )
    return PublicOfficer(
        rank=short_rank,
        name=officer.full_name,
        initials=officer.initials,
        photo_url=officer.photo.url if officer.photo else "",
        role=role,
    )


def team_officers(team: Team | None, *, today: date) -> list[PublicOfficer]:
    """The officers posted to the team today, sergeants first, then constables, PCSOs, specials."""
    if team is None:
        return []
    postings = (
        active_postings(on=today)
        .filter(team=team, officer__archived_at__isnull=True)
        .select_related("officer")
    )
    officers = {p.officer_id: p.officer for p in postings}.values()
    ordered = sorted(officers, key=lambda o: (RANK_ORDER.get(o.rank, 99), o.last_name, o.first_name))
    return [_public_officer(o) for o in ordered]


@dataclass
class PublicPriority:
    priority: Priority
    milestones: list[Milestone]
    statement: Statement | None
    last_update: date | None
    # The Guarantee's rows (raised on, last update, what was done, who chose it): issue 14 part 3.
    story: PriorityStory | None = None

    @property
    def awaiting_sign_off(self) -> bool:
        return self.priority.status == Priority.Status.PANEL_RESOLVED


def current_public_priorities(neighbourhood: Neighbourhood) -> list[PublicPriority]:
    """The priorities holding the ward's places now, oldest first, with their milestones (the panel's
    agreed, dated steps), the date of the team's latest progress update (the update's words are the
    team's working notes and are not published), and their statement when one is published."""
    published = published_statements(neighbourhood)
    priorities = (
        Priority.objects.filter(neighbourhood=neighbourhood, status__in=HOLDING_A_PLACE)
        .annotate(last_update=Max("updates__on"))
        .prefetch_related(Prefetch("milestones", queryset=Milestone.objects.order_by("due_on", "id")))
        .order_by("selected_on", "id")
    )
    statements = {s.priority_id: s for s in published.filter(priority__in=priorities)}
    stories = {story.priority.pk: story for story in priority_stories(neighbourhood, public=True)}
    return [
        PublicPriority(
            priority=p,
            milestones=list(p.milestones.all()),
            statement=statements.get(p.pk),
            last_update=p.last_update,
            story=stories.get(p.pk),
        )
        for p in priorities
    ]


def past_statements(neighbourhood: Neighbourhood, *, limit: int = STATEMENT_LIMIT) -> list[Statement]:
    """The ward's published "you said, we did" statements of priorities that have ended, newest first:
    only what sn.panels.selectors.published_statements gives (approved and published), nothing else."""
    return list(published_statements(neighbourhood).exclude(priority__status__in=HOLDING_A_PLACE)[:limit])


def upcoming_events(neighbourhood: Neighbourhood, *, now: datetime) -> list[Event]:
    """Public engagement events still to come, not cancelled (a cancelled event is archived), soonest
    first."""
    return list(
        Event.objects.live()
        .filter(neighbourhood=neighbourhood, public=True, starts_at__gte=now)
        .only("id", "kind", "title", "starts_at", "ends_at", "venue")
        .order_by("starts_at", "id")[:UPCOMING_LIMIT]
    )


def upcoming_meetings(neighbourhood: Neighbourhood, *, now: datetime) -> list[Meeting]:
    """The ward panel's planned meetings still to come: date, time and place only (no agenda, no
    members)."""
    return list(
        Meeting.objects.filter(
            panel__neighbourhood=neighbourhood,
            panel__dissolved_on__isnull=True,
            status=Meeting.Status.PLANNED,
            starts_at__gte=now,
        )
        .only("id", "starts_at", "place")
        .order_by("starts_at", "id")[:UPCOMING_LIMIT]
    )


def has_panel(neighbourhood: Neighbourhood) -> bool:
    return neighbourhood.panels.filter(dissolved_on__isnull=True).exists()


@dataclass
class WardPage:
    neighbourhood: Neighbourhood
    team: Team | None
    officers: list[PublicOfficer]
    inspector: PublicOfficer | None
    priorities: list[PublicPriority]
    statements: list[Statement]
    events: list[Event]
    meetings: list[Meeting]
    has_panel: bool
    neighbours: list[Neighbourhood]
    map_geojson: str = ""
    today: date = field(default_factory=timezone.localdate)
    # How to have a say in the priorities (next panel meeting, the team's routes): each priority names it.
    say: dict = field(default_factory=dict)


def _public_neighbourhoods() -> QuerySet[Neighbourhood]:
    return Neighbourhood.objects.select_related("borough")


def get_public_neighbourhood(code: str) -> Neighbourhood:
    try:
        return _public_neighbourhoods().select_related("cluster__inspector").get(code=code)
    except Neighbourhood.DoesNotExist:
        raise Http404("No ward has that code") from None


def get_public_borough(code: str) -> Borough:
    try:
        return Borough.objects.get(code=code)
    except Borough.DoesNotExist:
        raise Http404("No borough has that code") from None


def _area_properties(focus_code: str = ""):
    def properties(area: Neighbourhood) -> dict:
        return {
            "name": area.name,
            "code": area.code,
            "url": reverse("public:ward", args=[area.code]),
            "role": "focus" if area.code == focus_code else "",
        }

    return properties


def ward_page(code: str) -> WardPage:
    neighbourhood = get_public_neighbourhood(code)
    now = timezone.now()
    today = timezone.localdate(now)
    team = Team.objects.filter(neighbourhood=neighbourhood).first()
    inspector_officer = neighbourhood.cluster.inspector if neighbourhood.cluster_id else None
    inspector = (
        _public_officer(inspector_officer, role="Neighbourhood inspector")
        if inspector_officer is not None and not inspector_officer.is_archived
        else None
    )
    neighbours = list(neighbourhood.neighbours.select_related("borough").order_by("name"))
    return WardPage(
        neighbourhood=neighbourhood,
        team=team,
        officers=team_officers(team, today=today),
        inspector=inspector,
        priorities=current_public_priorities(neighbourhood),
        statements=past_statements(neighbourhood),
        events=upcoming_events(neighbourhood, now=now),
        meetings=upcoming_meetings(neighbourhood, now=now),
        has_panel=has_panel(neighbourhood),
        neighbours=neighbours,
        map_geojson=feature_collection([neighbourhood, *neighbours], _area_properties(neighbourhood.code)),
        today=today,
        say=have_a_say(neighbourhood),
    )


@dataclass
class BoroughWard:
    neighbourhood: Neighbourhood
    team: Team | None
    priorities: list[str]


@dataclass
class BoroughPage:
    borough: Borough
    wards: list[BoroughWard]
    map_geojson: str


def borough_page(code: str) -> BoroughPage:
    """The borough's wards with their teams and current priorities in brief, and a map."""
    borough = get_public_borough(code)
    neighbourhoods = list(
        borough.neighbourhoods.select_related("team").prefetch_related(
            Prefetch(
                "priorities",
                queryset=Priority.objects.filter(status__in=HOLDING_A_PLACE).order_by("selected_on", "id"),
                to_attr="current",
            )
        )
    )
    neighbourhoods.sort(key=lambda n: (n.kind != Neighbourhood.Kind.WARD, n.name))
    wards = [
        BoroughWard(
            neighbourhood=n,
            team=getattr(n, "team", None),
            priorities=[p.wording for p in n.current],
        )
        for n in neighbourhoods
    ]
    return BoroughPage(
        borough=borough,
        wards=wards,
        map_geojson=feature_collection(neighbourhoods, _area_properties()),
    )


# --- Finding a ward.


def normalise(text: str) -> str:
    """Lower case, no accents or punctuation, '&' as 'and', 'saint' as 'st': "St. Mary's & Holy
    Trinity" and "st marys and holy trinity" match."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = text.replace("&", " and ").replace("'", "")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    words = ["st" if word == "saint" else word for word in text.split()]
    return " ".join(words)


@dataclass(frozen=True)
class SearchResults:
    query: str
    wards: list[Neighbourhood]
    boroughs: list[Borough]
    more: bool = False

    @property
    def empty(self) -> bool:
        return not self.wards and not self.boroughs


def _matches(query_words: list[str], name: str) -> bool:
    words = normalise(name).split()
    return all(any(word.startswith(q) for word in words) for q in query_words)


def find_wards(query: str) -> SearchResults:
    """Wards and boroughs whose names contain every word of the query at the start of a word ("bow"
    finds Bow East and Bow West; "green bethnal" finds Bethnal Green), best first: whole-name matches,
    then names starting with the query, then the rest alphabetically. A borough that matches is listed
    with its wards reachable from its page."""
    query = query.strip()[:100]
    query_words = normalise(query).split()
    if not query_words:
        return SearchResults(query=query, wards=[], boroughs=[])
    joined = " ".join(query_words)
    wards = [n for n in _public_neighbourhoods().order_by("name") if _matches(query_words, n.name)]

    def rank(n: Neighbourhood) -> tuple:
        name = normalise(n.name)
        return (name != joined, not name.startswith(joined), n.name)

    wards.sort(key=rank)
    boroughs = [b for b in Borough.objects.order_by("name") if _matches(query_words, b.name)]
    return SearchResults(
        query=query, wards=wards[:SEARCH_LIMIT], boroughs=boroughs, more=len(wards) > SEARCH_LIMIT
    )


def ward_at(lat: float, lng: float) -> Neighbourhood | None:
    """The ward containing a point, or None outside the force."""
    found = locate(lat, lng)
    return Neighbourhood.objects.filter(pk=found).first() if found is not None else None


def boroughs_with_counts() -> list[Borough]:
    return list(
        Borough.objects.annotate(ward_count=Count("neighbourhoods", filter=Q(neighbourhoods__kind="ward")))
        .only("code", "name")
        .order_by("name")
    )


def force_map_geojson() -> str:
    """Every ward's simplified boundary with its name and public page: the find-your-ward map."""
    areas = (
        Neighbourhood.objects.filter(kind=Neighbourhood.Kind.WARD)
        .only("code", "name", "display_boundary")
        .order_by("code")
    )
    return feature_collection(areas, _area_properties())
