"""The demo force: the real Metropolitan Police area on 2022 ward boundaries, staffed realistically.

Each app builds its own part (sn/<app>/demo.py); this module calls them in layer order, inside one
transaction, deterministic for a seed.
"""

import random
import time
from collections.abc import Callable

from django.db import transaction
from faker import Faker

from sn.accounts.demo import DEMO_BOROUGH, DEMO_PASSWORD, demo_users_create  # noqa: F401
from sn.accounts.services import roles_sync
from sn.geography.demo import geography_demo_load
from sn.geography.demo_bulk import demo_bulk_load
from sn.geography.models import Cluster, Neighbourhood
from sn.performance.demo import seed_survey
from sn.teams.demo import teams_demo_load
from sn.teams.models import Officer, Team


@demo_bulk_load()
def seed_demo(*, seed: int = 2026, progress: Callable[[str], None] = print) -> str:
    started = time.monotonic()
    rng = random.Random(seed)
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    with transaction.atomic():
        roles_sync()
        force = geography_demo_load(progress=progress)
        progress("Staffing the teams ...")
        officers_by_team = teams_demo_load(rng=rng, fake=fake)
        demo_users_create(officers_by_team=officers_by_team)
        progress("Adding public attitude survey results ...")
        seed_survey(seed=seed)
    elapsed = time.monotonic() - started
    return (
        f"Demo force ready in {elapsed:.1f} s: {force.boroughs.count()} boroughs, "
        f"{Cluster.objects.count()} clusters, {Neighbourhood.objects.count()} neighbourhoods "
        f"({Neighbourhood.objects.filter(kind='ward').count()} wards), {Team.objects.count()} teams, "
        f"{Officer.objects.count()} officers."
    )
