"""The three police.uk CSV layouts, exactly as data.police.uk publishes them, and telling them apart."""

from sn.incidents.models import ImportRun

STREET_HEADER = (
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Crime type",
    "Last outcome category",
    "Context",
)
OUTCOMES_HEADER = (
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Outcome type",
)
STOPS_HEADER = (
    "Type",
    "Date",
    "Part of a policing operation",
    "Policing operation",
    "Latitude",
    "Longitude",
    "Gender",
    "Age range",
    "Self-defined ethnicity",
    "Officer-defined ethnicity",
    "Legislation",
    "Object of search",
    "Outcome",
    "Outcome linked to object of search",
    "Removal of more than just outer clothing",
)

HEADERS: dict[str, tuple[str, ...]] = {
    ImportRun.Kind.STREET: STREET_HEADER,
    ImportRun.Kind.OUTCOMES: OUTCOMES_HEADER,
    ImportRun.Kind.STOPS: STOPS_HEADER,
}


def clean_header(row: list[str]) -> tuple[str, ...]:
    """The header as written, less a UTF-8 byte-order mark and stray spaces round the names."""
    if row:
        row = [row[0].removeprefix("\ufeff"), *row[1:]]
    return tuple(name.strip() for name in row)


def kind_of_header(row: list[str]) -> str | None:
    """Which police.uk file a header belongs to, or None when it is none of them."""
    header = clean_header(row)
    for kind, expected in HEADERS.items():
        if header == expected:
            return kind
    return None


def header_problem(row: list[str], kind: str) -> str | None:
    """Why a header is not the police.uk one for `kind`, or None when it is."""
    header = clean_header(row)
    expected = HEADERS[kind]
    if header == expected:
        return None
    found = kind_of_header(row)
    if found:
        return f"this is a police.uk {ImportRun.Kind(found).label.lower()} file, not {kind}"
    for position, (want, got) in enumerate(zip(expected, header, strict=False), start=1):
        if want != got:
            return (
                f'header is not the police.uk {kind} layout: column {position} is "{got}", expected "{want}"'
            )
    return f"header is not the police.uk {kind} layout: expected {len(expected)} columns, got {len(header)}"
