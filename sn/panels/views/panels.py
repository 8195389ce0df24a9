"""A ward's panel page (members, make-up, meetings, current priorities) and the forms that keep its
membership."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from sn.core.access import access, has_permission
from sn.core.exports import requested_format, table_response
from sn.core.form_pages import form_page
from sn.core.permissions import VIEW_AUDIT_HISTORY
from sn.geography.selectors import get_neighbourhood_for_user
from sn.panels import services
from sn.panels.diversity import diversity_aggregate
from sn.panels.forms import DiversityForm, LeaveForm, MemberForm, PanelEditForm, PanelForm
from sn.panels.models import DiversityAnswers, PanelMember
from sn.panels.permissions import (
    MANAGE_PANEL,
    MANAGE_PRIORITIES,
    RECORD_PANEL_DECISION,
    VIEW_PANEL,
    VIEW_PANEL_MEMBER_CONTACTS,
    get_member_for_user,
    is_chair_of,
)
from sn.panels.selectors import active_panel, cadence_of, current_priorities, priority_warnings
from sn.panels.views.common import get_panel_for_user, panel_member_accounts

DIVERSITY_HEADERS = ["Question", "Answer", "Current members"]


@access(permission=VIEW_PANEL)
def ward_panel(request: HttpRequest, code: str) -> HttpResponse:
    neighbourhood = get_neighbourhood_for_user(request.user, code)
    panel = active_panel(neighbourhood)
    members = PanelMember.objects.live().filter(panel=panel) if panel else PanelMember.objects.none()
    aggregate = diversity_aggregate(members)
    if fmt := requested_format(request):
        rows = [["Current members", "", aggregate.members], *aggregate.rows()]
        return table_response(f"panel-diversity-{neighbourhood.code}", DIVERSITY_HEADERS, rows, fmt)
    user = request.user
    priorities = current_priorities(neighbourhood)
    context = {
        "neighbourhood": neighbourhood,
        "panel": panel,
        "aggregate": aggregate,
        "priorities": priorities,
        "warnings": priority_warnings(priorities) if panel else [],
        "can_manage": has_permission(user, MANAGE_PANEL),
        "can_manage_priorities": has_permission(user, MANAGE_PRIORITIES),
        "can_see_contacts": has_permission(user, VIEW_PANEL_MEMBER_CONTACTS),
        "can_decide": has_permission(user, RECORD_PANEL_DECISION)
        and (panel is None or _decides(user, panel)),
        "can_see_history": has_permission(user, VIEW_AUDIT_HISTORY),
    }
    if panel is not None:
        current = [m for m in members.order_by("-is_chair", "name") if m.left_on is None]
        context.update(
            {
                "current_members": current,
                "former_members": list(members.filter(left_on__isnull=False).order_by("-left_on")),
                "answered": set(
                    DiversityAnswers.objects.live()
                    .filter(member__in=current, consent_withdrawn_on__isnull=True)
                    .values_list("member_id", flat=True)
                ),
                "cadence": cadence_of(panel),
                "meetings": list(panel.meetings.prefetch_related("papers")[:30]),
            }
        )
    return render(request, "panels/ward_panel.html", context)


def _decides(user, panel) -> bool:
    return user.role != "panel_member" or is_chair_of(user, panel)


@access(permission=MANAGE_PANEL)
def panel_new(request: HttpRequest, code: str) -> HttpResponse:
    neighbourhood = get_neighbourhood_for_user(request.user, code)
    return form_page(
        request,
        form_class=PanelForm,
        template="panels/form.html",
        save=lambda form: services.panel_create(
            neighbourhood=neighbourhood, actor=request.user, **form.cleaned_data
        ),
        success_url=reverse("panels:ward_panel", args=[neighbourhood.code]),
        success_message=lambda panel: f"{panel.name} set up",
        form_kwargs={"initial": {"name": f"{neighbourhood.name} Ward Panel"}},
        context={"neighbourhood": neighbourhood, "title": "Set up the ward panel"},
    )


@access(permission=MANAGE_PANEL)
def panel_edit(request: HttpRequest, code: str) -> HttpResponse:
    panel = get_panel_for_user(request.user, code)
    return form_page(
        request,
        form_class=PanelEditForm,
        template="panels/form.html",
        save=lambda form: services.panel_update(panel=panel, actor=request.user, **form.cleaned_data),
        success_url=reverse("panels:ward_panel", args=[code]),
        success_message="Panel details saved",
        form_kwargs={"initial": {"name": panel.name, "usual_venue": panel.usual_venue}},
        context={"neighbourhood": panel.neighbourhood, "panel": panel, "title": "Change the panel's details"},
    )


@access(permission=MANAGE_PANEL)
def member_new(request: HttpRequest, code: str) -> HttpResponse:
    panel = get_panel_for_user(request.user, code)
    return form_page(
        request,
        form_class=MemberForm,
        template="panels/member_form.html",
        save=lambda form: services.member_add(panel=panel, actor=request.user, **form.cleaned_data),
        success_url=reverse("panels:ward_panel", args=[code]),
        success_message=lambda member: f"{member.name} added to the panel",
        form_kwargs={"users": panel_member_accounts(panel.neighbourhood)},
        context={"neighbourhood": panel.neighbourhood, "panel": panel, "title": "Add a panel member"},
    )


def _member_initial(member: PanelMember) -> dict:
    return {
        "name": member.name,
        "member_type": member.member_type,
        "organisation": member.organisation,
        "is_chair": member.is_chair,
        "contact_consent": member.contact_consent_on is not None,
        "email": member.email,
        "phone": member.phone,
        "address": member.address,
        "user": member.user_id,
    }


@access(permission=MANAGE_PANEL)
def member_edit(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_member_for_user(request.user, pk, for_write=True)
    neighbourhood = member.panel.neighbourhood
    return form_page(
        request,
        form_class=MemberForm,
        template="panels/member_form.html",
        save=lambda form: services.member_update(member=member, actor=request.user, **form.cleaned_data),
        success_url=reverse("panels:ward_panel", args=[neighbourhood.code]),
        success_message=lambda member: f"{member.name}'s details saved",
        form_kwargs={
            "users": panel_member_accounts(neighbourhood),
            "editing": True,
            "initial": _member_initial(member),
        },
        context={
            "neighbourhood": neighbourhood,
            "panel": member.panel,
            "member": member,
            "title": f"Change {member.name}'s details",
        },
    )


@access(permission=MANAGE_PANEL)
def member_leave(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_member_for_user(request.user, pk, for_write=True)
    neighbourhood = member.panel.neighbourhood
    return form_page(
        request,
        form_class=LeaveForm,
        template="panels/form.html",
        save=lambda form: services.member_leave(member=member, actor=request.user, **form.cleaned_data),
        success_url=reverse("panels:ward_panel", args=[neighbourhood.code]),
        success_message=lambda member: f"{member.name} has left the panel",
        context={
            "neighbourhood": neighbourhood,
            "panel": member.panel,
            "title": f"{member.name} leaves the panel",
        },
    )


def _diversity_save(member: PanelMember, user):
    def save(form: DiversityForm):
        data = dict(form.cleaned_data)
        if data.pop("withdraw"):
            return services.diversity_consent_withdraw(member=member, actor=user)
        return services.diversity_answers_record(member=member, actor=user, **data)

    return save


@access(permission=MANAGE_PANEL)
def member_diversity(request: HttpRequest, pk: int) -> HttpResponse:
    """The member's own answers are entered here and never shown again: not on this page, nor anywhere
    but in the suppressed counts."""
    member = get_member_for_user(request.user, pk, for_write=True)
    neighbourhood = member.panel.neighbourhood
    answers = DiversityAnswers.objects.filter(member=member).first()
    return form_page(
        request,
        form_class=DiversityForm,
        template="panels/diversity_form.html",
        save=_diversity_save(member, request.user),
        success_url=reverse("panels:ward_panel", args=[neighbourhood.code]),
        success_message=lambda record: (
            f"{member.name}'s answers erased"
            if record.consent_withdrawn_on
            else f"{member.name}'s answers kept"
        ),
        context={
            "neighbourhood": neighbourhood,
            "panel": member.panel,
            "member": member,
            "answers": answers,
            "title": f"Diversity monitoring: {member.name}",
        },
    )
