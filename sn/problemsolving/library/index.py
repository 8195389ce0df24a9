"""The good-practice library's search index: which closed, assessed cases it holds and their text."""

from sn.problemsolving.models import Case


def library_entry_refresh(*, case: Case) -> None:
    """Bring the case's library entry in line with the case: add it when the case is closed and assessed,
    rewrite it when its text changed, remove it otherwise. Called by the services that close a case or
    change a closed one. (The library part of issue 10 fills this in.)"""
