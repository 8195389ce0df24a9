"""The API's operations' access rules, for the generated permissions table and the access matrix
(imported in ApiConfig.ready()). The rule on each operation is the one enforced (sn.core.access.api_access);
this walks every router added to the API, so a new router's operations are registered without a list."""

from sn.api.api import api
from sn.core.access import AccessRule
from sn.core.registries import ROUTE_RULES, RouteRule

# Routes django-ninja adds itself: the OpenAPI document and its documentation page are public; the bare
# root serves nothing (404).
BUILT_IN = {
    "openapi-json": AccessRule(public=True),
    "openapi-view": AccessRule(public=True),
    "api-root": AccessRule(public=True),
}


def operations():
    """(url name, operation) of every operation of the API, over all its routers."""
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                if operation.url_name:
                    yield operation.url_name, operation


for url_name, rule in BUILT_IN.items():
    ROUTE_RULES.register(RouteRule(f"api:{url_name}", rule))
for url_name, operation in operations():
    rule = getattr(operation.view_func, "access_rule", None)
    if rule is not None:
        ROUTE_RULES.register(RouteRule(f"api:{url_name}", rule))
