"""A case's page, built from the sections every part of the app registers (sn.problemsolving.sections):
one view for the team and the borough and force roles, and the same page at a partner's address, where
a partner reaches only the cases their organisation is invited to (404 otherwise)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from sn.core.access import access, has_permission
from sn.core.permissions import VIEW_AUDIT_HISTORY
from sn.problemsolving.models import Assessment, Case
from sn.problemsolving.permissions import MANAGE_CASES, VIEW_CASES, VIEW_INVITED_CASES, get_case_for_user
from sn.problemsolving.sections import CASE_SECTIONS
from sn.problemsolving.services.checks import is_case_team


def case_page(request: HttpRequest, case: Case, *, partner: bool) -> HttpResponse:
    user = request.user
    sections = []
    for section in CASE_SECTIONS:
        if section.permission and not has_permission(user, section.permission):
            continue
        context = section.build(user, case)
        if context is not None:
            sections.append(
                {"key": section.key, "title": section.title, "template": section.template, "context": context}
            )
    team = not partner and has_permission(user, MANAGE_CASES) and is_case_team(user, case)
    assessed = Assessment.objects.filter(case=case).exists()
    return render(
        request,
        "problemsolving/case.html",
        {
            "case": case,
            "neighbourhood": case.neighbourhood,
            "sections": sections,
            "partner": partner,
            "can_close": team and case.is_open and assessed,
            "needs_assessment": team and case.is_open and not assessed,
            "today": timezone.localdate(),
            "can_see_history": not partner and has_permission(user, VIEW_AUDIT_HISTORY),
            "list_url": reverse("problemsolving:partner_cases")
            if partner
            else reverse("problemsolving:ward_cases", args=[case.neighbourhood.code]),
        },
    )


@access(permission=VIEW_CASES)
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return case_page(request, get_case_for_user(request.user, pk), partner=False)


@access(permission=VIEW_INVITED_CASES)
def partner_case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return case_page(request, get_case_for_user(request.user, pk), partner=True)
