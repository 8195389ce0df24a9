"""The ward profile's section of the strategic profile (form 301), registered in sn.profiles.hooks."""

from datetime import date

from sn.core.exports import PERCENT, NumberFormat
from sn.core.registries import ReportSection, Table
from sn.geography.models import Neighbourhood
from sn.profiles.demographics import IMD_AREAS_IN_ENGLAND
from sn.profiles.selectors import age_structure, deprivation, key_locations, recurring_events

RANK = NumberFormat("#,##0", ",.0f")


def population_line(neighbourhood: Neighbourhood) -> str:
    if not neighbourhood.population:
        return "Population: not known."
    line = f"Population {neighbourhood.population:,}"
    if neighbourhood.population_year:
        line += f" ({neighbourhood.population_year}"
        line += f"; {neighbourhood.population_source})" if neighbourhood.population_source else ")"
    return line + "."


def _age_table(neighbourhood: Neighbourhood) -> tuple[list[str], list[Table], str]:
    age = age_structure(neighbourhood)
    if age is None:
        return ["No age structure is loaded for this area."], [], ""
    rows = [[b.label, int(b.ward), b.ward_share, b.borough_share, b.force_share] for b in age.bands]
    table = Table(
        caption=f"Usual residents by age, {age.year}",
        headers=["Age", "Residents", "Share", age.borough, age.force],
        rows=rows,
        sheet="Age",
        formats={2: PERCENT, 3: PERCENT, 4: PERCENT},
    )
    return [age.headline()], [table], f"Age: {age.source}, {age.year}."


def _deprivation_tables(neighbourhood: Neighbourhood) -> tuple[list[str], list[Table], str]:
    found = deprivation(neighbourhood)
    if found is None or not found.areas:
        return ["No deprivation figures are loaded for this area."], [], ""
    deciles = Table(
        caption=f"Small areas by national deprivation decile (IMD {found.year})",
        headers=["Decile", "Small areas", "Share", found.borough, found.force],
        rows=[[d.label, int(d.ward), d.ward_share, d.borough_share, d.force_share] for d in found.deciles],
        sheet="Deprivation deciles",
        formats={2: PERCENT, 3: PERCENT, 4: PERCENT},
    )
    tables = [deciles]
    if found.ranks:
        tables.append(
            Table(
                caption=f"Average rank by domain (1 is the most deprived of {IMD_AREAS_IN_ENGLAND:,})",
                headers=["Domain", "Ward", found.borough, found.force],
                rows=[[r.domain, r.ward, r.borough, r.force] for r in found.ranks],
                sheet="Deprivation ranks",
                formats={1: RANK, 2: RANK, 3: RANK},
            )
        )
    return found.summary(), tables, f"Deprivation: {found.source}."


def _places_tables(neighbourhood: Neighbourhood) -> tuple[str, list[Table]]:
    locations, events = key_locations(neighbourhood), recurring_events(neighbourhood)
    line = (
        f"The team has recorded {len(locations)} key location{'s' if len(locations) != 1 else ''} and "
        f"{len(events)} recurring event{'s' if len(events) != 1 else ''}."
    )
    tables = []
    if locations:
        tables.append(
            Table(
                caption="Key locations",
                headers=["Name", "Kind", "Address", "Why it matters"],
                rows=[[loc.name, loc.get_kind_display(), loc.address, loc.description] for loc in locations],
                numeric_from=4,
                sheet="Key locations",
            )
        )
    if events:
        tables.append(
            Table(
                caption="Recurring events",
                headers=["Name", "Kind", "When", "Next date", "Where"],
                rows=[
                    [
                        e.name,
                        e.get_kind_display(),
                        e.schedule,
                        f"{e.next_date:%d/%m/%Y}" if e.next_date else "not known",
                        e.location,
                    ]
                    for e in events
                ],
                numeric_from=5,
                sheet="Recurring events",
            )
        )
    return line, tables


def ward_section(neighbourhood: Neighbourhood, day: date) -> ReportSection:
    """Who lives in the ward and the places and events that shape its policing, as recorded today."""
    age_summary, age_tables, age_note = _age_table(neighbourhood)
    imd_summary, imd_tables, imd_note = _deprivation_tables(neighbourhood)
    places_line, places_tables = _places_tables(neighbourhood)
    return ReportSection(
        key="ward",
        title="The ward",
        summary=[population_line(neighbourhood), *age_summary, *imd_summary, places_line],
        tables=[*age_tables, *imd_tables, *places_tables],
        note=" ".join(n for n in (age_note, imd_note) if n),
        as_at=day,
    )
