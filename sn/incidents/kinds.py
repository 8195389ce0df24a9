"""The three kinds of police.uk file, each described once, and telling them apart by their headers.

A kind is one file layout's whole way through the import (sn.incidents.importing):
  read    its CSV, a chunk of rows at a time, all or nothing per file (importing, sources)
  parse   each field checked and converted as its Field says (parsing.parse_rows)
  locate  each row's key and neighbourhood worked out by the kind's handler (handlers), which then
  write   the rows to the kind's model's table (writers, for street files)
  rollup  the monthly counts rebuilt for the months written, for the kind that changes them
The header a file must have, the parser's columns, the columns the handlers copy and the writers' SQL
(their staging table too) all come from the fields here: a column is written out in this file only.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models

from sn.incidents.fields import (
    CRIME_TYPE,
    FLAG,
    LATITUDE,
    LONGITUDE,
    MONTH,
    REFERENCE,
    TEXT,
    TIMESTAMP,
    Column,
    Field,
)
from sn.incidents.handlers import OutcomesHandler, StopsHandler, StreetHandler
from sn.incidents.models import ImportRun, Incident, StopSearch
from sn.incidents.parsing import Columns, parse_rows
from sn.incidents.rollup import incidents_rollup_rebuild


@dataclass(frozen=True)
class SourceKind:
    name: str  # as import runs record it and messages say it (an ImportRun.Kind)
    fields: tuple[Field, ...]  # the file's columns, in the order of its header
    handler: type  # locates and writes each parsed chunk: built per file with (kind, result, ...)
    model: type[models.Model]  # the table written
    added: tuple[Column, ...] = ()  # columns the handler works out for each row: its key and place
    rollup: Callable[..., int] | None = None  # called with the months written, when any row changed

    @property
    def label(self) -> str:
        return ImportRun.Kind(self.name).label

    @property
    def header(self) -> tuple[str, ...]:
        return tuple(f.header for f in self.fields)

    @property
    def columns(self) -> tuple[Column, ...]:
        """A row as written: its fields, then those worked out (the street and stop handlers write
        these to `model`; the outcomes handler updates the outcome of the crime each row names)."""
        return (*(f.column for f in self.fields), *self.added)

    def parse(self, rows: list[list[str]], lines: list[int]) -> Columns:
        return parse_rows(self.fields, rows, lines)


# Street-level crime and ASB. Keyed by Crime ID (ASB rows have none: a hash of the row, sn.incidents.keys),
# placed by point, else by LSOA; upserted into Incident, then the months written are counted again.
STREET = SourceKind(
    name=ImportRun.Kind.STREET,
    fields=(
        Field("Crime ID", "crime_id", max_length=64),
        Field("Month", "month", MONTH),
        Field("Reported by", "reported_by", max_length=100),
        Field("Falls within", "falls_within", max_length=100),
        Field("Longitude", "longitude", LONGITUDE),
        Field("Latitude", "latitude", LATITUDE),
        Field("Location", "location", max_length=255),
        Field("LSOA code", "lsoa_code", max_length=9),
        Field("LSOA name", "lsoa_name", max_length=100),
        Field("Crime type", "category", CRIME_TYPE),
        Field("Last outcome category", "last_outcome_category", max_length=120),
        Field("Context", "context"),
    ),
    handler=StreetHandler,
    model=Incident,
    added=(Column("source_key", TEXT), Column("neighbourhood_id", REFERENCE), Column("placed", FLAG)),
    rollup=incidents_rollup_rebuild,
)

# Outcomes: the latest outcome of each crime named, set on its Incident. Every field is checked, but only
# the Crime ID, month and outcome are used; nothing is located and the counts do not change.
OUTCOMES = SourceKind(
    name=ImportRun.Kind.OUTCOMES,
    fields=(
        Field("Crime ID", "crime_id", max_length=64, required="an outcome must name its crime"),
        Field("Month", "month", MONTH),
        Field("Reported by", "reported_by"),
        Field("Falls within", "falls_within"),
        Field("Longitude", "longitude", LONGITUDE),
        Field("Latitude", "latitude", LATITUDE),
        Field("Location", "location"),
        Field("LSOA code", "lsoa_code"),
        Field("LSOA name", "lsoa_name"),
        Field("Outcome type", "outcome_type", max_length=120, required=True),
    ),
    handler=OutcomesHandler,
    model=Incident,
)

# Stop and search. Keyed by a hash of the row, placed by point (none when it has no point; refused when
# the point is outside the force); each field is stored as the StopSearch field of its name.
STOPS = SourceKind(
    name=ImportRun.Kind.STOPS,
    fields=(
        Field("Type", "type", max_length=60, required=True),
        Field("Date", "occurred_at", TIMESTAMP),
        Field("Part of a policing operation", "part_of_policing_operation", FLAG),
        Field("Policing operation", "policing_operation", max_length=200),
        Field("Latitude", "latitude", LATITUDE),
        Field("Longitude", "longitude", LONGITUDE),
        Field("Gender", "gender", max_length=20),
        Field("Age range", "age_range", max_length=20),
        # The messages have always named these two without the hyphen.
        Field(
            "Self-defined ethnicity", "self_defined_ethnicity", max_length=200, label="Self defined ethnicity"
        ),
        Field(
            "Officer-defined ethnicity",
            "officer_defined_ethnicity",
            max_length=60,
            label="Officer defined ethnicity",
        ),
        Field("Legislation", "legislation", max_length=200),
        Field("Object of search", "object_of_search", max_length=120),
        Field("Outcome", "outcome", max_length=120),
        Field("Outcome linked to object of search", "outcome_linked_to_object", FLAG),
        Field("Removal of more than just outer clothing", "removal_of_clothing", FLAG),
    ),
    handler=StopsHandler,
    model=StopSearch,
    added=(Column("source_key", TEXT), Column("neighbourhood_id", REFERENCE)),
)

KINDS = (STREET, OUTCOMES, STOPS)


def clean_header(row: list[str]) -> tuple[str, ...]:
    """The header as written, less a UTF-8 byte-order mark and stray spaces round the names."""
    if row:
        row = [row[0].removeprefix("\ufeff"), *row[1:]]
    return tuple(name.strip() for name in row)


def kind_of_header(row: list[str]) -> SourceKind | None:
    """Which police.uk file a header belongs to, or None when it is none of them."""
    header = clean_header(row)
    return next((kind for kind in KINDS if header == kind.header), None)


def header_problem(row: list[str], kind: SourceKind) -> str | None:
    """Why a header is not the police.uk one for `kind`, or None when it is."""
    header, expected = clean_header(row), kind.header
    if header == expected:
        return None
    found = kind_of_header(row)
    if found:
        return f"this is a police.uk {found.label.lower()} file, not {kind.name}"
    for position, (want, got) in enumerate(zip(expected, header, strict=False), start=1):
        if want != got:
            return (
                f'header is not the police.uk {kind.name} layout: column {position} is "{got}", '
                f'expected "{want}"'
            )
    return (
        f"header is not the police.uk {kind.name} layout: expected {len(expected)} columns, got {len(header)}"
    )
