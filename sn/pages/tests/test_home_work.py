"""The home page lists what needs doing, from every app's registered work (WORK_ITEMS), worst first."""

from datetime import date

import pytest

from sn.core.registries import WORK_ITEMS, WorkItem, WorkItemProvider
from sn.pages.selectors import WORK_SHOWN, work_for

pytestmark = pytest.mark.django_db


def interviews(user):
    if user.role != "team_officer":
        return []
    return [
        WorkItem("Interview the caretaker", "/kin/1/", area="Ward A1", due=date(2024, 5, 1)),
        WorkItem("Interview the shopkeeper", "/kin/2/", area="Ward A1", due=date(2024, 3, 1), overdue=True),
        WorkItem("Interview the youth worker", "/kin/3/", area="Ward A1", due=date(2024, 4, 1)),
    ]


def test_each_users_work_is_listed_worst_first_and_linked(client_for, world):
    with WORK_ITEMS.isolated():
        WORK_ITEMS.register(WorkItemProvider("kin", "KIN members due an interview", 10, interviews))

        body = client_for("team_officer").get("/").content.decode()
        sections = work_for(world.user("team_officer"))

    assert [item.title for item in sections[0].items] == [
        "Interview the shopkeeper",
        "Interview the youth worker",
        "Interview the caretaker",
    ]
    assert "KIN members due an interview" in body and 'href="/kin/2/"' in body
    assert body.index("shopkeeper") < body.index("youth worker") < body.index("caretaker")
    assert "1 overdue" in body


def test_work_a_user_may_not_see_is_not_listed_and_nothing_to_do_says_so(client_for):
    with WORK_ITEMS.isolated():
        WORK_ITEMS.register(
            WorkItemProvider(
                "kin", "KIN members due an interview", 10, interviews, permission="no_such_permission"
            )
        )

        body = client_for("team_officer").get("/").content.decode()

    assert "KIN members due an interview" not in body
    assert "Nothing needs doing by you at the moment." in body


def test_a_long_list_shows_the_worst_and_counts_the_rest(world):
    many = [WorkItem(f"Item {i}", f"/x/{i}/", urgency=i) for i in range(WORK_SHOWN + 5)]
    with WORK_ITEMS.isolated():
        WORK_ITEMS.register(WorkItemProvider("many", "Many things", 10, lambda user: many))

        (section,) = work_for(world.user("sergeant"))

    assert section.shown[0].title == f"Item {WORK_SHOWN + 4}"
    assert len(section.shown) == WORK_SHOWN and section.more == 5


@pytest.mark.parametrize("role", ["central_unit", "borough_lead", "inspector"])
def test_leads_see_their_work_and_a_link_to_their_area(client_for, role):
    response = client_for(role).get("/")

    assert response.status_code == 200
    assert "the overview page" in response.content.decode()
