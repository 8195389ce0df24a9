""" "Your Voice Counts" for the public: the form, and the page that gives the sender their reference.

Abuse protection needs no third party: a honeypot field (a program that fills every field fills it; the
sender gets the same-looking confirmation, nothing is stored, and the attempt is logged) and a rate limit
per client address (settings.SN_FEEDBACK_RATE_PER_HOUR after a burst of SN_FEEDBACK_BURST), shared by
every worker through the cache. Only a message that would be stored counts against the limit, so someone
correcting a mistake in the form is never turned away.
"""

import logging
import math
from datetime import date

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from sn.core.access import access
from sn.core.middleware import client_address
from sn.core.ratelimit import allow
from sn.feedback.forms import FeedbackForm, area_value, parse_area
from sn.feedback.models import Kind, ReplyBy
from sn.feedback.rules import due_date, working_days_to_answer
from sn.feedback.services import feedback_submit
from sn.feedback.services.submit import new_reference
from sn.geography.models import Borough, Neighbourhood

security_log = logging.getLogger("sn.security")
SENT_SALT = "feedback-sent"
# The confirmation link works for a week: long enough to come back to, and it shows only the reference.
SENT_MAX_AGE = 7 * 24 * 60 * 60


class RateLimited(Exception):
    def __init__(self, retry_after: float):
        super().__init__(f"retry after {retry_after:.0f} s")
        self.retry_after = retry_after


def _count_against_limit(request: HttpRequest) -> None:
    allowed, retry_after = allow(
        key=f"feedback:{client_address(request)}",
        rate=settings.SN_FEEDBACK_RATE_PER_HOUR / 3600,
        burst=settings.SN_FEEDBACK_BURST,
    )
    if not allowed:
        raise RateLimited(retry_after)


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


def _form_page(request: HttpRequest, form: FeedbackForm, *, status: int = 200, **extra) -> HttpResponse:
    context = {
        "form": form,
        "public_section": "feedback",
        "complaint_days": working_days_to_answer(Kind.COMPLAINT),
        "other_days": working_days_to_answer(Kind.PRAISE),
        "retention_days": settings.SN_FEEDBACK_RETENTION_DAYS,
        **extra,
    }
    return render(request, "feedback/give.html", context, status=status)


def _too_many(request: HttpRequest, form: FeedbackForm, retry_after: float) -> HttpResponse:
    minutes = max(1, math.ceil(retry_after / 60))
    response = _form_page(request, form, status=429, retry_minutes=minutes)
    response["Retry-After"] = str(max(1, math.ceil(retry_after)))
    return response


def _honeypot(request: HttpRequest, form: FeedbackForm) -> HttpResponse:
    """What a program that filled the hidden field gets: the confirmation a person would, for nothing."""
    _count_against_limit(request)
    security_log.info(
        "feedback honeypot filled address=%s path=%r: nothing stored", client_address(request), request.path
    )
    kind = form.data.get("kind") if form.data.get("kind") in Kind.values else Kind.SUGGESTION
    reply_by = form.data.get("reply_by") if form.data.get("reply_by") in ReplyBy.values else ReplyBy.NONE
    area = parse_area(form.data.get("area", ""))
    area_name = "" if area is None else area[1].name if area[1] else f"{area[0].name} (whole borough)"
    today = timezone.localdate()
    return redirect(
        _confirmation(new_reference(today.year), kind, reply_by, False, area_name, due_date(kind, today))
    )


@never_cache
@access(public=True)
def give(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _form_page(request, FeedbackForm(initial=_initial(request)))
    form = FeedbackForm(data=request.POST)
    try:
        if form.honeypot_filled:
            return _honeypot(request, form)
        if form.is_valid():
            try:
                with transaction.atomic():
                    feedback = feedback_submit(**form.service_arguments())
                    # Counted only once the service has accepted it; over the limit, the insert is undone.
                    _count_against_limit(request)
            except ValidationError as error:
                form.add_error(None, error)
            else:
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
    except RateLimited as limited:
        return _too_many(request, form, limited.retry_after)
    return _form_page(request, form, status=400)


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
