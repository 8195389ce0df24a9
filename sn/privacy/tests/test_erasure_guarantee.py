"""Erasure requests reach the personal data the Guarantee's apps hold (issue 14): the senders of community
queries and ASB victims. Found by name, email or phone like the rest; erased leaving the query, the case and
their counts (anonymous)."""

from sn.asb.models import AsbPerson, AsbReport
from sn.asb.tests.factories import flagged_case
from sn.privacy.retention import RecordKind
from sn.privacy.services import erasure_request_complete, erasure_request_create
from sn.queries.models import CommunityQuery
from sn.queries.tests.factories import CommunityQueryFactory


def test_a_query_sender_is_found_and_erased_leaving_the_query(world):
    query = CommunityQueryFactory(
        neighbourhood=world.wards["a1"],
        sender_name="Quentin Querent",
        sender_email="qq@example.org",
        sender_phone="020 7946 0999",
    )
    other = CommunityQueryFactory(neighbourhood=world.wards["a2"], sender_name="Somebody Else")
    request = erasure_request_create(
        email="QQ@example.org", reference="DP-14", actor=world.user("central_unit")
    )
    key = f"{RecordKind.QUERY_SENDER}:{query.pk}"
    assert [entry["key"] for entry in request.found] == [key]
    assert "Community query sender" in request.kinds_searched

    erasure_request_complete(request=request, confirmed=[key], actor=world.user("central_unit"))

    query.refresh_from_db()
    assert (query.sender_name, query.sender_email, query.sender_phone) == ("", "", "")
    assert query.erased_at is not None and CommunityQuery.objects.filter(pk=query.pk).exists()
    other.refresh_from_db()
    assert other.sender_name == "Somebody Else"


def test_an_asb_victim_is_found_and_erased_leaving_the_case_and_its_counts(world):
    case = flagged_case(world.wards["a1"], name="Vera Victim")
    bystander = flagged_case(world.wards["a2"], name="Vera Other")
    request = erasure_request_create(name="vera  VICTIM", reference="DP-15", actor=world.user("central_unit"))
    key = f"{RecordKind.ASB_VICTIM}:{case.person_id}"
    assert [entry["key"] for entry in request.found] == [key]
    assert "ASB victim" in request.kinds_searched

    erasure_request_complete(request=request, confirmed=[key], actor=world.user("central_unit"))

    person = AsbPerson.objects.get(pk=case.person_id)
    assert person.erased_at is not None and "Vera" not in person.name and person.phone == ""
    assert AsbReport.objects.filter(case=case).count() == 3
    assert AsbPerson.objects.get(pk=bystander.person_id).name == "Vera Other"
