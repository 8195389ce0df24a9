"""Duties pages: a team's week for its sergeant (record and correct), and an officer's duties."""

from collections import defaultdict
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from sn.core.access import access, has_permission
from sn.core.parameters import bad_parameter
from sn.geography.models import Neighbourhood
from sn.geography.scope import scope_of
from sn.teams.models import Officer, Posting, Team
from sn.workforce import selectors
from sn.workforce.forms import DutyForm
from sn.workforce.models import Duty
from sn.workforce.permissions import RECORD_DUTIES, VIEW_DUTIES
from sn.workforce.selectors import duty_codes, team_officers, week_start
from sn.workforce.services.duties import duty_correct, duty_delete, duty_record

OFFICER_WEEKS = 6


def _team_in_scope(request: HttpRequest, code: str) -> Team:
    team = get_object_or_404(
        Team.objects.select_related("neighbourhood__cluster", "neighbourhood__borough"),
        neighbourhood__code=code,
    )
    if not scope_of(request.user).covers_neighbourhood(team.neighbourhood):
        raise Http404("No such team in your area.")
    return team


def _duty_in_scope(request: HttpRequest, pk: int) -> Duty:
    duty = get_object_or_404(
        Duty.objects.select_related("officer", "team__neighbourhood", "neighbourhood", "code"), pk=pk
    )
    if not scope_of(request.user).covers_neighbourhood(duty.team.neighbourhood):
        raise Http404("No such duty in your area.")
    return duty


def _week(request: HttpRequest) -> date | HttpResponse:
    text = request.GET.get("week", "")
    if not text:
        return week_start(timezone.localdate())
    try:
        return week_start(date.fromisoformat(text))
    except ValueError:
        return bad_parameter(request, name="week", value=text, error="The week is a date like 2026-03-30.")


def _hours(minutes: int) -> str:
    return f"{minutes / 60:g}"


@access(permission=VIEW_DUTIES)
def team_week(request: HttpRequest, code: str) -> HttpResponse:
    team = _team_in_scope(request, code)
    monday = _week(request)
    if isinstance(monday, HttpResponse):
        return monday
    days = [monday + timedelta(days=n) for n in range(7)]
    by_cell = defaultdict(list)
    rostered = abstracted = 0
    for duty in selectors.team_duties(team, days[0], days[-1]):
        by_cell[(duty.officer_id, duty.date)].append(duty)
        rostered += duty.minutes
        abstracted += duty.minutes if duty.reason_id else 0
    rows = [
        {"officer": officer, "cells": [by_cell.get((officer.pk, day), []) for day in days]}
        for officer in team_officers(team, days[0], days[-1])
    ]
    context = {
        "team": team,
        "ward": team.neighbourhood,
        "days": days,
        "rows": rows,
        "previous": days[0] - timedelta(days=7),
        "next": days[0] + timedelta(days=7),
        "rostered_hours": _hours(rostered),
        "abstracted_hours": _hours(abstracted),
        "can_record": has_permission(request.user, RECORD_DUTIES),
    }
    return render(request, "workforce/duties/team.html", context)


def _form(team: Team, data=None, initial=None) -> DutyForm:
    monday = week_start(timezone.localdate())
    officers = team_officers(team, monday - timedelta(weeks=26), monday + timedelta(weeks=26))
    wards = (
        Neighbourhood.objects.filter(cluster_id=team.neighbourhood.cluster_id).order_by("name")
        if (team.neighbourhood.cluster_id)
        else Neighbourhood.objects.filter(pk=team.neighbourhood_id)
    )
    return DutyForm(data, initial=initial, officers=officers, wards=wards, codes=duty_codes(active_only=True))


def _save(form: DutyForm, request: HttpRequest, duty: Duty | None) -> Duty | None:
    if not form.is_valid():
        return None
    starts_at, ends_at = form.span()
    ward = form.cleaned_data["ward"]
    neighbourhood = Neighbourhood.objects.filter(pk=ward).first() if ward else None
    try:
        if duty is None:
            return duty_record(
                officer=get_object_or_404(Officer, pk=form.cleaned_data["officer"]),
                starts_at=starts_at,
                ends_at=ends_at,
                code=form.cleaned_data["code"],
                neighbourhood=neighbourhood,
                note=form.cleaned_data["note"],
                actor=request.user,
            )
        return duty_correct(
            duty=duty,
            starts_at=starts_at,
            ends_at=ends_at,
            code=form.cleaned_data["code"],
            neighbourhood=neighbourhood,
            note=form.cleaned_data["note"],
            actor=request.user,
        )
    except ValidationError as error:
        form.add_service_errors(error)
        return None


@access(permission=RECORD_DUTIES)
def duty_new(request: HttpRequest, code: str) -> HttpResponse:
    team = _team_in_scope(request, code)
    form = _form(
        team,
        request.POST if request.method == "POST" else None,
        initial={"day": timezone.localdate().isoformat()},
    )
    if request.method == "POST":
        duty = _save(form, request, None)
        if duty is not None:
            return redirect(f"{team_url(team)}?week={week_start(duty.date).isoformat()}")
    return render(request, "workforce/duties/form.html", {"team": team, "form": form, "duty": None})


@access(permission=RECORD_DUTIES)
def duty_edit(request: HttpRequest, pk: int) -> HttpResponse:
    duty = _duty_in_scope(request, pk)
    team = duty.team
    if request.method == "POST":
        data = request.POST.copy()
        data["officer"] = str(duty.officer_id)  # a correction keeps the officer
        form = _form(team, data)
        saved = _save(form, request, duty)
        if saved is not None:
            return redirect(f"{team_url(team)}?week={week_start(saved.date).isoformat()}")
    else:
        form = _form(team, initial=DutyForm.initial_for(duty))
    form.fields["officer"].disabled = True
    return render(request, "workforce/duties/form.html", {"team": team, "form": form, "duty": duty})


@access(permission=RECORD_DUTIES)
def duty_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks to confirm; POST deletes."""
    duty = _duty_in_scope(request, pk)
    team, day = duty.team, duty.date
    if request.method == "POST":
        duty_delete(duty=duty, actor=request.user)
        return redirect(f"{team_url(team)}?week={week_start(day).isoformat()}")
    return render(request, "workforce/duties/delete.html", {"duty": duty, "team": team})


def team_url(team: Team) -> str:
    return reverse("workforce:team_duties", args=[team.neighbourhood.code])


@access(permission=VIEW_DUTIES)
def officer_week(request: HttpRequest, collar: str) -> HttpResponse:
    officer = get_object_or_404(Officer, collar_number=collar)
    scope = scope_of(request.user)
    postings = (
        Posting.objects.filter(officer=officer).select_related("team__neighbourhood").order_by("-start_date")
    )
    if not postings.filter(scope.neighbourhood_q("team__neighbourhood")).exists():
        raise Http404("No such officer in your area.")
    end = week_start(timezone.localdate()) + timedelta(weeks=2, days=-1)
    start = end - timedelta(weeks=OFFICER_WEEKS, days=-1)
    duties = [
        d
        for d in selectors.officer_duties(officer, start, end)
        if scope.covers_neighbourhood(d.team.neighbourhood)
    ]
    minutes = sum(d.minutes for d in duties)
    abstracted = sum(d.minutes for d in duties if d.reason_id)
    context = {
        "officer": officer,
        "postings": postings,
        "duties": duties,
        "start": start,
        "end": end,
        "rostered_hours": _hours(minutes),
        "abstracted_hours": _hours(abstracted),
    }
    return render(request, "workforce/duties/officer.html", context)
