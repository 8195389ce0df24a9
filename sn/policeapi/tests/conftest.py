import jsonschema_rs
import pytest
from django.core.cache import cache

from sn.policeapi.api import api as police_api
from sn.policeapi.middleware import recent


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with no stored answers and a full rate-limit bucket (the in-process cache lives
    as long as the test process)."""
    cache.clear()
    recent.clear()
    yield
    cache.clear()
    recent.clear()


@pytest.fixture(scope="session")
def openapi():
    from django.urls import set_urlconf

    set_urlconf(None)
    return police_api.get_openapi_schema(path_prefix="/api/")


def _operation(document: dict, path: str, method: str) -> dict:
    """The operation whose templated path matches `path` (e.g. /api/testforce/E05900000/people)."""
    parts = path.split("?")[0].strip("/").split("/")
    for template, operations in document["paths"].items():
        pattern = template.strip("/").split("/")
        if len(pattern) == len(parts) and all(
            t.startswith("{") or t == p for t, p in zip(pattern, parts, strict=True)
        ):
            if method.lower() in operations:
                return operations[method.lower()]
    raise AssertionError(f"no operation for {method} {path} in the OpenAPI document")


@pytest.fixture
def conforms(openapi):
    """Check a response against what the OpenAPI document declares for its path, method and status:
    the status is declared, and the body matches the declared schema (or is empty where none is)."""

    def check(response, path: str, method: str = "GET"):
        operation = _operation(openapi, path, method)
        status = response.status_code
        declared = operation["responses"].get(status) or operation["responses"].get(str(status))
        assert declared is not None, f"{method} {path}: {status} is not declared"
        content = declared.get("content")
        if content is None:
            assert response.content == b"", f"{method} {path}: {status} declares no body"
            return None
        schema = {**content["application/json"]["schema"], "components": openapi["components"]}
        body = response.json()
        errors = [str(e) for e in jsonschema_rs.validator_for(schema).iter_errors(body)]
        assert not errors, f"{method} {path}: {errors[:3]}"
        return body

    return check
