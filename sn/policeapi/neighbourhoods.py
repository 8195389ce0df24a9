"""The neighbourhood side of the police.uk API: forces, a force, its senior officers, its neighbourhoods,
a neighbourhood, its boundary, team, events and priorities, and locate-neighbourhood.

police.uk's neighbourhood ids are our Neighbourhood.police_uk_id, its force id our Force.code. Contact
details are the team's published ones only; people are the team's officers by rank and name; events
are public engagement events and the ward panel's planned meetings; priorities are the panel's, with
their approved, published "you said, we did" statements."""

import json
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import escape, linebreaks
from ninja import Router

from sn.core.access import api_access
from sn.engagement.models import Event, EventKind
from sn.geography.locate import locate
from sn.geography.models import Force, Neighbourhood
from sn.guarantee.selectors import NamedOfficer, named_officers
from sn.panels.models import Meeting
from sn.policeapi import schemas, selectors
from sn.policeapi.answers import answers
from sn.policeapi.params import q_point
from sn.policeapi.serialise import coordinate, empty, json_response, naive_iso

router = Router(tags=["Neighbourhoods"])

NON_EMERGENCY = "101"
EVENT_TYPES = {
    EventKind.PUBLIC_MEETING: "meeting",
    EventKind.PANEL_MEETING: "meeting",
    EventKind.STREET_BRIEFING: "meeting",
    EventKind.CONTACT_POINT: "surgery",
    EventKind.FOCUS_GROUP: "meeting",
    EventKind.ONLINE: "online",
}


def _url(request: HttpRequest, name: str, *, args=(), query: dict | None = None) -> str | None:
    """The absolute URL of one of our public pages, or None when that page is not part of this site."""
    try:
        path = reverse(name, args=args)
    except NoReverseMatch:
        return None
    return request.build_absolute_uri(path + (f"?{urlencode(query)}" if query else ""))


def _paragraphs(text: str) -> str:
    """Plain text as the HTML police.uk's description fields hold: escaped, in paragraphs."""
    return linebreaks(text, autoescape=True) if text.strip() else ""


def _team_contact(team) -> dict[str, str]:
    contact = {}
    if team is not None and team.email:
        contact["email"] = team.email
    if team is not None and team.phone:
        contact["telephone"] = team.phone
    return contact


@router.get("/forces", response=answers(list[schemas.ForceSummary]), url_name="forces")
@api_access(public=True)
def forces(request: HttpRequest):
    """Every force this service holds (police.uk `forces`)."""
    return json_response([{"id": f.code, "name": f.name} for f in selectors.forces()])


def _engagement_methods(request: HttpRequest) -> list[dict]:
    methods = [
        ("Your neighbourhood", "public:home", "<p>Find your ward's team, its priorities and events.</p>"),
        ("Crime map", "public:crime_map", "<p>Crime and anti-social behaviour by month, near you.</p>"),
        ("Your Voice Counts", "feedback:give", "<p>Praise, a complaint or a suggestion for a team.</p>"),
    ]
    return [
        {"url": url, "description": description, "title": title}
        for title, name, description in methods
        if (url := _url(request, name)) is not None
    ]


@router.get("/forces/{force}", response=answers(schemas.ForceDetail, not_found=True), url_name="force")
@api_access(public=True)
def force(request: HttpRequest, force: str):
    """One force (police.uk `forces/{force}`): 404 with an empty body for a force we do not hold."""
    found = selectors.force_by_code(force)
    if found is None:
        return empty(404)
    count = selectors.neighbourhoods_of(found).count()
    boroughs = found.boroughs.count()
    return json_response(
        {
            "description": f"<p>{escape(found.name)}: Safer Neighbourhoods teams in {count} neighbourhoods "
            f"of {boroughs} borough{'s' if boroughs != 1 else ''}.</p>",
            "url": _url(request, "public:home") or request.build_absolute_uri("/"),
            "engagement_methods": _engagement_methods(request),
            "telephone": NON_EMERGENCY,
            "id": found.code,
            "name": found.name,
        }
    )


@router.get(
    "/forces/{force}/people", response=answers(list[schemas.Person], not_found=True), url_name="force_people"
)
@api_access(public=True)
def force_people(request: HttpRequest, force: str):
    """The force's senior officers (police.uk `forces/{force}/people`). This service keeps no chief
    officers' records, so the list is empty; it is not made up."""
    if selectors.force_by_code(force) is None:
        return empty(404)
    return json_response([])


@router.get(
    "/locate-neighbourhood",
    response=answers(schemas.Located, not_found=True),
    url_name="locate_neighbourhood",
)
@api_access(public=True)
def locate_neighbourhood(request: HttpRequest, q: str):
    """The neighbourhood containing `q=lat,lng` (police.uk `locate-neighbourhood`); 404 with an empty
    body for a point outside every neighbourhood."""
    lat, lng = q_point(q)
    found = locate(lat, lng)
    if found is None:
        return empty(404)
    n = Neighbourhood.objects.select_related("borough__force").filter(id=found).first()
    if n is None or n.police_uk_id in selectors.RESERVED_IDS:
        return empty(404)
    return json_response({"force": n.borough.force.code, "neighbourhood": n.police_uk_id})


@router.get(
    "/{force}/neighbourhoods",
    response=answers(list[schemas.NeighbourhoodSummary], not_found=True),
    url_name="neighbourhoods",
)
@api_access(public=True)
def neighbourhoods(request: HttpRequest, force: str):
    """The force's neighbourhoods (police.uk `{force}/neighbourhoods`)."""
    found = selectors.force_by_code(force)
    if found is None:
        return empty(404)
    rows = selectors.neighbourhoods_of(found).values_list("police_uk_id", "name")
    return json_response([{"id": code, "name": name} for code, name in rows])


def _neighbourhood(force: str, neighbourhood: str) -> Neighbourhood | None:
    found: Force | None = selectors.force_by_code(force)
    return None if found is None else selectors.neighbourhood_of(found, neighbourhood)


def _links(request: HttpRequest, n: Neighbourhood) -> list[dict]:
    links = [
        ("Your neighbourhood team", _url(request, "public:ward", args=[n.code]), f"The {n.name} ward page."),
        ("Crime map", _url(request, "public:crime_map", query={"ward": n.code}), f"Crime in {n.name}."),
        (
            "Contact the team",
            _url(request, "feedback:give", query={"ward": n.code}),
            "Praise, a complaint or a suggestion.",
        ),
    ]
    return [
        {"url": url, "description": description, "title": title} for title, url, description in links if url
    ]


@router.get(
    "/{force}/{neighbourhood}",
    response=answers(schemas.NeighbourhoodDetail, not_found=True),
    url_name="neighbourhood",
)
@api_access(public=True)
def neighbourhood(request: HttpRequest, force: str, neighbourhood: str):
    """One neighbourhood (police.uk `{force}/{neighbourhood}`): every documented key always present,
    the centre as strings, the population a numeric string ("0" when unknown)."""
    n = _neighbourhood(force, neighbourhood)
    if n is None:
        return empty(404)
    team = selectors.team_of(n)
    return json_response(
        {
            "url_force": _url(request, "public:ward", args=[n.code]) or "",
            "contact_details": _team_contact(team),
            "name": n.name,
            "links": _links(request, n),
            "centre": {"latitude": coordinate(n.centroid_lat), "longitude": coordinate(n.centroid_lng)},
            "locations": [],
            "description": _paragraphs(n.description)
            or f"<p>{escape(n.name)}, {escape(n.borough.name)}: the ward's Safer Neighbourhoods team.</p>",
            "id": n.police_uk_id,
            "population": str(n.population or 0),
        }
    )


def _outline(boundary: str) -> list[tuple[float, float]]:
    """The outer ring of the neighbourhood's boundary (its largest part, for a boundary in several):
    police.uk gives one list of points, which clients post back as a `poly`."""
    geometry = json.loads(boundary)
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]

    def ring_area(ring):
        return abs(sum(x0 * y1 - x1 * y0 for (x0, y0, *_), (x1, y1, *_) in zip(ring, ring[1:], strict=False)))

    largest = max((polygon[0] for polygon in polygons if polygon), key=ring_area, default=[])
    return [(point[1], point[0]) for point in largest]


@router.get(
    "/{force}/{neighbourhood}/boundary",
    response=answers(list[schemas.Point], not_found=True),
    url_name="neighbourhood_boundary",
)
@api_access(public=True)
def neighbourhood_boundary(request: HttpRequest, force: str, neighbourhood: str):
    """The neighbourhood's boundary as points (police.uk `{force}/{neighbourhood}/boundary`)."""
    n = _neighbourhood(force, neighbourhood)
    if n is None:
        return empty(404)
    return json_response(
        [{"latitude": f"{lat:.10f}", "longitude": f"{lng:.10f}"} for lat, lng in _outline(n.boundary)]
    )


@router.get(
    "/{force}/{neighbourhood}/people",
    response=answers(list[schemas.Person], not_found=True),
    url_name="neighbourhood_people",
)
@api_access(public=True)
def neighbourhood_people(request: HttpRequest, force: str, neighbourhood: str):
    """The neighbourhood's team (police.uk `{force}/{neighbourhood}/people`): rank and name of each
    officer posted to it today. The Guarantee's named officers (sn.guarantee) also carry their dates in
    `bio` and their online contact route (work e-mail, or the team's) in `contact_details`."""
    n = _neighbourhood(force, neighbourhood)
    if n is None:
        return empty(404)
    today = timezone.localdate()
    members = selectors.team_members(selectors.team_of(n), today=today)
    named = {o.name: o for o in named_officers(n, today)}
    return json_response([_person(m.name, m.rank, named.get(m.name), n) for m in members])


def _person(name: str, rank: str, named: NamedOfficer | None, n: Neighbourhood) -> dict:
    if named is None:
        return {"bio": "", "contact_details": {}, "name": name, "rank": rank}
    until = f" to {named.to_date:%-d %B %Y}" if named.to_date else ""
    bio = f"<p>{escape(named.role)} for {escape(n.name)} from {named.from_date:%-d %B %Y}{until}.</p>"
    return {"bio": bio, "contact_details": {"email": named.email}, "name": name, "rank": rank}


def _event(event: Event, contact: dict[str, str]) -> dict:
    return {
        "contact_details": contact,
        "description": f"<p>{escape(event.get_kind_display())}</p>",
        "title": event.title,
        "address": event.venue or ("Online" if event.kind == EventKind.ONLINE else ""),
        "type": EVENT_TYPES.get(event.kind, "other"),
        "start_date": naive_iso(timezone.localtime(event.starts_at)),
        "end_date": naive_iso(timezone.localtime(event.ends_at)) if event.ends_at else None,
    }


def _meeting(meeting: Meeting, n: Neighbourhood, contact: dict[str, str]) -> dict:
    return {
        "contact_details": contact,
        "description": f"<p>The {escape(n.name)} ward panel meets to choose and review the team's "
        "priorities.</p>",
        "title": "Ward panel meeting",
        "address": meeting.place,
        "type": "meeting",
        "start_date": naive_iso(timezone.localtime(meeting.starts_at)),
        "end_date": None,
    }


@router.get(
    "/{force}/{neighbourhood}/events",
    response=answers(list[schemas.NeighbourhoodEvent], not_found=True),
    url_name="neighbourhood_events",
)
@api_access(public=True)
def neighbourhood_events(request: HttpRequest, force: str, neighbourhood: str):
    """Upcoming public events and ward panel meetings, soonest first (police.uk
    `{force}/{neighbourhood}/events`): start_date always a naive timestamp in local time."""
    n = _neighbourhood(force, neighbourhood)
    if n is None:
        return empty(404)
    now = timezone.now()
    contact = _team_contact(selectors.team_of(n))
    timed = [(e.starts_at, e.pk, _event(e, contact)) for e in selectors.upcoming_events(n, now=now)]
    timed += [(m.starts_at, m.pk, _meeting(m, n, contact)) for m in selectors.upcoming_meetings(n, now=now)]
    return json_response([body for _, _, body in sorted(timed, key=lambda row: (row[0], row[1]))])


@router.get(
    "/{force}/{neighbourhood}/priorities",
    response=answers(list[schemas.NeighbourhoodPriority], not_found=True),
    by_alias=True,
    url_name="neighbourhood_priorities",
)
@api_access(public=True)
def neighbourhood_priorities(request: HttpRequest, force: str, neighbourhood: str):
    """The panel's priorities, newest first (police.uk `{force}/{neighbourhood}/priorities`): the
    current ones and those with a published "you said, we did" statement, whose "we did" is the action.
    All four keys always present; the dates naive timestamps or null."""
    n = _neighbourhood(force, neighbourhood)
    if n is None:
        return empty(404)
    rows = []
    for priority, statement in selectors.public_priorities(n):
        rows.append(
            {
                "action": _paragraphs(statement.we_did) if statement is not None else None,
                "issue-date": naive_iso(priority.selected_on),
                "action-date": naive_iso(timezone.localtime(statement.published_at)) if statement else None,
                "issue": f"<p>{escape(priority.wording)}</p>",
            }
        )
    return json_response(rows)
