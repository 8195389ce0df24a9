"""What the library adds to pages: the header link "Good practice" and the section "Similar cases
elsewhere" on every case's page. Imported in ProblemSolvingConfig.ready()."""

from django.urls import reverse

from sn.core.access import has_permission
from sn.core.registries import NAVIGATION, NavItem, Panel
from sn.problemsolving.library.present import library_items
from sn.problemsolving.library.similar import similar_entries
from sn.problemsolving.permissions import VIEW_LIBRARY
from sn.problemsolving.sections import CASE_SECTIONS


def _library_link(user) -> str | None:
    return reverse("problemsolving:library") if has_permission(user, VIEW_LIBRARY) else None


def similar(user, case) -> dict:
    library = reverse("problemsolving:library")
    return {
        "case": case,
        "items": library_items(user, similar_entries(case)),
        # The library filtered to the case's first category, for more than the few shown here.
        "more_url": f"{library}?category={case.categories[0]}" if case.categories else library,
    }


NAVIGATION.register(NavItem(key="library", label="Good practice", order=34, href=_library_link))
CASE_SECTIONS.register(
    Panel(
        key="similar",
        title="Similar cases elsewhere",
        order=80,
        template="problemsolving/_similar.html",
        build=similar,
        permission=VIEW_LIBRARY,
    )
)
