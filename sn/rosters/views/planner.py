"""The shift planner for a cluster: the proposal against today's patterns, and its adoption (a cluster
inspector or above, seed 000 paragraph 51)."""

from datetime import date, timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from sn.core.access import access, has_permission, require_permission
from sn.geography.permissions import VIEW_CLUSTER_OVERVIEW, get_cluster_for_user
from sn.rosters.permissions import VIEW_SHIFT_COVER
from sn.rosters.plans import ClusterPlan, cluster_plan
from sn.rosters.profiles import cover_window
from sn.rosters.selectors import period_ending
from sn.rosters.services import shift_plan_adopt
from sn.rosters.views.shared import chart_data, heat_rows, team_days
from sn.workforce.permissions import ADOPT_SHIFT_PATTERN
from sn.workforce.working_time import DAY_NAMES, max_shift_hours, min_rest_hours

NOTICE = timedelta(weeks=2)


def first_adoptable(today: date) -> date:
    """The Monday at least two weeks ahead: time to tell the teams before their shifts change."""
    day = today + NOTICE
    return day + timedelta(days=(7 - day.weekday()) % 7)


class AdoptForm(forms.Form):
    effective_from = forms.DateField(
        label="Start the new shifts on",
        help_text="A date like 2027-01-04, today or later; each changed team gets a new pattern from then.",
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={
            "required": "Enter the date the new shifts start",
            "invalid": "Enter a date like 2027-01-04",
        },
    )

    def clean_effective_from(self) -> date:
        day = self.cleaned_data["effective_from"]
        if day < timezone.localdate():
            raise ValidationError("A change of shift cannot start in the past.")
        return day


def _plan(cluster) -> ClusterPlan:
    today = timezone.localdate()
    return cluster_plan(cluster, on=today, demand_end=period_ending(weeks=4, today=today).end)


def _context(request: HttpRequest, cluster, plan: ClusterPlan, form: AdoptForm | None) -> dict:
    proposal = plan.proposal
    window = cover_window()
    rows = [(team, team_days(team.before, team.after)) for team in proposal.teams]
    series = [("Officers on duty today", proposal.cover_before, 0)]
    if proposal.found:
        series.append(("Officers on duty as proposed", proposal.cover_after, 0))
    series.append(("Weight of the hour (calls and wishes)", proposal.weights, 1))
    return {
        "area": cluster,
        "cluster": cluster,
        "plan": plan,
        "proposal": proposal,
        "rows": rows,
        "days": DAY_NAMES,
        "before": plan.before,
        "after": plan.after,
        "before_rows": heat_rows(proposal.cover_before, gaps=plan.before.gaps),
        "after_rows": heat_rows(proposal.cover_after, gaps=plan.after.gaps) if plan.after else [],
        "hours": range(24),
        "chart_data": chart_data(series),
        "may_adopt": has_permission(request.user, ADOPT_SHIFT_PATTERN),
        "proposal_window": f"{window.start:02d}:00 to {window.stop:02d}:00",
        "max_hours": f"{max_shift_hours():g}",
        "min_rest": f"{min_rest_hours():g}",
        "form": form
        or AdoptForm(initial={"effective_from": first_adoptable(timezone.localdate()).isoformat()}),
    }


@access(permission=VIEW_CLUSTER_OVERVIEW)
def cluster_planner(request: HttpRequest, code: str) -> HttpResponse:
    require_permission(request, VIEW_SHIFT_COVER)
    cluster = get_cluster_for_user(request.user, code)
    return render(request, "rosters/planner.html", _context(request, cluster, _plan(cluster), None))


@access(permission=ADOPT_SHIFT_PATTERN)
def cluster_adopt(request: HttpRequest, code: str) -> HttpResponse:
    cluster = get_cluster_for_user(request.user, code)
    plan = _plan(cluster)
    form = AdoptForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            adopted = shift_plan_adopt(
                cluster=cluster,
                proposal=plan.proposal,
                effective_from=form.cleaned_data["effective_from"],
                actor=request.user,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            day = form.cleaned_data["effective_from"]
            messages.success(
                request, f"New shift patterns adopted for {len(adopted)} teams from {day:%d %B %Y}."
            )
            return redirect(reverse("rosters:cluster_planner", args=[cluster.code]))
    return render(
        request, "rosters/adopt.html", _context(request, cluster, plan, form if form.is_bound else None)
    )
