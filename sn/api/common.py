"""What every operation of the platform API shares: the error bodies, the statuses each may answer (so the
OpenAPI document lists every answer a client can get), paging, and reading a month or a date range.

Bad input is a 422 whose `detail` names the parameter (`loc`), the same shape as ninja's own validation
errors, so a client reads every refusal of its input one way."""

from datetime import date
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Path, Schema
from ninja.errors import ValidationError
from ninja.pagination import LimitOffsetPagination

from sn.core.months import parse_month

MAX_LIMIT = 500
# The codes of areas (GSS codes such as E05011095, cluster codes such as E09000002-C01, non-ward areas
# such as NW-CPT): letters, digits and hyphens. Anything else cannot be an area, and is refused before it
# reaches the database (PostgreSQL refuses a NUL in a query outright).
CODE_PATTERN = r"^[A-Za-z0-9-]{1,40}$"
AreaCode = Annotated[str, Path(..., pattern=CODE_PATTERN, description="The area's code")]


def code_filter(description: str = "Only this neighbourhood's (its code)"):
    return Field(None, pattern=CODE_PATTERN, description=description)


DEFAULT_LIMIT = 100


class Error(Schema):
    detail: str = Field(description="Why the request was refused")


class FieldError(Schema):
    loc: list[str | int] = Field(description="Where the bad value was: ['query', 'month']")
    msg: str
    type: str


class ValidationErrors(Schema):
    detail: list[FieldError]


def answers(ok: Any, *, one: bool = False, public: bool = False, bad_request: bool = False) -> dict:
    """The documented answers of an operation: `ok` for 200, 401 without a signed-in user or a valid
    token, 403 for a role without the permission, 404 for an object missing or out of scope (`one`),
    400 for a request that cannot be read at all (`bad_request`), and 422 for a bad parameter."""
    statuses: dict[int, Any] = {200: ok, 422: ValidationErrors}
    if not public:
        statuses |= {401: Error, 403: Error}
    if one:
        statuses[404] = Error
    if bad_request:
        statuses[400] = Error
    return statuses


class Paging(LimitOffsetPagination):
    """?limit= (1 to 500, 100 by default) and ?offset=; the answer is {"items": [...], "count": N}, N
    being every item the query matches, in scope."""

    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Items per page, 1 to {MAX_LIMIT}")
        offset: int = Field(0, ge=0, le=10_000_000, description="Items to skip")

    def __init__(self, **kwargs) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)


def refuse(parameter: str, message: str, where: str = "query"):
    """A 422 naming the parameter, for a value the schema let through but the meaning does not."""
    return ValidationError([{"loc": [where, parameter], "msg": message, "type": "value_error"}])


MONTH_PATTERN = r"^[0-9]{4}-[0-9]{1,2}$"


def month_of(text: str | None, parameter: str = "month", *, latest: date | None = None) -> date | None:
    """?month=YYYY-MM read by the pages' own reader (sn.core.months.parse_month), or a 422 naming it."""
    if text is None or text == "":
        return None
    try:
        return parse_month(text, latest=latest)
    except ValueError as error:
        raise refuse(parameter, str(error)) from None


def user_of(request: HttpRequest):
    """Who the call acts as: the signed-in user, or the owner of the token it carries."""
    return request.user


class PageIn(Schema):
    """The same ?limit= and ?offset= as Paging, for an operation that loads what a page shows in bulk
    after slicing (a team's members for every team on the page at once)."""

    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Items per page, 1 to {MAX_LIMIT}")
    offset: int = Field(0, ge=0, le=10_000_000, description="Items to skip")


def page_of(items, paging: PageIn) -> tuple[list, int]:
    """One page of a queryset or a list, and how many there are in all."""
    count = items.count() if hasattr(items, "count") and not isinstance(items, list) else len(items)
    return list(items[paging.offset : paging.offset + paging.limit]), count
