import factory
from django.utils import timezone

from sn.queries import clock
from sn.queries.models import Channel, CommunityQuery, SenderKind


class CommunityQueryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommunityQuery

    reference = factory.Sequence(lambda n: f"CQ-2026-T{n:05d}")
    channel = Channel.EMAIL
    sender_kind = SenderKind.RESIDENT
    sender_name = "Sam Sender"
    sender_email = "sam@example.org"
    subject = "Parking on the pavement"
    text = "Cars park on the pavement outside the school every morning."
    received_at = factory.LazyFunction(timezone.now)
    due_at = factory.LazyAttribute(lambda o: clock.deadline(o.received_at))
    team = factory.LazyAttribute(lambda o: getattr(o.neighbourhood, "team", None))


def world_queries(world) -> dict[str, CommunityQuery]:
    """One query in a1 (here), a3 (same cluster), a5 (another cluster, if the wide world has it) and b1."""
    found = {q.subject: q for q in CommunityQuery.objects.filter(subject__startswith="world:")}
    if found:
        return {key[6:]: q for key, q in found.items()}
    wards = {"here": "a1", "cluster": "a3", "borough": "a5", "other": "b1"}
    made = {}
    for key, ward in wards.items():
        if ward in world.wards:
            made[key] = CommunityQueryFactory(neighbourhood=world.wards[ward], subject=f"world:{key}")
    return made
