"""/accounts/second-factor/...: a user's own second factor (set up, recovery codes), the code step of
signing in, and the central unit's page that resets someone's. The rules are in sn.accounts.otp."""

from urllib.parse import urlencode

import segno
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from axes.utils import reset as axes_reset
from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from sn.accounts.otp import (
    RECOVERY_CODE_COUNT,
    code_check,
    is_enrolled,
    is_required,
    key_for_people,
    log,
    new_key,
    recovery_codes_left,
    recovery_codes_renew,
    second_factor_due,
    second_factor_reset,
    totp_device_confirm,
    unsaved_device,
)
from sn.accounts.permissions import RESET_SECOND_FACTOR
from sn.accounts.selectors import get_user_looked_after_by, users_looked_after_by
from sn.core.access import access
from sn.core.form_pages import form_page
from sn.core.middleware import client_address

ENROL_KEY = "sn_otp_enrol_key"
NEW_CODES_KEY = "sn_otp_new_recovery_codes"
CHOOSE_SOMEONE = "Choose whose second factor to reset."


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text="The 6-digit code your authenticator app shows now, or one of your recovery codes",
        error_messages={"required": "Enter the code from your authenticator app, or a recovery code."},
    )


class EnrolForm(forms.Form):
    code = forms.CharField(
        label="Code from the app",
        max_length=20,
        help_text="The 6-digit code the app shows once it has the key",
        error_messages={"required": "Enter the 6-digit code the app shows, to prove it has the key."},
    )


class ResetForm(forms.Form):
    user = forms.IntegerField(
        widget=forms.HiddenInput, error_messages={"required": CHOOSE_SOMEONE, "invalid": CHOOSE_SOMEONE}
    )


def _me(request: HttpRequest):
    """The signed-in user as a model instance: the authentication and django-otp middleware each wrap
    request.user in a lazy object, which the audit trail cannot name as the record changed."""
    user = request.user
    while isinstance(user, SimpleLazyObject):
        user.pk  # noqa: B018 - evaluates the lazy object
        user = user._wrapped
    return user


def _next_url(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}, require_https=False):
        return wanted
    return reverse("pages:home")


@access()
def second_factor(request: HttpRequest) -> HttpResponse:
    """The user's own page: whether they are enrolled, how many recovery codes are left, what to do."""
    user = _me(request)
    return render(
        request,
        "accounts/second_factor.html",
        {
            "enrolled": is_enrolled(user),
            "required": is_required(user),
            "device": TOTPDevice.objects.filter(user=user, confirmed=True).first(),
            "codes_left": recovery_codes_left(user),
            "verified": user.is_verified(),
        },
    )


@access()
def second_factor_enrol(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: a QR code and the key in text, saved only once a first code proves
    the app holds the key. Someone already enrolled replaces their app only after passing the code step
    (else a stolen password would be enough to move the second factor to the thief's phone)."""
    user = _me(request)
    if is_enrolled(user) and not user.is_verified():
        return redirect(reverse("accounts:second_factor_verify") + "?" + request.GET.urlencode())
    key = request.session.get(ENROL_KEY) or new_key()
    request.session[ENROL_KEY] = key
    form = EnrolForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                device, codes = totp_device_confirm(
                    user=user, key=key, code=form.cleaned_data["code"], actor=user
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                del request.session[ENROL_KEY]
                # The first code proved the app, so this session has passed the code step too.
                otp_login(request, device)
                request.session[NEW_CODES_KEY] = codes
                messages.success(request, "Your authenticator app is set up. Keep your recovery codes safe.")
                return redirect(reverse("accounts:recovery_codes") + "?" + _next_query(request))
        status = 400
    device = unsaved_device(user, key)
    return render(
        request,
        "accounts/second_factor_enrol.html",
        {
            "form": form,
            "qr_svg": segno.make(device.config_url, error="m").svg_inline(
                scale=5, light="#fff", title="QR code of the key"
            ),
            "key_text": key_for_people(key),
            "replacing": is_enrolled(user),
            "required": is_required(user),
            "next": request.GET.get("next", ""),
        },
        status=status,
    )


def _next_query(request: HttpRequest) -> str:
    wanted = request.GET.get("next", "")
    return urlencode({"next": wanted}) if wanted else ""


@access()
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """A new set of recovery codes (POST), and the set just made, shown on the next page only."""
    user = _me(request)
    if request.method == "POST":
        try:
            with transaction.atomic():
                codes = recovery_codes_renew(user=user, actor=user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            request.session[NEW_CODES_KEY] = codes
            messages.success(request, "Your new recovery codes are below. The old ones no longer work.")
        return redirect(reverse("accounts:recovery_codes"))
    codes = request.session.pop(NEW_CODES_KEY, None)
    return render(
        request,
        "accounts/recovery_codes.html",
        {
            "codes": codes if isinstance(codes, list) else None,
            "enrolled": is_enrolled(user),
            "codes_left": recovery_codes_left(user),
            "count": RECOVERY_CODE_COUNT,
            "next": _next_url(request) if request.GET.get("next") else "",
        },
    )


def _locked_out(request: HttpRequest, credentials: dict) -> HttpResponse:
    # The session ends with the lockout: signing in again meets the lockout at the password step.
    logout(request)
    request.axes_locked_out = True
    return get_lockout_response(request, None, credentials)


@access()
def second_factor_verify(request: HttpRequest) -> HttpResponse:
    """The code step of signing in. A wrong code is a failed sign-in for the username in django-axes, so
    five of them lock the account as five wrong passwords do, and a locked account cannot pass."""
    user = _me(request)
    if user.is_verified():
        return redirect(_next_url(request))
    if not is_enrolled(user):
        if second_factor_due(user):
            return redirect(reverse("accounts:second_factor_enrol") + "?" + request.GET.urlencode())
        return render(request, "accounts/second_factor_verify.html", {"form": None, "next": ""})
    credentials = {"username": user.get_username()}
    if not AxesProxyHandler.is_allowed(request, credentials):
        return _locked_out(request, credentials)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        device = code_check(user=user, code=form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            axes_reset(username=user.get_username())
            recovery = isinstance(device, StaticDevice)
            log.info(
                "sign-in code passed user=%s with=%s address=%s",
                user.pk,
                "recovery-code" if recovery else "app",
                client_address(request),
            )
            if recovery:
                messages.warning(
                    request,
                    f"You used a recovery code: it will not work again. {recovery_codes_left(user)} left.",
                )
            return redirect(_next_url(request))
        log.warning(
            "sign-in code refused username=%r address=%s", user.get_username(), client_address(request)
        )
        AxesProxyHandler.user_login_failed(sender=CodeForm, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False):
            return _locked_out(request, credentials)
        form.add_error(
            "code", "That code is not right. Enter the code your app shows now, or a recovery code."
        )
    if request.method == "POST":
        status = 400
    return render(
        request,
        "accounts/second_factor_verify.html",
        {"form": form, "next": request.POST.get("next") or request.GET.get("next", "")},
        status=status,
    )


@access(permission=RESET_SECOND_FACTOR)
def second_factor_people(request: HttpRequest) -> HttpResponse:
    """Who has set up a second factor, and a reset for someone who has lost their phone and codes."""

    def reset(form: ResetForm):
        person = get_user_looked_after_by(request.user, form.cleaned_data["user"])
        return second_factor_reset(user=person, actor=request.user, address=client_address(request))

    devices = (
        TOTPDevice.objects.filter(confirmed=True, user__in=users_looked_after_by(request.user))
        .select_related("user")
        .order_by("user__username", "id")
    )
    return form_page(
        request,
        form_class=ResetForm,
        template="accounts/second_factor_people.html",
        save=reset,
        success_url=reverse("accounts:second_factor_people"),
        success_message=lambda person: (
            f"{person.get_username()}'s second factor is removed: "
            "they set up a new one when they next sign in."
        ),
        context={"devices": devices},
    )
