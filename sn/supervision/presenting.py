"""What the supervision pages show: an arrangement (today's or a proposal's) as groups of wards with
their sergeant, coloured alike on the map and in the table, and the figures side by side."""

from dataclasses import dataclass, field

from sn.geography.models import Neighbourhood
from sn.geography.selectors import feature_collection
from sn.supervision.models import SupervisionProposal
from sn.supervision.selectors import AreaFacts, figures_of, proposal_groups, today_loads
from sn.teams.models import Officer, Posting, Team

# Colour-blind-safe qualitative colours (Okabe and Ito), then a few more; a group's colour is its
# number's, so the map and the table agree. Wards with no sergeant are grey.
COLOURS = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#6a3d9a")
NO_SERGEANT = "#b1b4b6"


@dataclass
class WardRow:
    code: str
    name: str
    demand: float
    staff: int


@dataclass
class Group:
    number: int
    sergeant: Officer | None
    wards: list[WardRow]
    cluster: str = ""
    colour: str = NO_SERGEANT

    @property
    def demand(self) -> float:
        return sum(w.demand for w in self.wards)

    @property
    def staff(self) -> int:
        return sum(w.staff for w in self.wards)

    @property
    def shared(self) -> bool:
        return len(self.wards) > 1


@dataclass
class Arrangement:
    title: str
    groups: list[Group]
    unsupervised: list[WardRow] = field(default_factory=list)
    map_json: str = ""
    figures: dict = field(default_factory=dict)


def _colour(facts: AreaFacts, groups: list[Group], ward_ids: list[list[int]]) -> None:
    """Colours so that groups next to each other differ where the palette allows (greedy colouring,
    groups in number order), making each group's extent readable on the map."""
    group_of = {ward_id: index for index, ids in enumerate(ward_ids) for ward_id in ids}
    for index, group in enumerate(groups):
        taken = {
            groups[group_of[other]].colour
            for ward_id in ward_ids[index]
            for other in facts.neighbours.get(ward_id, ())
            if other in group_of and group_of[other] < index
        }
        free = [colour for colour in COLOURS if colour not in taken]
        group.colour = free[0] if free else COLOURS[(group.number - 1) % len(COLOURS)]


def _row(facts: AreaFacts, ward_id: int) -> WardRow:
    ward = facts.wards[ward_id]
    return WardRow(code=ward.code, name=ward.name, demand=ward.demand, staff=ward.staff)


def _map(facts: AreaFacts, groups: list[Group], ward_ids: set[int]) -> str:
    """The wards' display boundaries, each with its group's colour and a description for its tooltip."""
    by_code = {}
    for group in groups:
        who = group.sergeant.full_name if group.sergeant else "no sergeant kept"
        for ward in group.wards:
            by_code.setdefault(ward.code, (group.colour, f"{ward.name} – group {group.number}, {who}"))
    areas = (
        Neighbourhood.objects.filter(id__in=ward_ids)
        .only("code", "name", "display_boundary")
        .order_by("code")
    )

    def properties(area):
        colour, text = by_code.get(area.code, (NO_SERGEANT, f"{area.name} – no sergeant"))
        return {"name": area.name, "colour": colour, "text": text}

    return feature_collection(areas, properties)


def todays_arrangement(
    facts: AreaFacts, *, cluster_id: int | None = None, with_map: bool = True
) -> Arrangement:
    """Each sergeant posted in the area with the wards they supervise (in the cluster, when given)."""
    wanted = {i for i, w in facts.wards.items() if cluster_id is None or w.cluster_id == cluster_id}
    groups, members = [], []
    per_sergeant = sorted(
        facts.sergeants_of().items(),
        key=lambda item: (-sum(facts.wards[i].demand for i in item[1]), facts.wards[item[1][0]].code),
    )
    for officer_id, ward_ids in per_sergeant:
        mine = [i for i in ward_ids if i in wanted]
        if not mine:
            continue
        groups.append(Group(number=len(groups) + 1, sergeant=facts.sergeants[officer_id], wards=[]))
        groups[-1].wards = [_row(facts, i) for i in mine]
        groups[-1].cluster = facts.wards[mine[0]].cluster_name
        members.append(mine)
    _colour(facts, groups, members)
    unsupervised = [_row(facts, i) for i in facts.unsupervised() if i in wanted]
    if cluster_id is None:
        figures = figures_of(today_loads(facts), unsupervised=len(unsupervised))
    else:
        figures = figures_of([(g.demand, g.staff) for g in groups], unsupervised=len(unsupervised))
    return Arrangement(
        title="Today",
        groups=groups,
        unsupervised=unsupervised,
        map_json=_map(facts, groups, wanted) if with_map else "",
        figures=figures,
    )


def proposed_arrangement(
    facts: AreaFacts, proposal: SupervisionProposal, *, cluster_id: int | None = None, with_map: bool = True
) -> Arrangement:
    """The proposal's groups (in the cluster, when given). Wards are described by today's facts; the
    groups' own demand and staff are the figures the proposal was made on."""
    groups, members = [], []
    for view in proposal_groups(proposal):
        if cluster_id is not None and view.cluster_id != cluster_id:
            continue
        members.append([i for i in view.ward_ids if i in facts.wards])
        rows = [_row(facts, i) for i in view.ward_ids if i in facts.wards]
        groups.append(
            Group(
                number=view.number,
                sergeant=view.kept_sergeant,
                wards=rows,
                cluster=facts.wards[view.ward_ids[0]].cluster_name if view.ward_ids[0] in facts.wards else "",
            )
        )
    _colour(facts, groups, members)
    wanted = {i for i, w in facts.wards.items() if cluster_id is None or w.cluster_id == cluster_id}
    figures = (
        proposal.figures.get("after", {})
        if cluster_id is None
        else figures_of([(g.demand, g.staff) for g in groups])
    )
    return Arrangement(
        title=f"Proposal {proposal.pk}",
        groups=groups,
        map_json=_map(facts, groups, wanted) if with_map else "",
        figures=figures,
    )


FIGURE_ROWS = (
    ("Sergeants", ("sergeants",)),
    ("PCs and PCSOs per sergeant", ("officers_per_sergeant",)),
    ("Demand per sergeant, lowest", ("demand", "min")),
    ("Demand per sergeant, median", ("demand", "median")),
    ("Demand per sergeant, highest", ("demand", "max")),
    ("PCs and PCSOs per sergeant, lowest", ("staff", "min")),
    ("PCs and PCSOs per sergeant, highest", ("staff", "max")),
    ("Wards with no sergeant", ("unsupervised_wards",)),
)


def _figure(figures: dict, path: tuple[str, ...]):
    value = figures
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def figure_rows(before: dict, after: dict | None) -> list[tuple[str, object, object]]:
    """(label, today, proposed) for the table of figures side by side."""
    return [
        (label, _figure(before, path), _figure(after, path) if after is not None else None)
        for label, path in FIGURE_ROWS
    ]


def objective_note(proposal: SupervisionProposal) -> str:
    """The solver's objective against the greedy baseline, in words."""
    if proposal.baseline_objective is None:
        return "The greedy baseline (merging the quietest adjacent wards first) could not reach this target."
    if proposal.baseline_objective == proposal.objective:
        return "The greedy baseline (merging the quietest adjacent wards first) found one as even."
    better = (proposal.baseline_objective - proposal.objective) / proposal.baseline_objective
    return (
        f"{better:.1%} more even than the greedy baseline, which merges the quietest adjacent wards first "
        f"(objective {proposal.objective:,} against {proposal.baseline_objective:,}; lower is more even)."
    )


@dataclass
class PlanView:
    post: list[tuple[Officer, str]]
    end: list[tuple[Officer, str]]
    released: list[Officer]


def plan_view(proposal: SupervisionProposal) -> PlanView:
    """What adopting the proposal does, by name: postings made, postings ended, sergeants released."""
    plan = proposal.plan or {}
    ended = list(
        Posting.objects.filter(pk__in=plan.get("end", []))
        .select_related("officer", "team")
        .order_by("team__name")
    )
    team_names = dict(
        Team.objects.filter(pk__in=[t for _, t in plan.get("post", [])]).values_list("pk", "name")
    )
    officers = Officer.objects.in_bulk({o for o, _ in plan.get("post", [])} | set(plan.get("released", [])))
    return PlanView(
        post=sorted(
            ((officers[o], team_names.get(t, "")) for o, t in plan.get("post", []) if o in officers),
            key=lambda pair: (pair[0].last_name, pair[1]),
        ),
        end=[(p.officer, p.team.name) for p in ended],
        released=sorted(
            (officers[o] for o in plan.get("released", []) if o in officers), key=lambda o: o.last_name
        ),
    )
