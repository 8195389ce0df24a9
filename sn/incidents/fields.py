"""What a police.uk column is: its header, the name it is held under, its type and its limits.

The kinds of file (sn.incidents.kinds) are lists of these; the parser checks them, the handlers copy
them and the writers build their SQL from them, so each column is described once.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Type:
    """How a column's text is read (sn.incidents.parsing) and which SQL type holds it in a staging table."""

    name: str
    sql: str


TEXT = Type("text", "text")
MONTH = Type("month", "date")  # "2024-01" -> "2024-01-01", the first day, as the database stores it
CRIME_TYPE = Type("crime type", "text")  # police.uk's name -> our category slug
LONGITUDE = Type("longitude", "double precision")  # both blank (no location) or both in range
LATITUDE = Type("latitude", "double precision")
TIMESTAMP = Type("timestamp", "timestamp with time zone")  # ISO 8601 with an offset
FLAG = Type("flag", "boolean")  # True, False or blank (unknown)
REFERENCE = Type("reference", "bigint")  # an id the import works out, never read from a file


@dataclass(frozen=True)
class Column:
    """A column of the table a kind writes: a field of the file, or one the import works out."""

    name: str
    type: Type


@dataclass(frozen=True)
class Field:
    """One column of a police.uk CSV. `name` is the key of its parsed values and the model field it
    is stored in; `required` is True, or why it must be given (said when it is blank)."""

    header: str
    name: str
    type: Type = TEXT
    max_length: int | None = None
    required: bool | str = False
    label: str = ""  # how messages name the column, when not as the header does

    def __post_init__(self) -> None:
        if not self.label:
            object.__setattr__(self, "label", self.header)

    @property
    def column(self) -> Column:
        return Column(self.name, self.type)
