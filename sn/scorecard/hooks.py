"""What scorecard adds to pages lower apps own (sn.core.registries), imported in the app's ready():
the two measures of time in the community and the header link to the scorecard."""

from django.urls import reverse

from sn.core.access import has_permission
from sn.core.registries import (
    NAVIGATION,
    SCORECARD_MEASURES,
    WORK_ITEMS,
    MeasureUnit,
    NavItem,
    ScorecardMeasure,
    WorkItemProvider,
)
from sn.scorecard.community import community_time_figures, majority_figures
from sn.scorecard.community import target as community_target
from sn.scorecard.permissions import VIEW_SCORECARD
from sn.scorecard.work_items import measures_below_target_items

PART = "Time in the community"

# The commitment is "the majority of their time"; a force may set another share, said here in words.
_SHARES_IN_WORDS = {
    0.5: "half",
    0.25: "a quarter",
    0.75: "three quarters",
    1 / 3: "a third",
    2 / 3: "two thirds",
}


def share_in_words(share: float) -> str:
    for value, words in _SHARES_IN_WORDS.items():
        if abs(share - value) < 1e-9:
            return words
    return f"{100 * share:g}%"


def _majority_definition() -> str:
    return (
        "Of the officers with working time on a neighbourhood team's duties in the month (rostered "
        "minutes less those abstracted for reasons the abstraction policy exempts, such as leave), "
        "the share whose minutes on duty in a ward (their own, or one they were lent to under a "
        f"deployment) were more than {share_in_words(community_target())} of their working minutes. "
        "From the duty system's records; an officer counts in their home team's ward."
    )


SCORECARD_MEASURES.register(
    ScorecardMeasure(
        key="community_time_majority",
        label="Officers spending the majority of their time in their neighbourhood",
        definition=_majority_definition,
        part=PART,
        unit=MeasureUnit.PERCENT,
        order=700,
        figures=majority_figures,
        target=100.0,
    )
)
SCORECARD_MEASURES.register(
    ScorecardMeasure(
        key="community_time_share",
        label="Time in the community",
        definition=(
            "Minutes neighbourhood officers were on duty in a ward (their own, or one they were lent to "
            "under a deployment) as a share of their working minutes (rostered minutes less those "
            "abstracted for reasons the abstraction policy exempts), summed over the team's officers. "
            "Duties do not say whether the time went on patrol, engagement or problem solving, so all "
            "of it counts; abstractions that count (public order, training, custody...) do not."
        ),
        part=PART,
        unit=MeasureUnit.PERCENT,
        order=710,
        figures=community_time_figures,
        target=50.0,
    )
)


def _scorecard_link(user) -> str | None:
    return reverse("scorecard:home") if has_permission(user, VIEW_SCORECARD) else None


NAVIGATION.register(NavItem(key="scorecard", label="Guarantee", order=60, href=_scorecard_link))

WORK_ITEMS.register(
    WorkItemProvider(
        key="scorecard_below_target",
        heading="Guarantee measures below target in your area last month",
        order=38,
        build=measures_below_target_items,
        permission=VIEW_SCORECARD,
    )
)
