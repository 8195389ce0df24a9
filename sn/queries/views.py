"""The community query pages: the queue with each clock, one query (replies, answer, assign, close),
logging a query that reached staff, compliance by ward, team and channel, and the public form.

Every staff page fetches queries through sn.queries.permissions: out of the user's area, 404."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from sn.core.access import access
from sn.core.exports import requested_format, table_response
from sn.core.form_pages import form_page
from sn.core.months import month_end, parse_month, this_month
from sn.core.parameters import bad_parameter
from sn.core.public_forms import public_form_post
from sn.geography.models import Neighbourhood
from sn.geography.scope import scope_of
from sn.queries import clock
from sn.queries.forms import LogForm, PublicQueryForm, ReplyForm
from sn.queries.models import Channel, CommunityQuery, Status
from sn.queries.permissions import HANDLE_QUERIES, VIEW_QUERY_COMPLIANCE, get_query_for_user, queries_for_user
from sn.queries.selectors import compliance_by, queue_rows
from sn.queries.services import (
    query_assign,
    query_close,
    query_log,
    query_reply,
    query_submit_public,
    reply_kinds,
)

SENT_SALT = "query-sent"
STATUS_FILTERS = [("live", "Open and escalated"), *Status.choices, ("all", "All")]


@access(permission=HANDLE_QUERIES)
def queue(request: HttpRequest) -> HttpResponse:
    queryset = queries_for_user(request.user)
    wards = scope_of(request.user).neighbourhoods().order_by("name")
    ward = request.GET.get("ward", "")
    if ward:
        if not wards.filter(code=ward).exists():
            return bad_parameter(request, name="ward", value=ward, error="Choose a ward in your area")
        queryset = queryset.filter(neighbourhood__code=ward)
    status = request.GET.get("status", "live")
    if status not in dict(STATUS_FILTERS):
        return bad_parameter(request, name="status", value=status, error="Choose a status from the list")
    if status == "live":
        queryset = queryset.filter(status__in=[Status.OPEN, Status.ESCALATED])
    elif status != "all":
        queryset = queryset.filter(status=status)
    channel = request.GET.get("channel", "")
    if channel:
        if channel not in Channel.values:
            return bad_parameter(
                request, name="channel", value=channel, error="Choose a channel from the list"
            )
        queryset = queryset.filter(channel=channel)
    return render(
        request,
        "queries/queue.html",
        {
            "rows": queue_rows(queryset, timezone.now()),
            "wards": wards,
            "ward": ward,
            "status": status,
            "statuses": STATUS_FILTERS,
            "channel": channel,
            "channels": Channel.choices,
            "hours": clock.clock_hours(),
        },
    )


@access(permission=HANDLE_QUERIES)
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    query = get_query_for_user(request.user, reference)
    form = ReplyForm(kinds=reply_kinds(query))
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "reply")
        if action == "reply":
            form = ReplyForm(data=request.POST, kinds=reply_kinds(query))
        try:
            with transaction.atomic():
                if action == "assign":
                    query_assign(query=query, user=request.user)
                    messages.success(request, "The query is assigned to you")
                elif action == "close":
                    query_close(query=query)
                    messages.success(request, "The query is closed")
                elif action != "reply":
                    # A crafted or stale post: saying so beats doing something else (a reply) with it.
                    raise ValidationError(
                        f"Unknown action “{action[:40]}”: this page records a reply, assigns the query "
                        "or closes it"
                    )
                elif not form.is_valid():
                    raise ValidationError("Check the reply")
                else:
                    data = form.cleaned_data
                    query_reply(query=query, kind=data["kind"], text=data["text"], sent_by=request.user)
                    messages.success(request, "The reply is recorded")
        except ValidationError as error:
            query.refresh_from_db()
            if action == "reply":
                form.add_error(None, error)
            else:
                messages.error(request, " ".join(error.messages))
            status = 400
        else:
            return redirect(reverse("queries:detail", args=[query.reference]))
    now = timezone.now()
    return render(
        request,
        "queries/detail.html",
        {
            "query": query,
            "state": clock.clock_state(due_at=query.due_at, answered_at=query.answered_at, now=now),
            "replies": query.replies.select_related("sent_by"),
            "form": form,
        },
        status=status,
    )


@access(permission=HANDLE_QUERIES)
def log_query(request: HttpRequest) -> HttpResponse:
    wards = scope_of(request.user).neighbourhoods().order_by("name")

    def save(form: LogForm) -> CommunityQuery:
        return query_log(**form.cleaned_data)

    return form_page(
        request,
        form_class=LogForm,
        template="queries/new.html",
        save=save,
        success_url=lambda q: reverse("queries:detail", args=[q.reference]),
        success_message=lambda q: (
            f"Query {q.reference} logged: its clock runs to {timezone.localtime(q.due_at):%d %b %Y %H:%M}"
        ),
        form_kwargs={"wards": wards},
    )


@access(permission=VIEW_QUERY_COMPLIANCE)
def compliance(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("month", "")
    try:
        month = parse_month(text) if text else this_month()
    except ValueError as error:
        return bad_parameter(request, name="month", value=text, error=str(error))
    by = request.GET.get("by", "ward")
    if by not in ("ward", "team", "channel"):
        return bad_parameter(request, name="by", value=by, error="Choose ward, team or channel")
    queryset = CommunityQuery.objects.filter(scope_of(request.user).neighbourhood_q("neighbourhood"))
    end = month_end(month) + timedelta(days=1)
    rows = compliance_by(queryset, month, end, by)
    fmt = requested_format(request, ("csv",))
    headers = [
        by.capitalize(),
        "Received",
        "Clock ended",
        f"Answered within {clock.clock_hours()} hours",
        "Per cent",
    ]
    table = [
        [r["label"], r["received"], r["ended"], r["in_time"], "" if r["percent"] is None else r["percent"]]
        for r in rows
    ]
    if fmt:
        return table_response(f"community-queries-{by}-{month:%Y-%m}", headers, table, fmt)
    totals = {k: sum(r[k] for r in rows) for k in ("received", "ended", "in_time")}
    totals["percent"] = round(100 * totals["in_time"] / totals["ended"], 1) if totals["ended"] else None
    return render(
        request,
        "queries/compliance.html",
        {
            "rows": rows,
            "month": month,
            "by": by,
            "totals": totals,
            "hours": clock.clock_hours(),
            "headers": headers,
        },
    )


# --- The public form.


def _sent_url(reference: str, ward: str, due) -> str:
    token = signing.dumps({"ref": reference, "ward": ward, "due": due.isoformat()}, salt=SENT_SALT)
    return f"{reverse('queries:sent')}?t={token}"


@never_cache
@access(public=True)
def ask(request: HttpRequest, code: str) -> HttpResponse:
    ward = get_object_or_404(Neighbourhood, code=code)
    context = {"ward": ward, "hours": clock.clock_hours(), "public_section": "queries"}

    def show(form: PublicQueryForm, *, status: int = 200, retry_minutes: int | None = None):
        page = {**context, "form": form, "retry_minutes": retry_minutes}
        return render(request, "queries/ask.html", page, status=status)

    def decoy(form: PublicQueryForm) -> HttpResponse:
        now = timezone.now()
        return redirect(_sent_url(f"CQ-{now.year}-XXXXXX", ward.name, clock.deadline(now)))

    if request.method != "POST":
        return show(PublicQueryForm())
    return public_form_post(
        request,
        PublicQueryForm(data=request.POST),
        scope="query",
        per_hour=settings.SN_QUERY_RATE_PER_HOUR,
        burst=settings.SN_QUERY_BURST,
        save=lambda form: query_submit_public(
            neighbourhood=ward, **{k: v for k, v in form.cleaned_data.items() if k != "website"}
        ),
        sent=lambda query: redirect(_sent_url(query.reference, ward.name, query.due_at)),
        decoy=decoy,
        show=show,
    )


@never_cache
@access(public=True)
def sent(request: HttpRequest) -> HttpResponse:
    try:
        details = signing.loads(request.GET.get("t", ""), salt=SENT_SALT, max_age=7 * 24 * 3600)
    except signing.BadSignature:
        details = None
    if details:
        details["due"] = timezone.datetime.fromisoformat(details["due"])
    return render(request, "queries/sent.html", {"details": details, "hours": clock.clock_hours()})
