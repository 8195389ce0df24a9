import pytest

from sn.jobs.registry import JOB_KINDS
from sn.jobs.tests.kinds import TEST_KINDS


@pytest.fixture
def kinds():
    """The test kinds beside the real ones, for this test only."""
    with JOB_KINDS.isolated([*JOB_KINDS.entries(), *TEST_KINDS]):
        yield
