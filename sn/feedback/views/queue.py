"""The borough's queue of messages: the list, one message, and its triage, replies and closing.

Every page fetches the message through the record rule (sn.feedback.permissions): out of the user's
reach it is 404; readable but not theirs to handle, 403 on the handling pages. The sender's details are
in the page only for those who may handle the message.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from sn.core.access import access, has_permission
from sn.core.form_pages import form_page
from sn.core.parameters import bad_parameter
from sn.core.tables import ASCENDING, DESCENDING, Column, table
from sn.feedback.forms import CloseForm, ReplyForm, TriageForm, area_value
from sn.feedback.models import Kind, Status
from sn.feedback.permissions import HANDLE_FEEDBACK, VIEW_FEEDBACK, get_message_for_user, may_handle
from sn.feedback.selectors import QueueFilters, handlers_for, open_counts, queue_for_user
from sn.feedback.services import feedback_assign, feedback_close, feedback_reply
from sn.feedback.services.handling import emails_are_sent, reply_methods

ROWS_PER_PAGE = 50
STATUS_FILTERS = [
    ("open", "Open"),
    ("overdue", "Overdue"),
    *[(s.value, s.label) for s in Status],
    ("all", "All"),
]


def _columns() -> list[Column]:
    return [
        Column(
            "received",
            "Received",
            lambda m: m.received_at,
            first=DESCENDING,
            ways=("oldest first", "newest first"),
        ),
        Column("due", "Due", lambda m: m.due_on, ways=("soonest first", "latest first")),
        Column("area", "Ward or borough", lambda m: m.area_name, ways=("A to Z", "Z to A")),
        Column("kind", "Kind", lambda m: m.get_kind_display(), ways=("A to Z", "Z to A")),
        Column("status", "Status", lambda m: m.get_status_display(), ways=("A to Z", "Z to A")),
    ]


def _filters(request: HttpRequest) -> tuple[QueueFilters | None, HttpResponse | None]:
    status = request.GET.get("status", "open")
    kind = request.GET.get("kind", "")
    if status not in dict(STATUS_FILTERS):
        return None, bad_parameter(
            request, name="status", value=status, error="Choose a status from the list"
        )
    if kind and kind not in Kind.values:
        return None, bad_parameter(request, name="kind", value=kind, error="Choose a kind from the list")
    return QueueFilters(status=status, kind=kind, mine=request.GET.get("mine") == "1"), None


@access(permission=VIEW_FEEDBACK)
def queue(request: HttpRequest) -> HttpResponse:
    filters, refusal = _filters(request)
    if refusal:
        return refusal
    today = timezone.localdate()
    messages = list(queue_for_user(request.user, filters, today=today).order_by("due_on", "received_at"))
    rows = table(
        request,
        messages,
        columns=_columns(),
        default=("due", ASCENDING),
        text=lambda m: f"{m.reference} {m.area_name} {m.get_kind_display()} {m.get_category_display()}",
        per_page=ROWS_PER_PAGE,
    )
    if rows.error:
        return rows.bad_request(request)
    context = {
        "table": rows,
        "messages_page": rows.rows,
        "filters": filters,
        "status_filters": STATUS_FILTERS,
        "kinds": Kind.choices,
        "counts": open_counts(request.user, today=today),
        "today": today,
        "can_handle": has_permission(request.user, HANDLE_FEEDBACK),
    }
    return render(request, "feedback/queue.html", context)


@access(permission=VIEW_FEEDBACK)
def message(request: HttpRequest, reference: str) -> HttpResponse:
    feedback = get_message_for_user(request.user, reference)
    handles = may_handle(request.user, feedback)
    context = {
        "feedback": feedback,
        "replies": list(feedback.replies.select_related("replied_by")),
        "show_sender": handles,
        "can_handle": handles and feedback.is_open and not feedback.is_erased,
        "today": timezone.localdate(),
    }
    return render(request, "feedback/message.html", context)


def _message_url(feedback) -> str:
    return reverse("feedback:message", args=[feedback.reference])


def _handler_users(feedback) -> list:
    """Who may be given the message: those who may handle it where it is, and its handler now."""
    users = handlers_for(
        borough=feedback.borough, neighbourhood=feedback.neighbourhood, about_conduct=feedback.about_conduct
    )
    return [*users, feedback.handler] if feedback.handler and feedback.handler not in users else users


@access(permission=HANDLE_FEEDBACK)
def triage(request: HttpRequest, reference: str) -> HttpResponse:
    feedback = get_message_for_user(request.user, reference, for_write=True)
    users = {user.pk: user for user in _handler_users(feedback)}
    choices = [(pk, f"{u.get_full_name() or u.username} ({u.get_role_display()})") for pk, u in users.items()]
    initial = {
        "handler": feedback.handler_id or request.user.pk,
        "category": feedback.category,
        "area": area_value(feedback.borough, feedback.neighbourhood),
        "about_conduct": feedback.about_conduct,
    }

    def save(form):
        borough, neighbourhood = form.cleaned_data["area"]
        return feedback_assign(
            feedback=feedback,
            handler=users.get(form.cleaned_data["handler"]),
            category=form.cleaned_data["category"],
            borough=borough,
            neighbourhood=neighbourhood,
            about_conduct=form.cleaned_data.get("about_conduct", feedback.about_conduct),
            actor=request.user,
        )

    return form_page(
        request,
        form_class=TriageForm,
        template="feedback/triage.html",
        save=save,
        success_url=lambda saved: _after_triage(request.user, saved),
        success_message=lambda saved: f"{saved.reference} assigned to {saved.handler}",
        form_kwargs={
            "initial": initial,
            "handlers": choices,
            "is_complaint": feedback.kind == Kind.COMPLAINT,
        },
        context={"feedback": feedback},
    )


def _after_triage(user, feedback) -> str:
    """Back to the message, unless triage moved it out of the user's reach: then to the queue."""
    return _message_url(feedback) if may_handle(user, feedback) else reverse("feedback:queue")


@access(permission=HANDLE_FEEDBACK)
def reply(request: HttpRequest, reference: str) -> HttpResponse:
    feedback = get_message_for_user(request.user, reference, for_write=True)
    return form_page(
        request,
        form_class=ReplyForm,
        template="feedback/reply.html",
        save=lambda form: feedback_reply(feedback=feedback, **form.cleaned_data, actor=request.user),
        success_url=_message_url(feedback),
        success_message=lambda saved: (
            f"Reply emailed to the sender of {feedback.reference}"
            if saved.sent_by_service
            else f"Reply by {saved.get_method_display().lower()} recorded for {feedback.reference}"
        ),
        form_kwargs={"methods": reply_methods(feedback), "initial": {"method": feedback.reply_by}},
        context={"feedback": feedback, "emails_are_sent": emails_are_sent()},
    )


@access(permission=HANDLE_FEEDBACK)
def close(request: HttpRequest, reference: str) -> HttpResponse:
    feedback = get_message_for_user(request.user, reference, for_write=True)
    return form_page(
        request,
        form_class=CloseForm,
        template="feedback/close.html",
        save=lambda form: feedback_close(feedback=feedback, **form.cleaned_data, actor=request.user),
        success_url=_message_url(feedback),
        success_message=lambda saved: f"{saved.reference} closed: {saved.get_outcome_display().lower()}",
        context={"feedback": feedback, "has_replies": feedback.replies.exists()},
    )
