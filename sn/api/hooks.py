"""The API's operations' access rules, for the generated permissions table (imported in
ApiConfig.ready()). The rule on each operation is the one enforced (sn.core.access.api_access)."""

from sn.api.api import api
from sn.core.access import AccessRule
from sn.core.registries import ROUTE_RULES, RouteRule

# Routes django-ninja adds itself: the OpenAPI document is public; the bare root serves nothing (404).
BUILT_IN = {"openapi-json": AccessRule(public=True), "api-root": AccessRule(public=True)}

for url_name, rule in BUILT_IN.items():
    ROUTE_RULES.register(RouteRule(f"api:{url_name}", rule))
for _prefix, router in api._routers:
    for path_view in router.path_operations.values():
        for operation in path_view.operations:
            rule = getattr(operation.view_func, "access_rule", None)
            if operation.url_name and rule is not None:
                ROUTE_RULES.register(RouteRule(f"api:{operation.url_name}", rule))
