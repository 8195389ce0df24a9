"""Holding a signed-in user at the code step until they pass it (sn.accounts.otp decides who must).

Until then they reach the code step, enrolment and signing out as themselves, and public pages as an
anonymous visitor (a public page can show more to someone signed in: the home page lists their work);
everything else sends them to the code step, or to enrolment when they have nothing to give a code from
yet. On /api/ such a session counts as no session at all, and a request with an API token is left to
the token, which is a credential of its own (sn.api.auth)."""

from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse

from sn.accounts.otp import code_still_due, is_enrolled

# The pages of the code step itself, by URL name, and signing out.
OPEN_DURING_CODE_STEP = frozenset(
    {"accounts:second_factor_verify", "accounts:second_factor_enrol", "accounts:logout"}
)


def _route(request: HttpRequest) -> tuple[str, bool]:
    """The URL name of the request's view, and whether the view is public."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return "", False
    rule = getattr(match.func, "access_rule", None)
    return match.view_name, bool(rule is not None and rule.public)


class SecondFactorMiddleware:
    """After django_otp.middleware.OTPMiddleware, which tells whether the session passed the code step."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        if request.path_info.startswith("/api/"):
            if not request.headers.get("Authorization") and code_still_due(user):
                request.user = AnonymousUser()
            return self.get_response(request)
        name, public = _route(request)
        if name in OPEN_DURING_CODE_STEP or not code_still_due(user):
            return self.get_response(request)
        if public:
            request.user = AnonymousUser()
            return self.get_response(request)
        step = "accounts:second_factor_verify" if is_enrolled(user) else "accounts:second_factor_enrol"
        url = reverse(step)
        if request.method == "GET":
            url += "?" + urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(url)
