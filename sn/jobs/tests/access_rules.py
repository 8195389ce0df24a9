"""Who may open the job pages (collected by sn/core/tests/test_access_matrix.py).

A job belongs to its borough as a tasking meeting does: every role that holds the kind's permission and
reaches the borough sees it (the example kind's permission is VIEW_JOBS itself); another borough's job
is the force's alone. Jobs of no borough, and the requester's own, are tested in test_views.py."""

from sn.jobs.files import job_dir
from sn.jobs.models import Job
from sn.jobs.permissions import VIEW_JOBS
from sn.jobs.tests.kinds import COUNTS, register_for_the_access_matrix
from sn.testing.access import OTHER_BOROUGH, BoroughWide

register_for_the_access_matrix()
STAFF = BoroughWide({"team_officer", "sergeant", "inspector", "analyst", "borough_lead", "central_unit"})
assert VIEW_JOBS  # the permission the example kind and the pages share


def _job(borough: str):
    def kwargs(world) -> dict:
        cache = world.__dict__.setdefault("jobs_examples", {})
        if borough not in cache:
            cache[borough] = Job.objects.create(
                kind=COUNTS.key,
                title=f"Example job of borough {borough}",
                borough=world.boroughs[borough],
                status="succeeded",
                summary="3 lines counted",
            )
            output = job_dir(cache[borough].pk) / "output"
            output.write_bytes(b"counted\n")
            Job.objects.filter(pk=cache[borough].pk).update(output_path=str(output), output_name="count.txt")
        return {"pk": cache[borough].pk}

    return kwargs


ACCESS_RULES = {
    "jobs:index": (lambda w: {}, None, STAFF),
    "jobs:detail": (_job("a"), {OTHER_BOROUGH: _job("b")}, STAFF),
    "jobs:progress": (_job("a"), {OTHER_BOROUGH: _job("b")}, STAFF),
    "jobs:download": (_job("a"), {OTHER_BOROUGH: _job("b")}, STAFF),
}
