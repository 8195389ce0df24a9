"""The Key Individual Network of a ward: its members by when they are due an interview, each member's
page with their consent and interviews, and the forms that add, correct, interview and withdraw them.
For the ward's team and its supervisors only (sn.community.permissions)."""

from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from sn.community import erasure, services
from sn.community.forms import InterviewForm, KinMemberEditForm, KinMemberForm, WithdrawForm, person_initial
from sn.community.maps import ward_outline
from sn.community.models import KinInterview
from sn.community.permissions import (
    MANAGE_COMMUNITY,
    REVIEW_PERSONAL_DATA,
    VIEW_COMMUNITY_PERSONAL,
    get_kin_member_for_user,
)
from sn.community.selectors import active_members, due_list, interviews_of, team_officers, ward_figures
from sn.community.standards import (
    interview_due_on,
    interview_interval_months,
    last_activity,
    long_date,
    review_due_on,
)
from sn.concerns.models import Concern
from sn.core.access import access, has_permission
from sn.core.form_pages import form_page
from sn.core.permissions import VIEW_AUDIT_HISTORY
from sn.geography.permissions import get_neighbourhood_for_user


@access(permission=VIEW_COMMUNITY_PERSONAL)
def kin_ward(request: HttpRequest, code: str) -> HttpResponse:
    neighbourhood = get_neighbourhood_for_user(request.user, code)
    today = timezone.localdate()
    members = active_members(neighbourhood).select_related("neighbourhood")
    return render(
        request,
        "community/kin_ward.html",
        {
            "neighbourhood": neighbourhood,
            "due": due_list(members, today=today),
            "figures": ward_figures(neighbourhood, today=today),
            "interval": interview_interval_months(),
            "can_manage": has_permission(request.user, MANAGE_COMMUNITY),
        },
    )


@access(permission=MANAGE_COMMUNITY)
def kin_member_new(request: HttpRequest, code: str) -> HttpResponse:
    neighbourhood = get_neighbourhood_for_user(request.user, code)
    return form_page(
        request,
        form_class=KinMemberForm,
        template="community/kin_member_form.html",
        save=lambda form: services.kin_member_create(
            neighbourhood=neighbourhood,
            person=form.person(),
            role=form.cleaned_data["role"],
            role_detail=form.cleaned_data["role_detail"],
            joined_on=form.cleaned_data["joined_on"],
            consent=form.consent(),
        ),
        success_url=lambda member: reverse("community:kin_member", args=[member.pk]),
        success_message=lambda member: f"{member.name} added to the Key Individual Network",
        context={
            "neighbourhood": neighbourhood,
            "title": "Add a KIN member",
            "ward_map": ward_outline(neighbourhood),
        },
    )


def _concerns_by_interview(interviews: list[KinInterview]) -> dict[int, list[Concern]]:
    found: dict[int, list[Concern]] = {}
    if not interviews:
        return found
    concerns = Concern.objects.filter(
        source_type=ContentType.objects.get_for_model(KinInterview),
        source_id__in=[interview.pk for interview in interviews],
        archived_at__isnull=True,
    ).order_by("id")
    for concern in concerns:
        found.setdefault(concern.source_id, []).append(concern)
    return found


@access(permission=VIEW_COMMUNITY_PERSONAL)
def kin_member(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_kin_member_for_user(request.user, pk)
    interviews = interviews_of(member)
    concerns = _concerns_by_interview(interviews)
    today = timezone.localdate()
    return render(
        request,
        "community/kin_member.html",
        {
            "member": member,
            "neighbourhood": member.neighbourhood,
            "interviews": [(interview, concerns.get(interview.pk, [])) for interview in interviews],
            "due_on": interview_due_on(member),
            "today": today,
            "last_used": last_activity(member),
            "review_due_on": review_due_on(member),
            "can_manage": has_permission(request.user, MANAGE_COMMUNITY) and member.is_active,
            "can_review": has_permission(request.user, REVIEW_PERSONAL_DATA) and member.is_active,
            "can_see_history": has_permission(request.user, VIEW_AUDIT_HISTORY),
        },
    )


@access(permission=MANAGE_COMMUNITY)
def kin_member_edit(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_kin_member_for_user(request.user, pk, for_write=True)
    return form_page(
        request,
        form_class=KinMemberEditForm,
        template="community/kin_member_form.html",
        save=lambda form: services.kin_member_update(
            member=member,
            person=form.person(),
            role=form.cleaned_data["role"],
            role_detail=form.cleaned_data["role_detail"],
        ),
        success_url=reverse("community:kin_member", args=[member.pk]),
        success_message="Member's details saved",
        form_kwargs={
            "initial": {**person_initial(member), "role": member.role, "role_detail": member.role_detail}
        },
        context={
            "neighbourhood": member.neighbourhood,
            "member": member,
            "title": "Change a KIN member's details",
            "ward_map": ward_outline(member.neighbourhood),
        },
    )


@access(permission=MANAGE_COMMUNITY)
def kin_interview_new(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_kin_member_for_user(request.user, pk, for_write=True)
    officers = team_officers(member.neighbourhood, today=timezone.localdate())
    own = officers.filter(pk=request.user.officer_id).first() if request.user.officer_id else None
    return form_page(
        request,
        form_class=InterviewForm,
        template="community/kin_interview_form.html",
        save=lambda form: services.kin_interview_create(
            member=member,
            interviewed_on=form.cleaned_data["interviewed_on"],
            officer=form.cleaned_data["officer"],
            method=form.cleaned_data["method"],
            notes=form.cleaned_data["notes"],
            concerns=form.concerns(),
        ),
        success_url=reverse("community:kin_member", args=[member.pk]),
        success_message=lambda interview: f"Interview on {long_date(interview.interviewed_on)} logged",
        form_kwargs={"officers": officers, "officer": own},
        context={"neighbourhood": member.neighbourhood, "member": member},
    )


@access(permission=MANAGE_COMMUNITY)
def kin_member_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_kin_member_for_user(request.user, pk, for_write=True)
    return form_page(
        request,
        form_class=WithdrawForm,
        template="community/withdraw_form.html",
        save=lambda form: erasure.consent_withdraw(
            record=member, withdrawn_on=form.cleaned_data["withdrawn_on"]
        ),
        success_url=reverse("community:kin_ward", args=[member.neighbourhood.code]),
        success_message="Consent withdrawn: the member's details have been erased",
        context={
            "neighbourhood": member.neighbourhood,
            "record": member,
            "what": "KIN member",
            "back": reverse("community:kin_member", args=[member.pk]),
        },
    )
