""" "Your Voice Counts" for the public: the form, and the page that gives the sender their reference.

Abuse protection needs no third party: a honeypot field and a rate limit per client address
(settings.SN_FEEDBACK_RATE_PER_HOUR after a burst of SN_FEEDBACK_BURST), handled as on every public form
by sn.core.public_forms.
"""

from datetime import date

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from sn.core.access import access
from sn.core.public_forms import public_form_post
from sn.feedback.forms import FeedbackForm, area_value, parse_area
from sn.feedback.models import Kind, ReplyBy
from sn.feedback.rules import due_date, working_days_to_answer
from sn.feedback.services import feedback_submit
from sn.feedback.services.submit import new_reference
from sn.geography.models import Borough, Neighbourhood

SENT_SALT = "feedback-sent"
# The confirmation link works for a week: long enough to come back to, and it shows only the reference.
SENT_MAX_AGE = 7 * 24 * 60 * 60


def _initial(request: HttpRequest) -> dict:
    """?ward=<code> (or ?borough=<code>) and ?kind= fill the form in, from a ward page's links."""
    initial: dict = {}
    ward_code, borough_code = request.GET.get("ward", ""), request.GET.get("borough", "")
    if ward_code and (ward := Neighbourhood.objects.select_related("borough").filter(code=ward_code).first()):
        initial["area"] = area_value(ward.borough, ward)
    elif borough_code and (borough := Borough.objects.filter(code=borough_code).first()):
        initial["area"] = area_value(borough, None)
    if request.GET.get("kind") in Kind.values:
        initial["kind"] = request.GET["kind"]
    return initial


def _confirmation(reference: str, kind: str, reply_by: str, about_conduct: bool, area: str, due: date) -> str:
    token = signing.dumps(
        {
            "ref": reference,
            "kind": kind,
            "reply": reply_by,
            "conduct": about_conduct,
            "area": area,
            "due": due.isoformat(),
        },
        salt=SENT_SALT,
        compress=True,
    )
    return f"{reverse('feedback:sent')}?t={token}"


def _form_page(
    request: HttpRequest, form: FeedbackForm, *, status: int = 200, retry_minutes: int | None = None
) -> HttpResponse:
    context = {
        "form": form,
        "public_section": "feedback",
        "complaint_days": working_days_to_answer(Kind.COMPLAINT),
        "other_days": working_days_to_answer(Kind.PRAISE),
        "retention_days": settings.SN_FEEDBACK_RETENTION_DAYS,
        "retry_minutes": retry_minutes,
    }
    return render(request, "feedback/give.html", context, status=status)


def _decoy(form: FeedbackForm) -> HttpResponse:
    """What a program that filled the hidden field gets: the confirmation a person would, for nothing."""
    kind = form.data.get("kind") if form.data.get("kind") in Kind.values else Kind.SUGGESTION
    reply_by = form.data.get("reply_by") if form.data.get("reply_by") in ReplyBy.values else ReplyBy.NONE
    area = parse_area(form.data.get("area", ""))
    area_name = "" if area is None else area[1].name if area[1] else f"{area[0].name} (whole borough)"
    today = timezone.localdate()
    return redirect(
        _confirmation(new_reference(today.year), kind, reply_by, False, area_name, due_date(kind, today))
    )


def _sent(feedback) -> HttpResponse:
    return redirect(
        _confirmation(
            feedback.reference,
            feedback.kind,
            feedback.reply_by,
            feedback.about_conduct,
            feedback.area_name,
            feedback.due_on,
        )
    )


@never_cache
@access(public=True)
def give(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _form_page(request, FeedbackForm(initial=_initial(request)))
    return public_form_post(
        request,
        FeedbackForm(data=request.POST),
        scope="feedback",
        per_hour=settings.SN_FEEDBACK_RATE_PER_HOUR,
        burst=settings.SN_FEEDBACK_BURST,
        save=lambda form: feedback_submit(**form.service_arguments()),
        sent=_sent,
        decoy=_decoy,
        show=lambda form, **page: _form_page(request, form, **page),
    )


@never_cache
@access(public=True)
def sent(request: HttpRequest) -> HttpResponse:
    """The reference and what happens next, from the signed link the form redirected to: it holds no
    message and no contact details, so it shows nobody else's message whoever opens it."""
    details = None
    token = request.GET.get("t", "")
    if token:
        try:
            details = signing.loads(token, salt=SENT_SALT, max_age=SENT_MAX_AGE)
            details["due"] = date.fromisoformat(details["due"])
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            details = None
    context = {
        "details": details,
        "public_section": "feedback",
        "kind_label": dict(Kind.choices).get(details["kind"], "") if details else "",
        "reply_label": dict(ReplyBy.choices).get(details["reply"], "") if details else "",
    }
    return render(request, "feedback/sent.html", context, status=200 if details or not token else 404)
