"""Posting to form pages (sn.core.form_pages) in tests, and reading back which fields were refused."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils.html import escape

WHOLE_FORM = "__all__"  # the key of errors that belong to no one field


def form_errors(response: HttpResponse) -> dict[str, list[str]]:
    """The errors of the form the page was rendered with, by field name (WHOLE_FORM for the form)."""
    return {field: list(messages) for field, messages in response.context["form"].errors.items()}


def post_form(
    client, url: str, data: Mapping[str, Any], *, errors: Mapping[str, Sequence[str]] | None = None
) -> HttpResponse:
    """Post `data` (files as SimpleUploadedFile values) to the form page at `url`.

    Without `errors` the form must have been saved: the response is the redirect. With `errors` the
    page must have come back with status 400, the fields in error being exactly those named, each
    with as many messages as given, in order, each message containing the text given; and every
    message must be on the page itself, not only in the form.
    """
    response = client.post(url, data)
    if errors is None:
        assert response.status_code == 302, f"not saved ({response.status_code}): {_errors_or_none(response)}"
        return response
    assert response.status_code == 400, f"expected the form back with errors, got {response.status_code}"
    found = form_errors(response)
    assert set(found) == set(errors), f"fields in error: {sorted(found)}, expected {sorted(errors)}"
    page = response.content.decode()
    for field, expected in errors.items():
        messages = found[field]
        assert len(messages) == len(expected), f"{field}: {messages}"
        for text, message in zip(expected, messages, strict=True):
            assert text in message, f"{field}: {text!r} is not in {message!r}"
            assert escape(message) in page, f"{field}: {message!r} is not shown on the page"
    return response


def _errors_or_none(response: HttpResponse) -> dict | None:
    context = response.context
    return form_errors(response) if context is not None and "form" in context else None
