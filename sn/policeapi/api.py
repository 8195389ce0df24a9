"""The police.uk-compatible API (../shared/reference/police-uk-api.md), served under /api/ with its
OpenAPI document at /api/openapi.json (docs/adr/0008-police-uk-compatible-api.md).

django-ninja routes the operations, reads their parameters and writes the OpenAPI document; the
operations build their own JSON (orjson) so that every body has police.uk's exact shape. The
neighbourhood routes ({force}/{neighbourhood}...) match any two path segments, so they are mounted
last: every fixed path (forces/..., crimes-street/...) is tried first. The rate limit, the 4,094
character limit on a GET and the cache are in sn.policeapi.middleware, before any of this runs."""

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.errors import ValidationError

from sn.policeapi import crimes, neighbourhoods, stops
from sn.policeapi.params import BadParameter
from sn.policeapi.serialise import json_response

DESCRIPTION = """The police.uk API's paths, parameters, JSON and errors, over this force's published data
(data.police.uk/docs): change a client's base URL to this server's /api/ and it works as it did.
Crimes are published under disclosure control (the crime map's rules): locations are anonymous map
points, some categories have none and are served by crimes-no-location.

Errors: 404 with an empty body for an unknown force, neighbourhood, category or crime, and a
locate-neighbourhood miss; 400 naming the parameter for a malformed one, and for a GET longer than
4,094 characters (POST the form instead); 503 when a custom area holds over 10,000 results; 429 with
Retry-After over 15 requests a second (bursts of 30) from one address."""


class PoliceUkApi(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """The document ninja writes, with what ninja cannot say: the 429's Retry-After header, and the
        empty bodies of the 404 and the 429."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema["paths"].values():
            for operation in operations.values():
                answers = operation.get("responses", {})
                if 404 in answers:
                    answers[404]["description"] = "Not found (an empty body)"
                if 400 in answers:
                    answers[400]["description"] = "A malformed parameter, named in the detail"
                if 503 in answers:
                    answers[503]["description"] = "The custom area holds more than 10,000 results"
                if 429 in answers:
                    answers[429]["description"] = "Too many requests (an empty body)"
                    answers[429]["headers"] = {
                        "Retry-After": {
                            "description": "Whole seconds to wait before the next request",
                            "required": True,
                            "schema": {"type": "integer", "minimum": 1},
                        }
                    }
        return schema


api = PoliceUkApi(
    title="police.uk-compatible API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="policeapi",
    docs_url=None,
    openapi_url="/openapi.json",
)


@api.exception_handler(BadParameter)
def _bad_parameter(request: HttpRequest, exc: BadParameter):
    return json_response({"detail": str(exc)}, status=400)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError):
    """A parameter ninja could not read (a date not YYYY-MM, a form that is not a form): police.uk
    answers 400, not ninja's 422."""
    problems = []
    for error in exc.errors:
        where = [str(part) for part in error.get("loc", ()) if part not in ("query", "form", "path", "body")]
        problems.append(f"{'.'.join(where) or 'request'}: {error.get('msg', 'is not valid')}")
    return json_response({"detail": "; ".join(problems) or "a parameter is not valid"}, status=400)


# Fixed paths first, the neighbourhood catch-alls ({force}/{neighbourhood}) last.
api.add_router("", crimes.router)
api.add_router("", stops.router)
api.add_router("", neighbourhoods.router)
