"""The demo force's neighbourhood policing cycle: two years of it for every team, after the force and its
incidents exist (engagement's concerns follow each ward's recorded incidents).

Each app builds its own part (sn/<app>/demo.py); this module calls them in layer order: the ward profiles
(stage 1), engagement and the concerns it raises (stages 2-4), the Key Individual Network and contacts,
then the panels that choose priorities from those concerns (stages 5 and 7), and residents' feedback.
Deterministic for a seed and a date.
"""

import time
from collections.abc import Callable
from datetime import date

from sn.activity.demo import activity_demo_load
from sn.asb.demo import asb_demo_load
from sn.community.demo import community_demo_load
from sn.concerns.models import Concern
from sn.deployments.demo import deployments_demo_load
from sn.engagement.demo import engagement_demo_load
from sn.feedback.demo import feedback_demo_load
from sn.guarantee.demo import guarantee_demo_load
from sn.panels.demo import panels_demo_load
from sn.patrols.demo import patrols_demo_load
from sn.problemsolving.demo import problemsolving_demo_load
from sn.profiles.demo import profiles_demo_load
from sn.queries.demo import queries_demo_load
from sn.rosters.demo import rosters_demo_load
from sn.scorecard.demo import scorecard_demo_load, scorecard_demo_present
from sn.supervision.demo import supervision_demo_load
from sn.tasking.demo import tasking_demo_load
from sn.workforce.demo import workforce_demo_load
from sn.workforce.models import Duty

WORKFORCE_STEPS = (
    ("Duties: codes, abstraction policy, shift patterns, three months per officer", workforce_demo_load),
    ("Approach A deployments across ward boundaries", deployments_demo_load),
    ("A year of calls for service, and shift cover", rosters_demo_load),
    ("The supervision model: a proposal for every borough", supervision_demo_load),
)
# The 2025 Neighbourhood Policing Guarantee (issue 14), after the workforce and the cycle it builds on.
GUARANTEE_STEPS = (
    ("Community queries on the 72-hour clock", queries_demo_load),
    ("ASB reports, risk assessments, Case Reviews, orders and the action plan", asb_demo_load),
    ("Town-centre and hotspot patrols: plans and delivery", patrols_demo_load),
    ("Named officers and fresh priorities", guarantee_demo_load),
    ("The Guarantee scorecard", scorecard_demo_load),
)
STEPS = (
    ("Ward profiles: demographics, key locations and recurring events", profiles_demo_load),
    ("Engagement events, visual audits, perception surveys and concerns", engagement_demo_load),
    ("Key Individual Network, interviews and community contacts", community_demo_load),
    ("Ward panels, meetings, priorities and statements", panels_demo_load),
    ("Problem-solving cases, partners' work, reviews and assessments", problemsolving_demo_load),
    ("EPIC activity: the routine and the work on priorities and cases", activity_demo_load),
    *WORKFORCE_STEPS,
    ("Borough tasking: meetings, actions, resource bids and packs", tasking_demo_load),
    ("Your Voice Counts: residents' feedback in every borough's queue", feedback_demo_load),
    *GUARANTEE_STEPS,
)


def cycle_present() -> bool:
    return Concern.objects.exists()


def workforce_present() -> bool:
    return Duty.objects.exists()


def guarantee_present() -> bool:
    """Whether the Guarantee's demo records are loaded: the last of its steps, the scorecard, says so."""
    return scorecard_demo_present()


def seed_cycle(
    *,
    seed: int = 2026,
    today: date | None = None,
    progress: Callable[[str], None] = print,
    steps: tuple = STEPS,
) -> str:
    started = time.monotonic()
    for label, load in steps:
        progress(f"{label} ...")
        progress(f"  {load(seed=seed, today=today, progress=progress)}")
    return f"Demo cycle ready in {time.monotonic() - started:.1f} s."
