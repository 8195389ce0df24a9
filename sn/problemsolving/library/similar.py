"""Similar cases elsewhere: the closed, assessed cases of other wards closest to a case, for its page
(section "similar", order 80). Cases of the same categories come first, best matched by the words of the
case's title and statement (any of them will do); then other cases of those categories, most recently
closed; then cases of other categories that share its words."""

from sn.problemsolving.library.models import LibraryEntry
from sn.problemsolving.library.search import library_search
from sn.problemsolving.library.words import any_of, significant_words
from sn.problemsolving.models import Case

SIMILAR_SHOWN = 3
# Enough words to find a case by, few enough that an OR of them stays quick in either database.
WORDS_SEARCHED = 24


def similar_entries(case: Case, *, limit: int = SIMILAR_SHOWN) -> list[LibraryEntry]:
    words = any_of(significant_words(f"{case.title} {case.problem_statement}", limit=WORDS_SEARCHED))
    found: dict[int, LibraryEntry] = {}
    searches = []
    if case.categories:
        searches += [{"words": words, "categories": case.categories}, {"categories": case.categories}]
    if words:
        searches.append({"words": words})
    for search in searches:
        if len(found) >= limit:
            break
        page = library_search(
            **search, exclude_neighbourhood=case.neighbourhood_id, limit=limit + len(found), offset=0
        )
        for entry in page.entries:
            if len(found) < limit:
                found.setdefault(entry.case_id, entry)
    return list(found.values())
