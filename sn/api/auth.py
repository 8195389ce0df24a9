"""How a call to the platform API says who it is: `Authorization: Bearer <token>` (an API token, which
acts exactly as its owner), or the session of a signed-in browser. A token is never read from the query
string, where it would land in logs and browser history.

A request that carries a bearer token is judged by that token alone: a wrong, expired or revoked token is
a 401 even from a browser that is also signed in, so an integration never works by accident through a
session."""

from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, SessionAuth

from sn.accounts.tokens import user_for_token


class TokenAuth(HttpBearer):
    """An API token in the Authorization header (sn.accounts.tokens). The token's owner becomes the
    request's user, so every permission and scope check is the pages' own."""

    def authenticate(self, request: HttpRequest, token: str):
        user = user_for_token(token.strip())
        if user is None:
            request.sn_refusal_reason = "an API token that is unknown, expired or revoked"
            raise AuthenticationError(401, "The API token is not valid: it is unknown, expired or revoked.")
        request.user = user
        request.sn_api_token = True
        return user


class BrowserSession(SessionAuth):
    """The session of a signed-in browser (the docs page tries the API with it)."""

    def __call__(self, request: HttpRequest):
        if request.headers.get("Authorization", "").lower().startswith("bearer"):
            return None  # judged by the token alone (TokenAuth)
        return super().__call__(request)


AUTH = [TokenAuth(), BrowserSession()]
