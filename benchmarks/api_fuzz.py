"""Schemathesis over both APIs against the whole demo force: at least 10,000 generated requests, counted,
valid and invalid, in-process (WSGI) through every middleware: the platform API (/api/v1/) with a
borough lead's API token (who sees a borough) and anonymously, and the police.uk-compatible API (/api/).
Reports the server errors and the answers that break the OpenAPI document; both must be 0.

A share of each operation's requests uses codes and ids that exist in the demo (wards, boroughs, clusters,
priorities, cases, events, police.uk neighbourhood ids), in the lead's borough and outside it, so that the
run reaches real answers and not only refusals (sn.api.fuzzing)."""

import logging
import random
import time

from django.test import override_settings

from benchmarks.demo_db import demo_database
from benchmarks.report import line, section, verdict
from config.wsgi import application
from sn.accounts.models import User
from sn.accounts.tokens import api_token_create
from sn.api.fuzzing import FuzzResult, fuzz
from sn.core.roles import Role
from sn.engagement.models import Event
from sn.geography.models import Borough, Cluster, Force, Neighbourhood
from sn.panels.models import Priority
from sn.problemsolving.models import Case

TARGET = 10_000
# Cases per operation: the platform API's 23 operations with a token and anonymously, the police.uk API's 25.
RUNS = {"token": 270, "anonymous": 40, "police": 180}
SAMPLE = 60


def _sample(values, k: int = SAMPLE) -> list:
    values = list(values)
    return random.Random(2026).sample(values, min(k, len(values)))


def _known() -> dict:
    wards = Neighbourhood.objects.order_by("code")
    return {
        "code": _sample(wards.values_list("code", flat=True))
        + list(Borough.objects.values_list("code", flat=True))
        + list(Cluster.objects.values_list("code", flat=True)),
        "pk": _sample(Priority.objects.values_list("pk", flat=True))
        + _sample(Case.objects.values_list("pk", flat=True))
        + _sample(Event.objects.values_list("pk", flat=True)),
        "force": list(Force.objects.values_list("code", flat=True)),
        "neighbourhood": _sample(wards.values_list("police_uk_id", flat=True)),
    }


def _report(label: str, result: FuzzResult, seconds: float) -> None:
    line(label, f"{result.summary()} in {seconds:.0f} s")
    for failure in (result.server_errors + result.schema_breaks)[:5]:
        print(f"    {failure[:400]}")


def run(*, quick: bool = False) -> list[str]:
    section("Schemathesis over both APIs, against the demo force")
    runs = {key: max(2, value // 20) for key, value in RUNS.items()} if quick else RUNS
    with demo_database(with_cycle=True):
        # Refusals (404 and 403 to a signed-in caller) are each a line in the security log: noise here.
        # Set inside: demo_database sets the log's level to WARNING on the way in.
        logging.getLogger("sn.security").setLevel(logging.ERROR)
        lead = User.objects.filter(role=Role.BOROUGH_LEAD, is_active=True).order_by("pk").first()
        _, raw = api_token_create(owner=lead, name="api_fuzz benchmark")
        known = _known()
        total = FuzzResult()
        plan = [
            (
                f"/api/v1/ as {lead.username}'s token",
                "/api/v1/openapi.json",
                runs["token"],
                {"Authorization": f"Bearer {raw}"},
            ),
            ("/api/v1/ anonymous", "/api/v1/openapi.json", runs["anonymous"], {}),
            ("/api/ (police.uk-compatible)", "/api/openapi.json", runs["police"], {}),
        ]
        for label, path, cases, headers in plan:
            started = time.perf_counter()
            # The police.uk API's rate limit (15 a second per address) would answer most of a run from one
            # address with 429: lifted here, so the run reaches the operations (the limiter has its own
            # tests and load benchmark).
            with override_settings(SN_POLICE_API_RATE=10**6, SN_POLICE_API_BURST=10**6):
                result = fuzz(application, path, cases_per_operation=cases, headers=headers, known=known)
            _report(label, result, time.perf_counter() - started)
            total.add(result)
    clean = not total.server_errors and not total.schema_breaks
    enough = quick or total.requests >= TARGET
    line("all", total.summary())
    return [
        f"api_fuzz: {total.requests:,} requests over both APIs "
        f"(target {TARGET:,}{', quick' if quick else ''}): "
        f"{len(total.server_errors)} server errors, {len(total.schema_breaks)} schema breaks "
        f"{verdict(clean and enough)}"
    ]
