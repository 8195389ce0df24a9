"""The demo force's users: one per role, all working in Southwark so that their pages connect."""

from collections import defaultdict

from django.contrib.auth.hashers import make_password

from sn.accounts.models import PartnerOrganisation, User
from sn.accounts.services import user_create
from sn.core.roles import Role
from sn.geography.models import Cluster
from sn.teams.models import Officer, Posting, Rank

DEMO_PASSWORD = "safer-neighbourhoods-demo"
DEMO_BOROUGH = "E09000028"  # Southwark: where the demo users work


def demo_users_create(*, officers_by_team: dict[str, list[Officer]]) -> None:
    """One demo user per role, all working in Southwark so that their pages connect."""
    borough_clusters = Cluster.objects.filter(borough__code=DEMO_BOROUGH, inspector__isnull=False).order_by(
        "code"
    )
    shared_sergeant_postings = Posting.objects.filter(
        team__neighbourhood__borough__code=DEMO_BOROUGH, officer__rank=Rank.SERGEANT
    ).values_list("officer_id", flat=True)
    counts: dict[int, int] = defaultdict(int)
    for officer_id in shared_sergeant_postings:
        counts[officer_id] += 1
    sergeant = Officer.objects.filter(id__in=[o for o, n in counts.items() if n > 1]).order_by("id").first()
    sergeant = sergeant or Officer.objects.filter(id__in=counts).order_by("id").first()
    ward = (
        Posting.objects.filter(officer=sergeant)
        .select_related("team__neighbourhood")
        .order_by("team__name")[0]
    )
    ward = ward.team.neighbourhood
    cluster = ward.cluster if ward.cluster and ward.cluster.inspector_id else borough_clusters.first()
    team_officers = officers_by_team[ward.code]
    pc = next(o for o in team_officers if o.rank == Rank.PC)
    pcso = next(o for o in team_officers if o.rank == Rank.PCSO)
    council, _ = PartnerOrganisation.objects.get_or_create(
        name="Southwark Council Community Safety", defaults={"kind": PartnerOrganisation.Kind.COUNCIL}
    )
    council.boroughs.set([ward.borough])
    people = [
        ("central", "Chris", "Central", Role.CENTRAL_UNIT, {}),
        ("lead.southwark", "Lee", "Borough-Lead", Role.BOROUGH_LEAD, {"borough": ward.borough}),
        ("analyst.southwark", "Ana", "Analyst", Role.ANALYST, {"borough": ward.borough}),
        (
            "inspector",
            cluster.inspector.first_name,
            cluster.inspector.last_name,
            Role.INSPECTOR,
            {"officer": cluster.inspector},
        ),
        ("sergeant", sergeant.first_name, sergeant.last_name, Role.SERGEANT, {"officer": sergeant}),
        ("pc", pc.first_name, pc.last_name, Role.TEAM_OFFICER, {"officer": pc}),
        ("pcso", pcso.first_name, pcso.last_name, Role.TEAM_OFFICER, {"officer": pcso}),
        ("panel", "Pat", "Panel-Member", Role.PANEL_MEMBER, {"neighbourhood": ward}),
        ("partner", "Parveen", "Partner", Role.PARTNER, {"partner_organisation": council}),
    ]
    for username, first, last, role, anchors in people:
        user_create(
            username=username,
            password=None,  # an unusable password now, the demo's own just below
            role=role,
            first_name=first,
            last_name=last,
            email=f"{username}@demo.example",
            **anchors,
        )
    # One hash for all of them: Argon2 is slow by design (a quarter of a second each, most of the force's
    # build), and a hash with its own salt per user protects nothing when the password is published.
    # The audit trail already says each password was set; it never records a password's value.
    User.objects.filter(username__in=[username for username, *_ in people]).update(
        password=make_password(DEMO_PASSWORD)
    )
