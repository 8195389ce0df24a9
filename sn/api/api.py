"""The platform's JSON API, /api/v1/ (how-to: docs/how-to/platform-api.md).

Every operation acts as the caller: the signed-in user of a browser session, or the owner of an API token
sent as `Authorization: Bearer <token>` (sn.api.auth). Access is decided per operation, on the server,
with the pages' own permissions (sn.core.access.api_access) and the pages' own selectors and record
rules for scope: an object out of scope is a 404, a role without the permission a 403, no caller a 401.
Lists are paged with ?limit= (at most 500) and ?offset=, and answer {"items": [...], "count": N}.

The OpenAPI document is /api/v1/openapi.json, its documentation page /api/v1/docs (sn.api.docs)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import NinjaAPI

from sn.api.auth import AUTH
from sn.api.docs import LocalSwagger
from sn.api.routers import activity, areas, cases, demand, events, priorities, surveys, teams

api = NinjaAPI(
    title="Safer Neighbourhoods API",
    version="1",
    description=(
        "The platform's own API for partners and integrations. Authenticate with an API token "
        "(`Authorization: Bearer <token>`; make one at /accounts/api-tokens/) or a signed-in session. "
        "A token acts exactly as its owner: the same role, area and permissions as the pages. "
        "Lists take `limit` (1 to 500, default 100) and `offset` and answer `{items, count}`."
    ),
    urls_namespace="api",
    auth=AUTH,
    docs=LocalSwagger(),
    docs_url="/docs",
)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied):
    # The same check as the pages (sn.core.access.require_permission), answered as JSON.
    return api.create_response(request, {"detail": "Your role does not allow this."}, status=403)


for module in (areas, teams, priorities, cases, events, activity, demand, surveys):
    api.add_router("/", module.router)
