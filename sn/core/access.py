"""Declaring who may open a view. Every URL's view carries one of these rules, and the permission
matrix test fails for any route without one."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse


@dataclass(frozen=True)
class AccessRule:
    public: bool = False
    permission: str | None = None  # a constant from an app's permissions.py; None = any signed-in user


def has_permission(user, permission: str) -> bool:
    return user.is_authenticated and user.is_active and user.has_perm(f"accounts.{permission}")


def require_permission(request: HttpRequest, permission: str) -> None:
    """Refuse (403) a signed-in user whose role lacks the permission. The reason is left on the request
    for the security log (sn.core.middleware.RefusalLogMiddleware), which the API's JSON 403 reaches
    without the exception."""
    if not has_permission(request.user, permission):
        request.sn_refusal_reason = f"the role lacks the permission {permission}"
        raise PermissionDenied(request.sn_refusal_reason)


def access(*, public: bool = False, permission: str | None = None) -> Callable:
    rule = AccessRule(public=public, permission=permission)

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        if public:
            view.access_rule = rule
            return view

        @wraps(view)
        def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if permission:
                require_permission(request, permission)
            return view(request, *args, **kwargs)

        guarded.access_rule = rule
        return guarded

    return decorator


def api_access(*, public: bool = False, permission: str | None = None) -> Callable:
    """The same rule for a django-ninja operation: the permission is checked on the server before the
    operation runs (a 403 answered as JSON by the API's handler), and the rule is kept on the function
    for the generated permissions table."""
    rule = AccessRule(public=public, permission=permission)

    def decorator(operation: Callable) -> Callable:
        if public or not permission:
            operation.access_rule = rule
            return operation

        @wraps(operation)
        def guarded(request: HttpRequest, *args, **kwargs):
            require_permission(request, permission)
            return operation(request, *args, **kwargs)

        guarded.access_rule = rule
        return guarded

    return decorator
