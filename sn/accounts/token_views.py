"""/accounts/api-tokens/: a signed-in user's API tokens, listed with their state, made (the token shown
once, on the page the form redirects to) and revoked; the central unit sees and revokes everyone's."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from sn.accounts.permissions import MANAGE_API_TOKENS
from sn.accounts.tokens import (
    MAX_EXPIRY_DAYS,
    NAME_LENGTH,
    api_token_create,
    api_token_revoke,
    get_token_for_user,
    tokens_for,
)
from sn.core.access import access, has_permission

CHOOSE_A_TOKEN = "Choose a token to revoke."


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="What the token is for",
        max_length=NAME_LENGTH,
        help_text="The system or script that will use it, such as “Council ASB dashboard”",
        error_messages={"required": "Say what the token is for, such as the system that will use it."},
    )
    expires_in_days = forms.IntegerField(
        label="Expires after (days, optional)",
        required=False,
        min_value=1,
        max_value=MAX_EXPIRY_DAYS,
        help_text=f"From 1 to {MAX_EXPIRY_DAYS} days. Leave it empty for a token that works until revoked.",
        error_messages={"invalid": "Enter a whole number of days."},
    )


NEW_TOKEN_KEY = "sn_new_api_token"


def _new_token(request: HttpRequest):
    """The token made by the form just before the redirect, once: (token, the token itself) or None."""
    waiting = request.session.pop(NEW_TOKEN_KEY, None)
    if not isinstance(waiting, dict):
        return None
    token = tokens_for(request.user).filter(pk=waiting.get("id")).first()
    return (token, waiting.get("raw", "")) if token is not None else None


class RevokeForm(forms.Form):
    token = forms.IntegerField(
        widget=forms.HiddenInput, error_messages={"required": CHOOSE_A_TOKEN, "invalid": CHOOSE_A_TOKEN}
    )


@access()
def api_tokens(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = ApiTokenForm()
    created, status = None, 200
    if request.method == "POST" and request.POST.get("action") == "revoke":
        revoke = RevokeForm(request.POST)
        if not revoke.is_valid():
            messages.error(request, CHOOSE_A_TOKEN)
            return redirect(reverse("accounts:api_tokens"))
        token = get_token_for_user(user, revoke.cleaned_data["token"])
        try:
            api_token_revoke(token=token, actor=user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{token.prefix} ({token.name}) is revoked: it no longer works.")
        return redirect(reverse("accounts:api_tokens"))
    if request.method == "POST":
        form = ApiTokenForm(request.POST)
        if form.is_valid():
            try:
                with transaction.atomic():
                    token, raw = api_token_create(
                        owner=user,
                        name=form.cleaned_data["name"],
                        expires_in_days=form.cleaned_data["expires_in_days"],
                        actor=user,
                    )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                # Post, then redirect, so that reloading the page cannot make a second token. The token
                # waits in the session for that one next answer, which takes it out again.
                request.session[NEW_TOKEN_KEY] = {"id": token.id, "raw": raw}
                return redirect(reverse("accounts:api_tokens"))
        if form.errors:
            status = 400
    else:
        created = _new_token(request)
    now = timezone.now()
    tokens = [(token, token.state(now)) for token in tokens_for(user)]
    return render(
        request,
        "accounts/api_tokens.html",
        {
            "form": form,
            "created": created,
            "tokens": tokens,
            "everyone": has_permission(user, MANAGE_API_TOKENS),
            "docs_url": reverse("api:openapi-view"),
        },
        status=status,
    )
