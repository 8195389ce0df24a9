"""The crime tables as downloads: column headings and rows, shared by pages and exports."""

from sn.crime.demand import AreaDemand
from sn.crime.profile import CrimeProfile

DEMAND_HEADERS = [
    "Rank in force",
    "Rank in borough",
    "Code",
    "Area",
    "Kind",
    "Borough",
    "Population",
    "Crime (TNO)",
    "ASB",
    "Demand index",
    "Crime per 1,000",
    "ASB per 1,000",
    "Demand per 1,000",
    "Force quintile (5 = busiest)",
]


def _rounded(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def demand_rows(areas: list[AreaDemand]) -> list[list]:
    return [
        [
            a.force_rank,
            a.borough_rank,
            a.code,
            a.name,
            a.kind,
            a.borough_name,
            a.population,
            a.crime,
            a.asb,
            a.demand,
            _rounded(a.crime_rate),
            _rounded(a.asb_rate),
            _rounded(a.demand_rate),
            a.quintile,
        ]
        for a in areas
    ]


def series_headers(profile: CrimeProfile) -> list[str]:
    return ["Month", *(c.label for c in profile.categories), "Crime (TNO)", "ASB", "All incidents"]


def series_rows(profile: CrimeProfile) -> list[list]:
    crime, asb = profile.monthly_crime, profile.monthly_asb
    rows = []
    for i, month in enumerate(profile.months):
        counts = [c.monthly[i] for c in profile.categories]
        rows.append([month.strftime("%Y-%m"), *counts, crime[i], asb[i], sum(counts)])
    return rows
