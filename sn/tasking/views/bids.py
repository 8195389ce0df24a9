"""Resource bids: one bid's page, raising one for a ward, and the lead recording the meeting's decision."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from sn.core.access import access, has_permission
from sn.core.form_pages import form_page
from sn.geography.selectors import get_neighbourhood_for_user
from sn.panels.models import Priority
from sn.panels.models.priorities import HOLDING_A_PLACE
from sn.problemsolving.models import Case
from sn.tasking import services
from sn.tasking.forms import BidDecideForm, BidForm
from sn.tasking.models import TaskingMeeting
from sn.tasking.permissions import MANAGE_TASKING, RAISE_BIDS, VIEW_TASKING, get_bid_for_user


def _bid_url(bid) -> str:
    return reverse("tasking:bid", args=[bid.pk])


@access(permission=VIEW_TASKING)
def bid_detail(request: HttpRequest, pk: int) -> HttpResponse:
    bid = get_bid_for_user(request.user, pk)
    return render(
        request,
        "tasking/bid.html",
        {
            "bid": bid,
            "borough": bid.neighbourhood.borough,
            "can_decide": has_permission(request.user, MANAGE_TASKING) and bid.is_open,
        },
    )


@access(permission=RAISE_BIDS)
def bid_new(request: HttpRequest, code: str) -> HttpResponse:
    ward = get_neighbourhood_for_user(request.user, code)
    cases = list(Case.objects.filter(neighbourhood=ward).exclude(stage=Case.Stage.CLOSED).order_by("id"))
    priorities = list(Priority.objects.filter(neighbourhood=ward, status__in=HOLDING_A_PLACE).order_by("id"))
    return form_page(
        request,
        form_class=BidForm,
        template="tasking/form.html",
        save=lambda form: services.bid_raise(
            neighbourhood=ward, on=timezone.localdate(), actor=request.user, **form.cleaned_data
        ),
        success_url=_bid_url,
        success_message="Resource bid raised for the tasking group",
        form_kwargs={"cases": cases, "priorities": priorities},
        context={
            "borough": ward.borough,
            "neighbourhood": ward,
            "title": f"Ask the tasking group for resources: {ward.name}",
            "back": reverse("tasking:borough", args=[ward.borough.code]),
        },
    )


@access(permission=MANAGE_TASKING)
def bid_decide(request: HttpRequest, pk: int) -> HttpResponse:
    bid = get_bid_for_user(request.user, pk, for_write=True)
    today = timezone.localdate()
    meetings = list(
        TaskingMeeting.objects.filter(
            borough=bid.neighbourhood.borough, held_on__lte=today, held_on__gte=bid.raised_on
        ).select_related("borough")
    )
    return form_page(
        request,
        form_class=BidDecideForm,
        template="tasking/form.html",
        save=lambda form: services.bid_decide(bid=bid, today=today, actor=request.user, **form.cleaned_data),
        success_url=_bid_url(bid),
        success_message=lambda b: f"Bid {b.get_status_display().lower()}",
        form_kwargs={"meetings": meetings},
        context={
            "borough": bid.neighbourhood.borough,
            "bid": bid,
            "title": f"Decide the bid: {bid.what}",
            "back": _bid_url(bid),
        },
    )
