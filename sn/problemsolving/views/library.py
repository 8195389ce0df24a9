"""The good-practice library: closed, assessed cases across the whole force, searched by words,
category and outcome. Every police role reads it beyond its own area, so each case shows only what a
team learns from; the full case is linked only for those who may open it."""

import math

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

from sn.core.access import access
from sn.core.parameters import bad_parameter
from sn.incidents.categories import Category
from sn.problemsolving.library.present import OUTCOME_LABELS, library_items
from sn.problemsolving.library.search import library_search
from sn.problemsolving.library.words import LONGEST
from sn.problemsolving.models import Assessment
from sn.problemsolving.permissions import VIEW_LIBRARY

PER_PAGE = 20


def _href(params: QueryDict, page: int) -> str:
    query = params.copy()
    query["page"] = str(page)
    return "?" + query.urlencode()


@access(permission=VIEW_LIBRARY)
def library(request: HttpRequest) -> HttpResponse:
    words = request.GET.get("q", "")[:LONGEST]
    categories = [c for c in request.GET.getlist("category") if c]
    outcome = request.GET.get("outcome", "")
    for code in categories:
        if code not in Category.values:
            return bad_parameter(
                request, name="category", value=code, error="Choose a category from the list"
            )
    if outcome and outcome not in Assessment.Outcome.values:
        return bad_parameter(request, name="outcome", value=outcome, error="Choose an outcome from the list")
    page_text = request.GET.get("page", "1")
    if not page_text.isdigit() or int(page_text) < 1:
        return bad_parameter(request, name="page", value=page_text, error="A page is a whole number from 1")
    number = int(page_text)
    found = library_search(
        words=words, categories=categories, outcome=outcome, limit=PER_PAGE, offset=(number - 1) * PER_PAGE
    )
    pages = max(1, math.ceil(found.total / PER_PAGE))
    if number > pages:
        # A page past the last (an old link, fewer cases now): the last page.
        number = pages
        found = library_search(
            words=words,
            categories=categories,
            outcome=outcome,
            limit=PER_PAGE,
            offset=(number - 1) * PER_PAGE,
        )
    kept = request.GET.copy()
    kept.pop("page", None)
    searched = bool(words.strip() or categories or outcome)
    context = {
        "words": words,
        "chosen_categories": categories,
        "outcome": outcome,
        "categories": Category.choices,
        "outcomes": Assessment.Outcome.choices,
        "outcome_label": OUTCOME_LABELS.get(outcome, ""),
        "found": found,
        "items": library_items(request.user, found.entries),
        "searched": searched,
        # Whether the library holds anything at all, for the empty state to say which it is.
        "library_empty": found.total == 0 and (not searched or not library_search(limit=1).total),
        "number": number,
        "pages": pages,
        "previous_href": _href(kept, number - 1) if number > 1 else "",
        "next_href": _href(kept, number + 1) if number < pages else "",
    }
    return render(request, "problemsolving/library.html", context)
