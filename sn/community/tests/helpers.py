"""A KIN member, an interview and a contact in a ward of the test world, made once per world and ward,
for the access matrix and the view tests."""

from dataclasses import dataclass

from sn.community.models import Contact, KinInterview, KinMember
from sn.community.tests.factories import ContactFactory, KinInterviewFactory, KinMemberFactory


@dataclass
class WardRecords:
    member: KinMember
    interview: KinInterview
    contact: Contact


def ward_records(world, key: str) -> WardRecords:
    made = world.__dict__.setdefault("_community_records", {})
    if key not in made:
        ward = world.wards[key]
        member = KinMemberFactory(neighbourhood=ward, name=f"Member of {key}")
        officer = next(iter(world.teams[key].postings.all()), None)
        interview = KinInterviewFactory(member=member, **({"officer": officer.officer} if officer else {}))
        contact = ContactFactory(neighbourhood=ward, name=f"Contact of {key}")
        made[key] = WardRecords(member, interview, contact)
    return made[key]
