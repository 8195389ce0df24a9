"""Patrol pages. Every area is fetched through sn.patrols.permissions: outside the user's area, 404."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date

from sn.core.access import access, has_permission
from sn.core.form_pages import form_page
from sn.core.parameters import bad_parameter
from sn.geography.scope import scope_of
from sn.patrols.case_links import case_to_link, linkable_cases, linked_cases, readable_case, ward_cases
from sn.patrols.forms import AreaForm, LinkCaseForm, RecordForm
from sn.patrols.maps import area_map, ward_map
from sn.patrols.models import PatrolPlan
from sn.patrols.permissions import (
    CONFIGURE_PATROL_AREAS,
    PLAN_PATROLS,
    RECORD_PATROLS,
    VIEW_PATROLS,
    areas_for_user,
    get_area_for_user,
)
from sn.patrols.selectors import area_demand, delivery_by_week, slot_cover, town_centre_crime
from sn.patrols.services import (
    patrol_area_create,
    patrol_area_link_problem,
    patrol_area_unlink_problem,
    patrol_plan_adopt,
    patrol_plan_propose,
    patrol_record,
)
from sn.problemsolving.models import Case
from sn.teams.models import Officer


def monday(day):
    return day - timedelta(days=day.weekday())


@access(permission=VIEW_PATROLS)
def area_list(request: HttpRequest) -> HttpResponse:
    areas = list(areas_for_user(request.user).select_related("neighbourhood").filter(active=True)[:500])
    return render(
        request,
        "patrols/list.html",
        {"areas": areas, "can_configure": has_permission(request.user, CONFIGURE_PATROL_AREAS)},
    )


@access(permission=CONFIGURE_PATROL_AREAS)
def area_new(request: HttpRequest) -> HttpResponse:
    wards = list(scope_of(request.user).neighbourhoods().order_by("name")[:2000])

    def save(form: AreaForm):
        return patrol_area_create(
            name=form.cleaned_data["name"],
            kind=form.cleaned_data["kind"],
            neighbourhood=next(w for w in wards if w.code == form.cleaned_data["ward"]),
            centre_lat=form.cleaned_data["centre_lat"],
            centre_lng=form.cleaned_data["centre_lng"],
            radius_m=form.cleaned_data["radius_m"],
            actor=request.user,
        )

    return form_page(
        request,
        form_class=AreaForm,
        template="patrols/area_new.html",
        save=save,
        success_url=lambda area: reverse("patrols:area", args=[area.pk]),
        success_message=lambda area: f"{area.name} is set up",
        form_kwargs={"wards": wards},
    )


@access(permission=VIEW_PATROLS)
def area_detail(request: HttpRequest, pk: int) -> HttpResponse:
    area = get_area_for_user(request.user, pk)
    today = timezone.localdate()
    this_week = monday(today)
    plans = {p.week_start: p for p in area.plans.filter(week_start__gte=this_week).order_by("week_start")[:2]}
    current = plans.get(this_week)
    upcoming = plans.get(this_week + timedelta(days=7))
    delivery = delivery_by_week(area)
    planned = sum(r["planned"] for r in delivery)
    delivered = sum(r["delivered"] for r in delivery)
    chart = {
        "labels": [r["week_start"].strftime("%d %b") for r in delivery],
        "planned": [r["planned"] for r in delivery],
        "delivered": [r["delivered"] for r in delivery],
    }
    return render(
        request,
        "patrols/area.html",
        {
            "area": area,
            "demand": area_demand(area),
            "current": current,
            "current_cover": slot_cover(current) if current else [],
            "upcoming": upcoming,
            "next_week": this_week + timedelta(days=7),
            "delivery": delivery,
            "delivered_percent": round(100 * delivered / planned) if planned else None,
            "chart": chart,
            "crime": town_centre_crime(area),
            "linked_cases": linked_cases(area, request.user),
            "ward_cases": ward_cases(area, request.user),
            "area_map": area_map(area),
            "ward_map": ward_map(area),
            "records": area.records.select_related("officer")[:20],
            "can_plan": has_permission(request.user, PLAN_PATROLS),
            "can_record": has_permission(request.user, RECORD_PATROLS),
            "hours": range(24),
        },
    )


@access(permission=PLAN_PATROLS)
def plan_propose(request: HttpRequest, pk: int) -> HttpResponse:
    area = get_area_for_user(request.user, pk)
    text = request.GET.get("week") or request.POST.get("week") or ""
    week = parse_date(text) if text else monday(timezone.localdate()) + timedelta(days=7)
    if week is None:
        return bad_parameter(request, name="week", value=text, error="Give the week's Monday as YYYY-MM-DD")
    errors = []
    if request.method == "POST":
        try:
            patrol_plan_propose(area=area, week_start=week, actor=request.user)
        except ValidationError as error:
            errors = error.messages
        else:
            return redirect("patrols:area", pk=area.pk)
    return render(
        request,
        "patrols/propose.html",
        {"area": area, "week": week, "errors": errors},
        status=400 if errors else 200,
    )


@access(permission=PLAN_PATROLS)
def plan_adopt(request: HttpRequest, pk: int, plan_pk: int) -> HttpResponse:
    area = get_area_for_user(request.user, pk)
    plan = get_object_or_404(PatrolPlan, pk=plan_pk, area=area)
    errors = []
    if request.method == "POST":
        try:
            patrol_plan_adopt(plan=plan, actor=request.user)
        except ValidationError as error:
            errors = error.messages
        else:
            return redirect("patrols:area", pk=area.pk)
    return render(
        request,
        "patrols/adopt.html",
        {"area": area, "plan": plan, "slots": plan.slots.all(), "errors": errors},
        status=400 if errors else 200,
    )


@access(permission=RECORD_PATROLS)
def record_new(request: HttpRequest, pk: int) -> HttpResponse:
    area = get_area_for_user(request.user, pk)
    officers = list(
        Officer.objects.filter(
            postings__team__neighbourhood=area.neighbourhood, postings__end_date__isnull=True
        ).distinct()[:200]
    )

    def save(form: RecordForm):
        officer_pk = form.cleaned_data["officer"]
        officer = next((o for o in officers if str(o.pk) == officer_pk), None)
        if officer_pk and officer is None:
            raise Http404("No such officer on the ward")
        return patrol_record(
            area=area,
            started_at=form.cleaned_data["started_at"],
            ended_at=form.cleaned_data["ended_at"],
            officer=officer,
            source=form.cleaned_data["source"] or "manual",
            note=form.cleaned_data["note"],
            actor=request.user,
        )

    return form_page(
        request,
        form_class=RecordForm,
        template="patrols/record.html",
        save=save,
        success_url=reverse("patrols:area", args=[area.pk]),
        success_message="The patrol is recorded",
        form_kwargs={"officers": officers},
        context={"area": area},
    )


@access(permission=PLAN_PATROLS)
def link_case(request: HttpRequest, pk: int) -> HttpResponse:
    area = get_area_for_user(request.user, pk)

    def save(form: LinkCaseForm):
        case = case_to_link(request.user, form.cleaned_data["case"])
        patrol_area_link_problem(area=area, case=case, actor=request.user)
        return case

    return form_page(
        request,
        form_class=LinkCaseForm,
        template="patrols/link_case.html",
        save=save,
        success_url=reverse("patrols:area", args=[area.pk]) + "#cases",
        success_message=lambda case: f"{case.reference} is linked to {area.name}",
        context={"area": area, "cases": linkable_cases(area, request.user)},
    )


@access(permission=PLAN_PATROLS)
def unlink_case(request: HttpRequest, pk: int, case_pk: int) -> HttpResponse:
    area = get_area_for_user(request.user, pk)
    case = readable_case(request.user, case_pk, Case.objects.filter(patrol_areas=area))
    errors = []
    if request.method == "POST":
        try:
            patrol_area_unlink_problem(area=area, case=case, actor=request.user)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, f"{case.reference} is no longer linked to {area.name}")
            return redirect(reverse("patrols:area", args=[area.pk]) + "#cases")
    return render(
        request,
        "patrols/unlink_case.html",
        {"area": area, "case": case, "errors": errors},
        status=400 if errors else 200,
    )
