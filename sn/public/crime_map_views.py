"""The public crime map: a ward's or a borough's crime and ASB for a month, at the points disclosure
control published (sn.incidents.disclosure), with the counts table that is the map's accessible
alternative. Public, the same for everyone, and read only from the published layer (sn.crime.public_map),
never from the incidents themselves."""

import json
from dataclasses import dataclass
from datetime import date

from django import forms
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from shapely.geometry import shape

from sn.core.access import access
from sn.core.parameters import bad_parameter
from sn.crime import public_map
from sn.crime.selectors import data_notes
from sn.geography.models import Borough, Neighbourhood
from sn.incidents.categories import TNO_CATEGORIES, Category
from sn.public.cache import public_page

ALL_CRIME = public_map.ALL_CRIME
CATEGORY_CHOICES = [(ALL_CRIME, "All crime and anti-social behaviour"), *Category.choices]


@dataclass(frozen=True)
class Area:
    """What the map shows: a ward (or a non-ward area, by its boundary), or a borough's wards."""

    kind: str  # "ward" or "borough"
    code: str
    name: str
    caption: str
    display_boundary: str  # GeoJSON
    neighbourhood: Neighbourhood | None = None
    borough: Borough | None = None

    @property
    def query(self) -> dict[str, str]:
        return {self.kind: self.code}

    def ward_ids(self) -> list[int] | None:
        """The wards whose crimes are the area's (None: a non-ward area, found by its boundary)."""
        if self.borough is not None:
            return list(
                self.borough.neighbourhoods.filter(kind=Neighbourhood.Kind.WARD).values_list("id", flat=True)
            )
        if self.neighbourhood.is_ward:
            return [self.neighbourhood.id]
        return None

    def polygon(self):
        return shape(json.loads(self.neighbourhood.boundary))


def _area(request: HttpRequest) -> Area | None:
    """The ward (?ward=code) or borough (?borough=code) asked for; None for neither; 404 for unknown."""
    code = request.GET.get("ward", "").strip()
    if code:
        ward = Neighbourhood.objects.select_related("borough").filter(code=code).first()
        if ward is None:
            raise Http404("No ward or area has that code")
        caption = f"{'Ward' if ward.is_ward else 'Area'} in {ward.borough.name}"
        return Area("ward", ward.code, ward.name, caption, ward.display_boundary, neighbourhood=ward)
    code = request.GET.get("borough", "").strip()
    if code:
        borough = Borough.objects.filter(code=code).first()
        if borough is None:
            raise Http404("No borough has that code")
        return Area(
            "borough", borough.code, borough.name, "Borough", borough.display_boundary, borough=borough
        )
    return None


class MapFilter(forms.Form):
    """The month and category pickers. Choices come from what is published."""

    month = forms.ChoiceField(label="Month", required=False)
    category = forms.ChoiceField(label="Crime type", choices=CATEGORY_CHOICES, required=False)

    def __init__(self, *args, months: list[date], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = [(f"{m:%Y-%m}", f"{m:%B %Y}") for m in months]
        self.fields["month"].error_messages["invalid_choice"] = (
            "Choose a month from the list: %(value)s has no published crime data"
        )
        self.fields["category"].error_messages["invalid_choice"] = (
            "Choose a crime type from the list: %(value)s is not one"
        )


def _choices(request: HttpRequest, months: list[date]) -> tuple[MapFilter, date | None, str]:
    """The form, the month and the category to show: those asked for, or the latest month and all
    crime where nothing (or something unusable, which the form then names) was asked for."""
    form = MapFilter(request.GET, months=months)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    month_text = data.get("month") or ""
    month = date.fromisoformat(f"{month_text}-01") if month_text else (months[0] if months else None)
    category = data.get("category") or ALL_CRIME
    return form, month, category


def _counts(area: Area, month: date) -> list[public_map.CategoryCount]:
    ward_ids = area.ward_ids()
    if ward_ids is None:
        return public_map.suppressed_counts(polygon=area.polygon(), month=month)
    return public_map.suppressed_counts(
        neighbourhoods=Neighbourhood.objects.filter(id__in=ward_ids), month=month
    )


def _points(area: Area, month: date, category: str) -> list[public_map.MapPoint]:
    ward_ids = area.ward_ids()
    if ward_ids is None:
        return public_map.published_points(month=month, category=category, polygon=area.polygon())
    return public_map.published_points(month=month, category=category, neighbourhood_ids=ward_ids)


@dataclass(frozen=True)
class PointRow:
    name: str
    count: int
    described: str  # "Burglary 3, Anti-social behaviour 2"


def _described(point: public_map.MapPoint) -> PointRow:
    labels = dict(Category.choices)
    described = ", ".join(f"{labels.get(c, c)} {n}" for c, n in point.categories)
    return PointRow(point.name, point.count, described)


@access(public=True)
@public_page
def crime_map(request: HttpRequest) -> HttpResponse:
    area = _area(request)
    months = public_map.published_months()
    form, month, category = _choices(request, months)
    context = {
        "public_section": "crime_map",
        "area": area,
        "form": form,
        "month": month,
        "category": category,
        "category_label": dict(CATEGORY_CHOICES)[category],
        "threshold": public_map.min_count(),
        "boroughs": Borough.objects.order_by("name").only("code", "name"),
        "map_tile_url": settings.SN_MAP_TILE_URL,
    }
    if area is not None and month is not None:
        rows = _counts(area, month)
        query = {**area.query, "month": f"{month:%Y-%m}", "category": category}
        context |= {
            "rows": rows,
            "crime_total": public_map.counts_total(rows, categories=TNO_CATEGORIES),
            "total": public_map.counts_total(rows),
            "points": [_described(p) for p in _points(area, month, category)],
            "points_url": f"{reverse('public:crime_map_points')}?{urlencode(query)}",
            "notes": data_notes(
                start_month=month, end_month=month, has_asb=True, neighbourhood_ids=area.ward_ids()
            ),
        }
    context["no_point_categories"] = [
        Category(c).label for c in settings.SN_DISCLOSURE_NO_POINT_CATEGORIES if c in Category.values
    ]
    return render(request, "public/crime_map.html", context)


@access(public=True)
@public_page
def crime_map_points(request: HttpRequest) -> HttpResponse:
    """The points of an area's month as GeoJSON, for the map's script: a point's place and its counts,
    never a crime's own details."""
    area = _area(request)
    if area is None:
        return bad_parameter(
            request, name="ward", value="", error="Give a ward (?ward=) or a borough (?borough=)"
        )
    months = public_map.published_months()
    form = MapFilter(request.GET, months=months)
    if not form.is_valid():
        name, errors = next(iter(form.errors.items()))
        return bad_parameter(request, name=name, value=request.GET.get(name, ""), error=errors[0])
    month_text = form.cleaned_data["month"]
    month = date.fromisoformat(f"{month_text}-01") if month_text else (months[0] if months else None)
    category = form.cleaned_data["category"] or ALL_CRIME
    points = _points(area, month, category) if month else []
    labels = dict(Category.choices)
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [p.longitude, p.latitude]},
            "properties": {
                "name": p.name,
                "count": p.count,
                "categories": [{"name": labels.get(c, c), "count": n} for c, n in p.categories],
            },
        }
        for p in points
    ]
    body = {"type": "FeatureCollection", "month": f"{month:%Y-%m}" if month else None, "features": features}
    return JsonResponse(body, content_type="application/geo+json")


@access(public=True)
@public_page
def crime_map_about(request: HttpRequest) -> HttpResponse:
    """What the crime map publishes and why, in plain words."""
    context = {
        "public_section": "crime_map",
        "threshold": public_map.min_count(),
        "no_point_categories": [
            Category(c).label for c in settings.SN_DISCLOSURE_NO_POINT_CATEGORIES if c in Category.values
        ],
        "snap_metres": int(settings.SN_DISCLOSURE_SNAP_METRES),
        "grid_metres": int(settings.SN_DISCLOSURE_GRID_METRES),
    }
    return render(request, "public/crime_map_about.html", context)
