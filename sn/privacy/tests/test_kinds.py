"""The table of record kinds (sn.privacy.kinds) is the one place a kind is described: every kind has an
entry, and each entry has what the pages and services that read it need."""

from django.conf import settings
from django.urls import reverse

from sn.privacy.kinds import KINDS, LISTED_KINDS, RETAINED_KINDS
from sn.privacy.retention import RecordKind
from sn.privacy.search import KIND_LABELS, SEARCHED


def test_every_record_kind_has_a_table_entry():
    assert set(KINDS) == set(RecordKind)
    assert all(spec.kind == kind for kind, spec in KINDS.items())


def test_every_kind_is_found_by_an_erasure_request_directly_or_through_another_kind():
    for spec in KINDS.values():
        assert (spec.search is None) != (spec.found_through is None), spec.kind
        assert spec.kind in SEARCHED
        assert KIND_LABELS[spec.kind] == RecordKind(spec.kind).label


def test_a_kind_erasable_on_request_says_how_to_erase_it_and_what_to_show_to_confirm_it():
    for spec in KINDS.values():
        if spec.erasable_on_request:
            assert spec.erase is not None and spec.details is not None, spec.kind


def test_every_retained_kind_has_a_period_and_is_reviewed_somewhere():
    for kind in RETAINED_KINDS:
        spec = KINDS[kind]
        assert kind in settings.SN_RETENTION
        assert (spec.review is None) != (spec.due_elsewhere is None), kind


def test_a_kind_the_review_lists_is_retained_erasable_and_has_its_own_decide_page():
    for kind in LISTED_KINDS:
        spec = KINDS[kind]
        assert spec.retained and spec.erase is not None
        assert reverse(spec.review.route, args=[1]) == f"/privacy/review/{spec.review.path}/1/"
