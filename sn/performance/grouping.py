"""Which boroughs are "similar": the default comparison groups.

The default is the ONS statistical definition of Inner and Outer London (the one used for London
statistics, which counts Haringey and Newham as inner and Greenwich as outer). A borough whose code is
not a London borough's falls in "Other boroughs". The central unit can override any borough's group
with a ComparisonGroup (admin); see docs/how-to/survey-statistics.md.
"""

INNER_LONDON = "Inner London"
OUTER_LONDON = "Outer London"
OTHER = "Other boroughs"

INNER_LONDON_CODES = frozenset(
    {
        "E09000001",  # City of London
        "E09000007",  # Camden
        "E09000012",  # Hackney
        "E09000013",  # Hammersmith and Fulham
        "E09000014",  # Haringey
        "E09000019",  # Islington
        "E09000020",  # Kensington and Chelsea
        "E09000022",  # Lambeth
        "E09000023",  # Lewisham
        "E09000025",  # Newham
        "E09000028",  # Southwark
        "E09000030",  # Tower Hamlets
        "E09000032",  # Wandsworth
        "E09000033",  # Westminster
    }
)
LONDON_BOROUGH_CODES = frozenset(f"E090000{n:02d}" for n in range(1, 34))


def default_group(code: str) -> str:
    if code in INNER_LONDON_CODES:
        return INNER_LONDON
    if code in LONDON_BOROUGH_CODES:
        return OUTER_LONDON
    return OTHER
