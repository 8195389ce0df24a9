"""Property-based fuzzing of an OpenAPI-described API in-process (WSGI) with schemathesis: every operation
gets generated requests, valid and invalid, and every answer is checked for a server error and against the
schema (status code, content type, body and headers documented). Used by the test suite
(sn/api/tests/test_schemathesis.py, a few hundred cases) and by `make bench` (benchmarks/api_fuzz.py, ten
thousand and more), over both the platform API (/api/v1/) and the police.uk-compatible API (/api/).

Random path parameters are almost all 404s, so a caller can give real values for them (`known`): a share
of each operation's cases then uses codes and ids that exist, and reach the operation's real answer."""

import contextlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.core.failures import FailureGroup

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]
# Path parameter name -> values that exist, for the operations that take it.
Known = dict[str, list[Any]]


@dataclass
class FuzzResult:
    requests: int = 0
    statuses: Counter = field(default_factory=Counter)
    server_errors: list[str] = field(default_factory=list)
    schema_breaks: list[str] = field(default_factory=list)
    operations: int = 0

    def add(self, other: "FuzzResult") -> None:
        self.requests += other.requests
        self.statuses.update(other.statuses)
        self.server_errors += other.server_errors
        self.schema_breaks += other.schema_breaks
        self.operations += other.operations

    def summary(self) -> str:
        shown = ", ".join(f"{status}: {count}" for status, count in sorted(self.statuses.items()))
        return (
            f"{self.requests} requests over {self.operations} operations ({shown}); "
            f"{len(self.server_errors)} server errors, "
            f"{len(self.schema_breaks)} responses breaking the schema"
        )


def _strategy(operation, known: Known, mode: GenerationMode, headers: dict):
    names = [p.name for p in operation.path_parameters]
    generated = operation.as_strategy(generation_mode=mode, headers=headers)
    if mode is GenerationMode.NEGATIVE or not names or not all(known.get(n) for n in names):
        return generated
    # Half the cases on values that exist (real codes and ids), the rest on whatever is generated.
    real = st.fixed_dictionaries({n: st.sampled_from(known[n]) for n in names}).flatmap(
        lambda values: operation.as_strategy(generation_mode=mode, headers=headers, path_parameters=values)
    )
    return st.one_of(real, generated)


@contextlib.contextmanager
def kept_connection() -> Iterator[None]:
    """Keep the database connection open across the requests, as Django's test client does: at the end of
    each request Django closes it, which in a test (or a benchmark's throwaway database) would throw away
    the transaction holding the test's data."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def fuzz(
    app,
    schema_path: str,
    *,
    cases_per_operation: int,
    headers: dict | None = None,
    known: Known | None = None,
    only: Callable[[str], bool] = lambda label: True,
) -> FuzzResult:
    """Run about `cases_per_operation` generated requests (positive and negative) against each operation of
    the schema at `schema_path`, served by the WSGI `app`, sending `headers` (a token, say)."""
    result = FuzzResult()
    known = known or {}
    # A real client decompresses what it asked to be compressed; the WSGI transport does not, so ask for
    # none (a gzip body would otherwise read as a body that breaks the schema).
    headers = {"Accept-Encoding": "identity", **(headers or {})}
    with kept_connection():
        schema = schemathesis.openapi.from_wsgi(schema_path, app)
        for outcome in schema.get_all_operations():
            operation = outcome.ok()
            if not only(operation.label):
                continue
            result.operations += 1
            for mode, share in ((GenerationMode.POSITIVE, 0.7), (GenerationMode.NEGATIVE, 0.3)):
                examples = max(1, round(cases_per_operation * share))
                _run(operation, _strategy(operation, known, mode, headers), examples, headers, result)
    return result


def _run(operation, strategy, examples: int, headers: dict, result: FuzzResult) -> None:
    @settings(
        max_examples=examples,
        phases=[Phase.generate],
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def one(case):
        response = case.call(headers=headers)
        result.requests += 1
        result.statuses[response.status_code] += 1
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except (Exception, FailureGroup) as failure:  # every failure is recorded, none stops the run
            where = (
                f"{operation.label} {case.path_parameters or ''} {case.query or ''} -> {response.status_code}"
            )
            text = f"{where}: {str(failure).strip()[:600]}"
            if response.status_code >= 500:
                result.server_errors.append(text)
            else:
                result.schema_breaks.append(text)

    try:
        one()
    except Unsatisfiable:
        # Nothing invalid can be made for an operation whose every input is free text (a path code): the
        # negative mode has no cases there, the positive mode covers it.
        pass
