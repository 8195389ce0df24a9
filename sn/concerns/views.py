"""A ward's concerns (list, add, archive) and their analysis against recorded incidents."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from sn.concerns.analysis import CATEGORY_LABELS, concern_analysis
from sn.concerns.exports import CONCERN_HEADERS, analysis_headers, analysis_rows, concern_rows
from sn.concerns.filters import concern_filters
from sn.concerns.forms import ArchiveForm, ConcernForm
from sn.concerns.map_data import map_data
from sn.concerns.models import Channel, Concern
from sn.concerns.permissions import CONCERNS, MANAGE_CONCERNS, VIEW_CONCERNS
from sn.concerns.selectors import ward_concerns
from sn.concerns.services import concern_archive, concern_create
from sn.concerns.taxonomy import TOPICS, Topic
from sn.core.access import access, has_permission
from sn.core.exports import requested_format, table_response
from sn.core.form_pages import form_page
from sn.core.permissions import VIEW_AUDIT_HISTORY
from sn.core.tables import DESCENDING, Column, table
from sn.crime.stats import SIGNIFICANCE_LEVEL
from sn.geography.selectors import feature_collection, get_neighbourhood_for_user

ROWS_PER_PAGE = 50


def _columns() -> list[Column]:
    return [
        Column(
            "date",
            "Raised",
            lambda c: (c.raised_on, c.pk),
            first=DESCENDING,
            ways=("oldest first", "newest first"),
        ),
        Column("topic", "Topic", lambda c: c.get_topic_display(), ways=("A to Z", "Z to A")),
        Column("channel", "Channel", lambda c: c.get_channel_display(), ways=("A to Z", "Z to A")),
    ]


@access(permission=VIEW_CONCERNS)
def ward_concern_list(request: HttpRequest, code: str) -> HttpResponse:
    neighbourhood = get_neighbourhood_for_user(request.user, code)
    filters = concern_filters(request)
    fmt = requested_format(request)
    if fmt and filters.errors:
        return filters.bad_request(request)
    concerns = CONCERNS.filter_for(
        request.user,
        ward_concerns(
            neighbourhood,
            start=filters.period.start,
            end=filters.period.end,
            topics=[filters.topic] if filters.topic else None,
            channels=[filters.channel] if filters.channel else None,
        ),
    )
    if fmt:
        name = f"concerns-{neighbourhood.code}-{filters.period.end:%Y-%m}"
        return table_response(name, CONCERN_HEADERS, concern_rows(concerns), fmt)
    rows = table(
        request,
        list(concerns),
        columns=_columns(),
        default=("date", DESCENDING),
        text=lambda c: f"{c.get_topic_display()} {c.description} {c.location} {c.source}",
        per_page=ROWS_PER_PAGE,
    )
    if rows.error:
        return rows.bad_request(request)
    context = {
        "neighbourhood": neighbourhood,
        "filters": filters,
        "table": rows,
        "concerns": rows.rows,
        "topics": Topic.choices,
        "channels": Channel.choices,
        "can_manage": has_permission(request.user, MANAGE_CONCERNS),
    }
    return render(request, "concerns/ward_concerns.html", context)


@access(permission=MANAGE_CONCERNS)
def concern_new(request: HttpRequest, code: str) -> HttpResponse:
    neighbourhood = get_neighbourhood_for_user(request.user, code)
    return form_page(
        request,
        form_class=ConcernForm,
        template="concerns/concern_form.html",
        save=lambda form: concern_create(
            neighbourhood=neighbourhood, **form.cleaned_data, actor=request.user
        ),
        success_url=reverse("concerns:ward_concerns", args=[neighbourhood.code]),
        success_message=lambda concern: f"Concern about {concern.get_topic_display().lower()} recorded",
        context={"neighbourhood": neighbourhood, "ward_map": _ward_map(neighbourhood)},
    )


def _ward_map(neighbourhood) -> str:
    return feature_collection([neighbourhood], lambda a: {"name": a.name, "role": "focus"})


@access(permission=VIEW_CONCERNS)
def concern_detail(request: HttpRequest, pk: int) -> HttpResponse:
    concern = CONCERNS.get_for_user(
        request.user, Concern.objects.select_related("neighbourhood__borough", "created_by"), pk=pk
    )
    context = {
        "concern": concern,
        "neighbourhood": concern.neighbourhood,
        "info": TOPICS[concern.topic],
        "category_label": CATEGORY_LABELS.get(TOPICS[concern.topic].category, ""),
        "source_url": _source_url(concern),
        "can_manage": CONCERNS.filter_for(request.user, for_write=True).filter(pk=concern.pk).exists(),
        "can_see_history": has_permission(request.user, VIEW_AUDIT_HISTORY),
    }
    return render(request, "concerns/concern_detail.html", context)


def _source_url(concern: Concern) -> str:
    record = concern.source_record if concern.source_type_id else None
    return record.get_absolute_url() if record is not None and hasattr(record, "get_absolute_url") else ""


@access(permission=MANAGE_CONCERNS)
def concern_archive_page(request: HttpRequest, pk: int) -> HttpResponse:
    concern = CONCERNS.get_for_user(
        request.user, Concern.objects.live().select_related("neighbourhood"), for_write=True, pk=pk
    )
    return form_page(
        request,
        form_class=ArchiveForm,
        template="concerns/concern_archive.html",
        save=lambda form: concern_archive(
            concern=concern, reason=form.cleaned_data["reason"], actor=request.user
        ),
        success_url=reverse("concerns:ward_concerns", args=[concern.neighbourhood.code]),
        success_message="Concern archived",
        context={"concern": concern, "neighbourhood": concern.neighbourhood},
    )


@access(permission=VIEW_CONCERNS)
def analysis(request: HttpRequest, code: str) -> HttpResponse:
    neighbourhood = get_neighbourhood_for_user(request.user, code)
    filters = concern_filters(request)
    fmt = requested_format(request)
    if fmt and filters.errors:
        return filters.bad_request(request)
    result = concern_analysis(neighbourhood, period=filters.period)
    if fmt:
        name = f"concerns-analysis-{neighbourhood.code}-{filters.period.end:%Y-%m}"
        return table_response(name, analysis_headers(), analysis_rows(result), fmt)
    map_topic = _map_topic(request, result)
    data, about = map_data(result, map_topic) if map_topic else ("", {})
    context = {
        "neighbourhood": neighbourhood,
        "filters": filters,
        "analysis": result,
        "map_topic": map_topic,
        "map_topic_label": Topic(map_topic).label if map_topic else "",
        "map_json": data,
        "map_about": about,
        "recent_months": settings.SN_CONCERNS_RECENT_MONTHS,
        "level_ratio": settings.SN_CONCERNS_LEVEL_RATIO,
        "often_topics": settings.SN_CONCERNS_OFTEN_TOPICS,
        "often_min": settings.SN_CONCERNS_OFTEN_MIN,
        "min_incidents": settings.SN_CONCERNS_MIN_INCIDENTS,
        "significance_level": SIGNIFICANCE_LEVEL,
    }
    return render(request, "concerns/analysis.html", context)


def _map_topic(request: HttpRequest, result) -> str:
    """?map= names the topic the map shows; by default the highest-ranked one with a police.uk category."""
    asked = request.GET.get("map", "")
    if asked in Topic.values:
        return asked
    measured = [row.rank.topic for row in result.rows if row.recorded is not None]
    return measured[0] if measured else (result.rows[0].rank.topic if result.rows else "")
