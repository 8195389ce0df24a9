"""What community guards: the Key Individual Network and community contacts (personal data).

Names, contact details and the map of contacts are for the ward's team and its supervisors only: the
PCs, PCSOs and sergeants posted to the team, and the cluster's inspector (roles whose scope is their
posted teams or commanded clusters). Analysts, borough leads, the central unit, panel members and
partners hold no permission to them, so no scope they have can reach them; an officer of another ward
of the same cluster has the permission but not the ward, so the record is not found (404). The
compliance figures (counts, no names) go wider, to whoever oversees the area.
"""

from sn.community.models import Contact, KinMember
from sn.core.permissions import declare
from sn.core.roles import Role
from sn.geography.rules import RecordRule, Tier

VIEW_COMMUNITY_PERSONAL = declare(
    "view_community_personal_data",
    "See the KIN members and community contacts of their team's wards or cluster: names, contact "
    "details, the map and the gap view",
    app="community",
    roles={Role.TEAM_OFFICER, Role.SERGEANT, Role.INSPECTOR},
)
MANAGE_COMMUNITY = declare(
    "manage_community",
    "Add and update KIN members and contacts, log KIN interviews and record a withdrawal of consent, "
    "on their team's wards",
    app="community",
    roles={Role.TEAM_OFFICER, Role.SERGEANT},
)
REVIEW_PERSONAL_DATA = declare(
    "review_personal_data",
    "Keep or erase KIN members and contacts due a retention review, on the wards they lead",
    app="community",
    roles={Role.SERGEANT},
)
VIEW_KIN_FIGURES = declare(
    "view_kin_figures",
    "See KIN interview figures (counts, no names) for areas in scope, on the ward page",
    app="community",
    roles={
        Role.TEAM_OFFICER,
        Role.SERGEANT,
        Role.INSPECTOR,
        Role.ANALYST,
        Role.BOROUGH_LEAD,
        Role.CENTRAL_UNIT,
    },
)
FOLLOW_UP_KIN_COMPLIANCE = declare(
    "follow_up_kin_compliance",
    "Be given the teams short of the KIN interview standards as work on the home page",
    app="community",
    roles={Role.INSPECTOR, Role.BOROUGH_LEAD},
)
MANAGE_CONSENT_WORDING = declare(
    "manage_consent_wording",
    "Publish a new version of the consent wording shown to KIN members and contacts",
    app="community",
    roles={Role.CENTRAL_UNIT},
)

KIN_MEMBERS = RecordRule(
    model=KinMember,
    neighbourhood_path="neighbourhood",
    view=Tier(associated=VIEW_COMMUNITY_PERSONAL),
    change=Tier(associated=MANAGE_COMMUNITY),
)
CONTACTS = RecordRule(
    model=Contact,
    neighbourhood_path="neighbourhood",
    view=Tier(associated=VIEW_COMMUNITY_PERSONAL),
    change=Tier(associated=MANAGE_COMMUNITY),
)
# Reviewing for retention is the sergeant's: the same records, a narrower permission to change them.
KIN_MEMBERS_FOR_REVIEW = RecordRule(
    model=KinMember,
    neighbourhood_path="neighbourhood",
    view=Tier(associated=VIEW_COMMUNITY_PERSONAL),
    change=Tier(associated=REVIEW_PERSONAL_DATA),
)
CONTACTS_FOR_REVIEW = RecordRule(
    model=Contact,
    neighbourhood_path="neighbourhood",
    view=Tier(associated=VIEW_COMMUNITY_PERSONAL),
    change=Tier(associated=REVIEW_PERSONAL_DATA),
)


def get_kin_member_for_user(user, pk: int, *, for_write: bool = False) -> KinMember:
    """A KIN member of the user's team or cluster (archived ones have left every page): 404 outside
    it, 403 when they may see it but not change it."""
    return KIN_MEMBERS.get_for_user(
        user,
        KinMember.objects.live().select_related(
            "neighbourhood__borough", "neighbourhood__cluster", "consent_wording"
        ),
        for_write=for_write,
        pk=pk,
    )


def get_contact_for_user(user, pk: int, *, for_write: bool = False) -> Contact:
    return CONTACTS.get_for_user(
        user,
        Contact.objects.live().select_related(
            "neighbourhood__borough", "neighbourhood__cluster", "consent_wording"
        ),
        for_write=for_write,
        pk=pk,
    )
