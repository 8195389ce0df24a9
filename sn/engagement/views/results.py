"""The structured results of two kinds of event: visual audit findings, and perception survey responses
(one at a time, or a CSV), with the ward's survey results over a period."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from sn.concerns.filters import concern_filters
from sn.concerns.taxonomy import Topic
from sn.core.access import access, has_permission
from sn.core.form_pages import form_page
from sn.engagement.forms import FindingForm, ResponseForm, ResponsesUploadForm
from sn.engagement.models import EventKind, OfficerTime, SafeAfterDark
from sn.engagement.permissions import EVENTS, MANAGE_ENGAGEMENT, VIEW_ENGAGEMENT, get_event_for_user
from sn.engagement.selectors import ward_events
from sn.engagement.services import finding_add, survey_response_add, survey_responses_import
from sn.engagement.survey_file import COLUMNS
from sn.engagement.survey_results import survey_results
from sn.engagement.views.maps import ward_map
from sn.geography.selectors import get_neighbourhood_for_user


def _context(event, **more) -> dict:
    return {
        "event": event,
        "neighbourhood": event.neighbourhood,
        "happened": event.starts_at <= timezone.now(),
        **more,
    }


@access(permission=MANAGE_ENGAGEMENT)
def finding_new(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request.user, pk, for_write=True)
    return form_page(
        request,
        form_class=FindingForm,
        template="engagement/finding_form.html",
        save=lambda form: finding_add(event=event, **form.cleaned_data, actor=request.user),
        # Straight back to the form: an audit records one finding after another along the walk.
        success_url=reverse("engagement:finding_new", args=[event.pk]),
        success_message=lambda finding: (
            f"{finding.get_item_display()} recorded and added to the ward's concerns"
        ),
        context=_context(
            event, right_kind=event.kind == EventKind.VISUAL_AUDIT, ward_map=ward_map(event.neighbourhood)
        ),
    )


@access(permission=MANAGE_ENGAGEMENT)
def response_new(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request.user, pk, for_write=True)

    def save(form):
        d = form.cleaned_data
        return survey_response_add(
            event=event,
            worry=d["worry"],
            safe_after_dark=d["safe_after_dark"],
            times=d["times"],
            actor=request.user,
        )

    return form_page(
        request,
        form_class=ResponseForm,
        template="engagement/response_form.html",
        save=save,
        success_url=reverse("engagement:response_new", args=[event.pk]),
        success_message=lambda response: (
            f"Response saved ({event.responses.count()} so far): ready for the next"
        ),
        context=_context(event, right_kind=event.kind == EventKind.SURVEY, responses=event.responses.count()),
    )


@access(permission=MANAGE_ENGAGEMENT)
def responses_upload(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request.user, pk, for_write=True)
    return form_page(
        request,
        form_class=ResponsesUploadForm,
        template="engagement/responses_upload.html",
        save=lambda form: survey_responses_import(
            event=event, data=form.cleaned_data["file"], actor=request.user
        ),
        success_url=event.get_absolute_url() + "#responses",
        success_message=lambda count: f"{count} response{'s' if count != 1 else ''} saved",
        context=_context(
            event,
            right_kind=event.kind == EventKind.SURVEY,
            columns=COLUMNS,
            topics=Topic.choices,
            safe=SafeAfterDark.choices,
            times=OfficerTime.choices,
        ),
    )


@access(permission=VIEW_ENGAGEMENT)
def ward_surveys(request: HttpRequest, code: str) -> HttpResponse:
    neighbourhood = get_neighbourhood_for_user(request.user, code)
    filters = concern_filters(request)
    period = filters.period
    results = survey_results(neighbourhood, start=period.start, end=period.end)
    surveys = EVENTS.filter_for(request.user, ward_events(neighbourhood, kinds=[EventKind.SURVEY])).filter(
        starts_at__date__gte=period.start, starts_at__date__lte=period.end
    )
    context = {
        "neighbourhood": neighbourhood,
        "filters": filters,
        "results": results,
        "surveys": list(surveys),
        "can_manage": has_permission(request.user, MANAGE_ENGAGEMENT),
    }
    return render(request, "engagement/ward_surveys.html", context)
