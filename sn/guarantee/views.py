"""The share of wards with a named officer contactable online, for the force and each borough."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sn.core.access import access
from sn.geography.models import Borough, Neighbourhood
from sn.geography.scope import scope_of
from sn.guarantee.models import NamedOfficerLapse
from sn.guarantee.permissions import VIEW_NAMED_OFFICERS
from sn.guarantee.selectors import month_ends, recorded_shares, shares_by_borough, ward_statuses


def _wards(request: HttpRequest):
    # Every neighbourhood: wards and the town-centre areas with their own team (docs/adr/0005).
    return scope_of(request.user).neighbourhoods(Neighbourhood.objects.all())


def _history(wards, today):
    """Past month ends from the recorded lapses (one query), today from the records themselves."""
    ends = month_ends(today)
    past = recorded_shares(ends[:-1], wards)
    rows = [{"date": end, "total": past[end][0], "boroughs": past[end][1]} for end in ends[:-1]]
    total, boroughs = shares_by_borough(today, wards)
    rows.append({"date": today, "total": total, "boroughs": boroughs})
    return rows


@access(permission=VIEW_NAMED_OFFICERS)
def named_officers(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    wards = _wards(request)
    boroughs = list(Borough.objects.filter(id__in=wards.values("borough_id")).order_by("name"))
    history = _history(wards, today)
    now = history[-1]
    chart = {
        "labels": [f"{row['date']:%b %Y}" for row in history],
        "series": [{"label": "All wards in your area", "values": [row["total"].percent for row in history]}]
        + [
            {
                "label": b.name,
                "values": [row["boroughs"].get(b.id) and row["boroughs"][b.id].percent for row in history],
            }
            for b in boroughs[:8]
        ],
    }
    context = {
        "today": today,
        "total": now["total"],
        "boroughs": [(b, now["boroughs"].get(b.id)) for b in boroughs],
        "history": history,
        "chart": chart,
        "open_lapses": NamedOfficerLapse.objects.filter(
            ends_on__isnull=True, neighbourhood__in=wards
        ).count(),
    }
    return render(request, "guarantee/named_officers.html", context)


@access(permission=VIEW_NAMED_OFFICERS)
def named_officers_borough(request: HttpRequest, code: str) -> HttpResponse:
    today = timezone.localdate()
    borough = Borough.objects.filter(code=code).first()
    wards = _wards(request).filter(borough=borough) if borough else Neighbourhood.objects.none()
    if borough is None or not wards.exists():
        raise Http404("No such borough in your area")
    statuses = ward_statuses(today, wards)
    lapses = {
        lapse.neighbourhood_id: lapse
        for lapse in NamedOfficerLapse.objects.filter(ends_on__isnull=True, neighbourhood__in=wards)
    }
    rows = [
        {"ward": ward, "status": statuses[ward.id], "lapse": lapses.get(ward.id)}
        for ward in wards.order_by("name")
    ]
    history = _history(wards, today)
    chart = {
        "labels": [f"{row['date']:%b %Y}" for row in history],
        "series": [{"label": borough.name, "values": [row["total"].percent for row in history]}],
    }
    context = {
        "borough": borough,
        # A reader with part of the borough (an inspector's cluster, a sergeant's wards) is told so.
        "partial": wards.count() < Neighbourhood.objects.filter(borough=borough).count(),
        "today": today,
        "without": [r for r in rows if not r["status"].covered],
        "with": [r for r in rows if r["status"].covered],
        "total": history[-1]["total"],
        "history": history,
        "chart": chart,
        "recent_lapses": NamedOfficerLapse.objects.filter(neighbourhood__in=wards).select_related(
            "neighbourhood"
        )[:50],
    }
    return render(request, "guarantee/named_officers_borough.html", context)
