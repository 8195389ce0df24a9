"""The retention review list and decisions, and erasure requests (search, confirm, report)."""

import csv
import io
from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from sn.core.access import access
from sn.core.exports import safe_cell
from sn.core.form_pages import form_page
from sn.privacy import services
from sn.privacy.forms import ConfirmForm, DecisionForm, RequestForm
from sn.privacy.kinds import KINDS, LISTED_KINDS
from sn.privacy.models import ReviewItem
from sn.privacy.permissions import (
    HANDLE_ERASURE_REQUESTS,
    REVIEW_RETENTION,
    get_item_for_user,
    get_request_for_user,
    open_items_for_user,
    requests_for_user,
)
from sn.privacy.records import describe_items, describe_matches
from sn.privacy.retention import RecordKind, period_text
from sn.privacy.search import KIND_LABELS, NOT_SEARCHED_NOTE
from sn.privacy.services.review import next_due_on


@access(permission=REVIEW_RETENTION)
def review(request: HttpRequest) -> HttpResponse:
    """The open items the user decides, by kind; ?kind= and ?area= (a ward code) narrow it."""
    items = open_items_for_user(request.user).order_by("kind", "last_active_on", "id")
    kind = request.GET.get("kind", "")
    if kind in LISTED_KINDS:
        items = items.filter(kind=kind)
    area = request.GET.get("area", "")
    if area:
        items = items.filter(neighbourhood__code=area)
    rows = describe_items(list(items[:500]))
    groups = [
        {
            "kind": k,
            "label": RecordKind(k).label,
            "period": period_text(k),
            "rows": [r for r in rows if r.item.kind == k],
        }
        for k in LISTED_KINDS
    ]
    return render(
        request,
        "privacy/review.html",
        {"groups": [g for g in groups if g["rows"]], "total": len(rows), "filtered": bool(kind or area)},
    )


def _decide(form: DecisionForm, item: ReviewItem) -> ReviewItem:
    if form.cleaned_data["decision"] == DecisionForm.ERASE:
        return services.review_item_erase(item=item)
    return services.review_item_keep(item=item, reason=form.cleaned_data["reason"])


def _review_item(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    item = get_item_for_user(request.user, pk, kind=kind)
    if not item.is_open:
        messages.info(request, f"This record was reviewed already: {item.get_status_display().lower()}.")
        return redirect("privacy:review")
    return form_page(
        request,
        form_class=DecisionForm,
        template="privacy/review_item.html",
        save=lambda form: _decide(form, item),
        success_url=reverse("privacy:review"),
        success_message=lambda done: (
            "The personal data was erased; an anonymous count stays."
            if done.status == ReviewItem.Status.ERASED
            else f"Kept: the record is due a review again on {next_due_on(done):%-d %B %Y}."
        ),
        context={"row": describe_items([item])[0], "period": period_text(item.kind)},
    )


def review_item_view(kind: str) -> Callable[..., HttpResponse]:
    """The page deciding an item of `kind`. Who decides differs by kind, so each kind has its own route
    and permission (sn.privacy.kinds: whoever may handle the message, keeps the panel's membership,
    handles the query, records ASB there)."""
    review = KINDS[kind].review

    @access(permission=review.permission)
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        return _review_item(request, pk, kind)

    view.__name__ = view.__qualname__ = review.url_name
    return view


@access(permission=HANDLE_ERASURE_REQUESTS)
def requests(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/requests.html", {"requests": requests_for_user(request.user)[:200]})


@access(permission=HANDLE_ERASURE_REQUESTS)
def request_new(request: HttpRequest) -> HttpResponse:
    return form_page(
        request,
        form_class=RequestForm,
        template="privacy/request_new.html",
        save=lambda form: services.erasure_request_create(**form.cleaned_data),
        success_url=lambda done: reverse("privacy:request", args=[done.pk]),
        success_message=lambda done: (
            f"{len(done.found)} record(s) found: confirm those that are the person's."
        ),
        context={"kinds": [KIND_LABELS[k] for k in KIND_LABELS], "not_searched": NOT_SEARCHED_NOTE},
    )


@access(permission=HANDLE_ERASURE_REQUESTS)
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    erasure = get_request_for_user(request.user, pk)
    if request.GET.get("format") == "csv":
        return _report(erasure)
    keys = [entry["key"] for entry in erasure.found if entry["erasable"]]
    form = ConfirmForm(keys=keys)
    status = 200
    if request.method == "POST" and erasure.is_open:
        form = ConfirmForm(request.POST, keys=keys)
        if form.is_valid():
            try:
                with transaction.atomic():
                    services.erasure_request_complete(
                        request=erasure, confirmed=form.cleaned_data["confirmed"]
                    )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, f"{len(erasure.erased)} record(s) erased. The report below says what."
                )
                return redirect("privacy:request", pk=erasure.pk)
        status = 400
        erasure.refresh_from_db()
    return render(
        request,
        "privacy/request.html",
        {
            "erasure": erasure,
            "matches": describe_matches(erasure),
            "form": form,
            "not_searched": NOT_SEARCHED_NOTE,
        },
        status=status,
    )


@access(permission=HANDLE_ERASURE_REQUESTS)
def request_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    erasure = get_request_for_user(request.user, pk)
    if request.method != "POST":
        return render(request, "privacy/request_cancel.html", {"erasure": erasure})
    try:
        services.erasure_request_cancel(request=erasure)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, "The request was cancelled: nothing was erased, and the search was forgotten."
        )
    return redirect("privacy:request", pk=erasure.pk)


class _FormulaSafeWriter:
    """A csv writer whose text cells cannot start a formula: the reference is typed by staff."""

    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row) -> None:
        self._writer.writerow([safe_cell(value) for value in row])


def _report(erasure) -> HttpResponse:
    """The request's record as CSV: who asked, when, what was searched and found and erased; no values."""
    out = io.StringIO()
    writer = _FormulaSafeWriter(csv.writer(out))
    writer.writerow(["Erasure request", erasure.pk])
    writer.writerow(["Reference", erasure.reference])
    writer.writerow(["Entered by", erasure.requested_by.get_full_name() if erasure.requested_by else ""])
    writer.writerow(["Entered at", f"{timezone.localtime(erasure.created_at):%Y-%m-%d %H:%M}"])
    writer.writerow(["Status", erasure.get_status_display()])
    writer.writerow(
        [
            "Completed at",
            f"{timezone.localtime(erasure.completed_at):%Y-%m-%d %H:%M}" if erasure.completed_at else "",
        ]
    )
    writer.writerow(["Searched by", ", ".join(erasure.searched_by)])
    writer.writerow(["Kinds searched", "; ".join(erasure.kinds_searched)])
    writer.writerow(["Not searched", NOT_SEARCHED_NOTE])
    writer.writerow([])
    writer.writerow(["Kind", "Record id", "Area", "Note", "Outcome"])
    erased = set(erasure.erased)
    for entry in erasure.found:
        if entry["key"] in erased:
            outcome = "Erased"
        elif not entry["erasable"]:
            outcome = "Reported: named in a working role, not erased here"
        else:
            outcome = "Not erased (not confirmed as the person's)"
        writer.writerow(
            [KIND_LABELS[entry["kind"]], entry["record_id"], entry["area"], entry["note"], outcome]
        )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="erasure-request-{erasure.pk}.csv"'
    return response
