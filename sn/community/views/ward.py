"""Two views of a ward's personal data as a whole: the gap view (whom the team reaches against who lives
there) and the retention review (records no one has used for the review period), with the sergeant's
decision on each record due."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from sn.community import erasure
from sn.community.forms import ReviewForm
from sn.community.gap import ward_gap
from sn.community.maps import collection, point_features, ward_outline
from sn.community.models import KinMember
from sn.community.permissions import (
    CONTACTS_FOR_REVIEW,
    KIN_MEMBERS_FOR_REVIEW,
    REVIEW_PERSONAL_DATA,
    VIEW_COMMUNITY_PERSONAL,
)
from sn.community.selectors import active_contacts, active_members, review_list
from sn.community.standards import last_activity, long_date, review_due_on, review_months
from sn.core.access import access, has_permission
from sn.core.form_pages import form_page
from sn.geography.permissions import get_neighbourhood_for_user


@access(permission=VIEW_COMMUNITY_PERSONAL)
def community_gap(request: HttpRequest, code: str) -> HttpResponse:
    neighbourhood = get_neighbourhood_for_user(request.user, code)
    gap = ward_gap(neighbourhood)
    features = point_features(active_members(neighbourhood), "community:kin_member", "kin") + point_features(
        active_contacts(neighbourhood), "community:contact", "contact"
    )
    return render(
        request,
        "community/gap.html",
        {
            "neighbourhood": neighbourhood,
            "gap": gap,
            "ward_map": ward_outline(neighbourhood),
            "points_map": collection(features),
        },
    )


@access(permission=VIEW_COMMUNITY_PERSONAL)
def personal_data_review(request: HttpRequest, code: str) -> HttpResponse:
    neighbourhood = get_neighbourhood_for_user(request.user, code)
    today = timezone.localdate()
    return render(
        request,
        "community/review_list.html",
        {
            "neighbourhood": neighbourhood,
            "items": review_list(neighbourhood, today=today),
            "months": review_months(),
            "can_review": has_permission(request.user, REVIEW_PERSONAL_DATA),
        },
    )


def _decide(form, record):
    if form.cleaned_data["decision"] == ReviewForm.ERASE:
        return erasure.personal_data_erase(record=record)
    return erasure.personal_data_keep(record=record)


def _review_page(request, record, what: str) -> HttpResponse:
    return form_page(
        request,
        form_class=ReviewForm,
        template="community/review_form.html",
        save=lambda form: _decide(form, record),
        success_url=reverse("community:personal_data_review", args=[record.neighbourhood.code]),
        success_message=lambda r: (
            f"The {what}'s details were erased and the record archived"
            if r.is_erased
            else f"The {what} is kept: the next review is due on {long_date(review_due_on(r))}"
        ),
        context={
            "neighbourhood": record.neighbourhood,
            "record": record,
            "what": what,
            "last_used": last_activity(record),
            "months": review_months(),
        },
    )


@access(permission=REVIEW_PERSONAL_DATA)
def kin_member_review(request: HttpRequest, pk: int) -> HttpResponse:
    member = KIN_MEMBERS_FOR_REVIEW.get_for_user(
        request.user, KinMember.objects.live().select_related("neighbourhood"), for_write=True, pk=pk
    )
    return _review_page(request, member, "KIN member")


@access(permission=REVIEW_PERSONAL_DATA)
def contact_review(request: HttpRequest, pk: int) -> HttpResponse:
    record = CONTACTS_FOR_REVIEW.get_for_user(
        request.user,
        CONTACTS_FOR_REVIEW.model.objects.live().select_related("neighbourhood"),
        for_write=True,
        pk=pk,
    )
    return _review_page(request, record, "contact")
