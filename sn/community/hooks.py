"""What community adds to pages lower apps own (sn.core.registries), imported in CommunityConfig.ready()."""

from django.urls import reverse

from sn.community import work
from sn.community.models import Contact, KinMember
from sn.community.panels import kin_panel
from sn.community.permissions import (
    FOLLOW_UP_KIN_COMPLIANCE,
    MANAGE_COMMUNITY,
    REVIEW_PERSONAL_DATA,
    VIEW_KIN_FIGURES,
)
from sn.core.access import has_permission
from sn.core.registries import (
    HISTORY_RECORDS,
    NAVIGATION,
    WARD_PANELS,
    WORK_ITEMS,
    HistoryRecord,
    NavItem,
    Panel,
    WorkItemProvider,
)
from sn.geography.permissions import VIEW_BOROUGH_OVERVIEW, VIEW_FORCE_OVERVIEW


def _compliance_link(user) -> str | None:
    if has_permission(user, VIEW_FORCE_OVERVIEW):
        return reverse("community:compliance_force")
    if has_permission(user, VIEW_BOROUGH_OVERVIEW) and user.borough_id:
        return reverse("community:compliance_borough", args=[user.borough.code])
    return None


NAVIGATION.register(NavItem(key="kin_compliance", label="KIN", order=45, href=_compliance_link))

WARD_PANELS.register(
    Panel(
        key="kin",
        title="Key Individual Network",
        order=40,
        template="community/panels/kin.html",
        build=kin_panel,
        permission=VIEW_KIN_FIGURES,
    )
)

WORK_ITEMS.register(
    WorkItemProvider(
        key="kin_due",
        heading="KIN members due an interview",
        order=20,
        build=work.members_due,
        permission=MANAGE_COMMUNITY,
    )
)
WORK_ITEMS.register(
    WorkItemProvider(
        key="personal_data_review",
        heading="Personal data due for review",
        order=60,
        build=work.reviews_due,
        permission=REVIEW_PERSONAL_DATA,
    )
)
WORK_ITEMS.register(
    WorkItemProvider(
        key="kin_compliance",
        heading="KIN compliance",
        order=30,
        build=work.compliance_shortfalls,
        permission=FOLLOW_UP_KIN_COMPLIANCE,
    )
)

# The trail of a member or contact shows that their details changed, never the details (they are the
# models' summarised fields), so a supervisor may open it as for any record of the ward.
HISTORY_RECORDS.register(HistoryRecord("kinmember", KinMember, lambda member: [member.neighbourhood]))
HISTORY_RECORDS.register(HistoryRecord("contact", Contact, lambda contact: [contact.neighbourhood]))
