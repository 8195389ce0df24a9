"""The ward profile page (stage 1: research the neighbourhood) and the upload of demographic tables."""

import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from sn.core.access import access, has_permission
from sn.core.exports import requested_format, table_response
from sn.core.form_pages import form_page
from sn.core.permissions import VIEW_AUDIT_HISTORY
from sn.geography.permissions import VIEW_WARD
from sn.geography.scope import scope_of
from sn.geography.selectors import feature_collection, get_neighbourhood_for_user
from sn.jobs.models import Job
from sn.jobs.services import job_enqueue
from sn.profiles.demographics import AGE, IMD_AVERAGE_RANK, IMD_DECILE
from sn.profiles.forms import DemographicsUploadForm
from sn.profiles.jobs import KIND as DEMOGRAPHICS_JOB
from sn.profiles.permissions import IMPORT_DEMOGRAPHICS, MANAGE_KEY_LOCATIONS
from sn.profiles.selectors import (
    age_structure,
    archived_places,
    deprivation,
    key_locations,
    loaded_tables,
    other_tables,
    recurring_events,
)

DOWNLOAD_HEADERS = ["Measure", "Category", "Year", "Ward", "Ward share", "Borough share", "Force share"]


def ward_map(neighbourhood) -> str:
    return feature_collection([neighbourhood], lambda a: {"name": a.name, "code": a.code, "role": "focus"})


def places_json(locations, events) -> str:
    """The points on the profile's map, each with what its tooltip says."""
    points = [
        {
            "lat": p.latitude,
            "lng": p.longitude,
            "name": p.name,
            "kind": p.get_kind_display(),
            "type": "location",
        }
        for p in locations
    ] + [
        {"lat": e.latitude, "lng": e.longitude, "name": e.name, "kind": e.get_kind_display(), "type": "event"}
        for e in events
    ]
    return json.dumps(points)


def share_chart(shares, borough: str, force: str) -> str:
    """Chart.js data: the ward's, the borough's and the force's share in each category, in percent."""

    def series(label: str, values, colour: int) -> dict:
        return {
            "label": label,
            "data": [None if v is None else round(v * 100, 1) for v in values],
            "colour": colour,
        }

    return json.dumps(
        {
            "labels": [s.label for s in shares],
            "datasets": [
                series("This ward", [s.ward_share for s in shares], 0),
                series(borough, [s.borough_share for s in shares], 1),
                series(force, [s.force_share for s in shares], 2),
            ],
        }
    )


def _share(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def download_rows(age, found) -> list[list]:
    """The figures behind the page: each share to four places (a hundredth of a percent)."""
    rows = []
    if age is not None:
        rows += [
            [
                AGE,
                b.label,
                age.year,
                int(b.ward),
                _share(b.ward_share),
                _share(b.borough_share),
                _share(b.force_share),
            ]
            for b in age.bands
        ]
    if found is not None:
        rows += [
            [IMD_DECILE, d.category, found.year, int(d.ward), _share(d.ward_share), _share(d.borough_share)]
            + [_share(d.force_share)]
            for d in found.deciles
        ]
        rows += [
            [IMD_AVERAGE_RANK, r.domain, found.year, round(r.ward, 1), None]
            + [None if v is None else round(v, 1) for v in (r.borough, r.force)]
            for r in found.ranks
        ]
    return rows


@access(permission=VIEW_WARD)
def ward_profile(request: HttpRequest, code: str) -> HttpResponse:
    neighbourhood = get_neighbourhood_for_user(request.user, code)
    age, found = age_structure(neighbourhood), deprivation(neighbourhood)
    if fmt := requested_format(request):
        return table_response(
            f"profile-{neighbourhood.code}", DOWNLOAD_HEADERS, download_rows(age, found), fmt
        )
    locations, events = key_locations(neighbourhood), recurring_events(neighbourhood)
    can_manage = has_permission(request.user, MANAGE_KEY_LOCATIONS)
    context = {
        "neighbourhood": neighbourhood,
        "age": age,
        "age_chart": share_chart(age.bands, age.borough, age.force) if age else "",
        "deprivation": found,
        "decile_chart": share_chart(found.deciles, found.borough, found.force) if found else "",
        "other_tables": other_tables(neighbourhood),
        "locations": locations,
        "events": events,
        "ward_map": ward_map(neighbourhood),
        "places": places_json(locations, events),
        "can_manage": can_manage,
        "can_see_history": has_permission(request.user, VIEW_AUDIT_HISTORY),
        "archived": archived_places(neighbourhood) if can_manage else [],
        "can_import": has_permission(request.user, IMPORT_DEMOGRAPHICS),
    }
    return render(request, "profiles/ward_profile.html", context)


def _enqueue(form: DemographicsUploadForm, user) -> Job:
    upload = form.cleaned_data["file"]
    # An analyst's job is their borough's, so that the borough's other analysts see it run.
    return job_enqueue(
        kind=DEMOGRAPHICS_JOB,
        title=f"Demographic tables: {upload.name}",
        actor=user,
        borough=user.borough if user.borough_id else None,
        upload=upload,
    )


@access(permission=IMPORT_DEMOGRAPHICS)
def demographics_upload(request: HttpRequest) -> HttpResponse:
    """The file goes to the worker: the job's page shows its progress, then the summary or every
    problem by line. The lines about areas outside the uploader's scope are refused there."""
    scope = scope_of(request.user)
    return form_page(
        request,
        form_class=DemographicsUploadForm,
        template="profiles/upload.html",
        save=lambda form: _enqueue(form, request.user),
        success_url=lambda job: reverse("jobs:detail", args=[job.pk]),
        success_message=lambda job: f"{job.input_name} is queued to load.",
        context={
            "tables": loaded_tables(scope.neighbourhoods()),
            "whole_force": scope.everything,
            "boroughs": list(scope.boroughs()),
        },
    )
