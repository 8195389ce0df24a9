"""The one shape of a page with a form (how-to: docs/how-to/form-pages.md).

GET shows the form. POST validates it and, if it is valid, calls `save` (which calls one service)
inside a transaction, then redirects with a success message. A problem comes back on the same page
with status 400: an error of the form, or a django.core.exceptions.ValidationError raised by the
service (keyed by field name, or not keyed for the form as a whole). The transaction is rolled back
before the page is shown again, so a refused form never leaves half its writes behind.
"""

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

F = TypeVar("F", bound=forms.BaseForm)
T = TypeVar("T")


def form_page(
    request: HttpRequest,
    *,
    form_class: type[F],
    template: str,
    save: Callable[[F], T],
    success_url: str | Callable[[T], str],
    success_message: str | Callable[[T], str],
    form_kwargs: Mapping[str, Any] | None = None,
    context: Mapping[str, Any] | None = None,
) -> HttpResponse:
    """`save` gets the valid form and returns what the service returned; `success_url` and
    `success_message` may be worked out from that (the new record's page, its name). `form_kwargs`
    go to the form on GET and POST alike (initial, instance, the user); the template gets `form` and
    `context`."""
    kwargs = dict(form_kwargs or {})
    if request.method != "POST":
        return _show(request, template, form_class(**kwargs), context)
    form = form_class(data=request.POST, files=request.FILES, **kwargs)
    if form.is_valid():
        try:
            with transaction.atomic():
                result = save(form)
        except ValidationError as error:
            form.add_error(None, _keyed_by(form, error))
        else:
            messages.success(request, _for(success_message, result))
            return redirect(_for(success_url, result))
    return _show(request, template, form, context, status=400)


def _keyed_by(form: forms.BaseForm, error: ValidationError) -> ValidationError:
    """A refusal's messages on the form's fields; one keyed by a name the form does not have (the
    service's own name for it) on the whole form, where add_error() would raise."""
    if not hasattr(error, "error_dict"):
        return error
    aliases = getattr(form, "aliases", {})  # the service's name -> the form's (sn.panels.forms.ServiceForm)
    keyed: dict[str, list] = {}
    for name, refusals in error.error_dict.items():
        target = aliases.get(name, name)
        keyed.setdefault(target if target in form.fields else NON_FIELD_ERRORS, []).extend(refusals)
    return ValidationError(keyed)


def _for(value: str | Callable[[T], str], result: T) -> str:
    return value(result) if callable(value) else value


def _show(request, template: str, form, context: Mapping[str, Any] | None, status: int = 200):
    return render(request, template, {**(context or {}), "form": form}, status=status)
