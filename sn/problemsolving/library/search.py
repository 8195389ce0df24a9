"""Searching the good-practice library: one function for every caller, whichever database holds it.

PostgreSQL matches the weighted tsvectors (a narrow table of their own, migration 0003) with
websearch_to_tsquery('english', words) and ranks with ts_rank (title A, statement B, the rest C);
SQLite matches the FTS5 table with the words read by sn.problemsolving.library.words and ranks with
bm25, weighting the three columns as ts_rank's default weights do (1, 0.4, 0.2). Both order by rank,
then the most recently closed, then the newest case, so a fixed library gives the same cases on both
and, where the ranking is clear, in the same order.

Two queries a page: the matching case ids with their rank and the total (a window count, one pass), then
the entries of the page with their ward and borough.
"""

from dataclasses import dataclass, field

from django.db import connection

from sn.problemsolving.library import words as typed_words
from sn.problemsolving.library.models import LibraryEntry

TABLE = LibraryEntry._meta.db_table
FTS = "problemsolving_library_fts"
VECTORS = "problemsolving_library_vector"
ENTRY_FIELDS = [f.name for f in LibraryEntry._meta.concrete_fields]
# Where a case was, by name: not the ward's and borough's boundaries, which are most of their rows.
PLACE_FIELDS = ["neighbourhood__name", "neighbourhood__code", "neighbourhood__borough__name"]
# ts_rank's default weights for A, B and C, as bm25 column weights.
BM25_WEIGHTS = (1.0, 0.4, 0.2)


@dataclass(frozen=True)
class LibraryResult:
    entry: LibraryEntry
    rank: float


@dataclass(frozen=True)
class LibraryPage:
    results: list[LibraryResult]
    total: int
    limit: int
    offset: int
    words: str = ""
    categories: tuple[str, ...] = field(default_factory=tuple)
    outcome: str = ""

    @property
    def entries(self) -> list[LibraryEntry]:
        return [r.entry for r in self.results]

    @property
    def first(self) -> int:
        return self.offset + 1 if self.results else 0

    @property
    def last(self) -> int:
        return self.offset + len(self.results)


def _filters(categories, outcome, exclude_case, exclude_neighbourhood) -> tuple[list[str], list]:
    where, params = [], []
    if categories:
        where.append("(" + " OR ".join(["e.category_codes LIKE %s ESCAPE '!'"] * len(categories)) + ")")
        params += [f"%,{_like_escaped(code)},%" for code in categories]
    if outcome:
        where.append("e.outcome = %s")
        params.append(outcome)
    if exclude_case is not None:
        where.append("e.case_id <> %s")
        params.append(exclude_case)
    if exclude_neighbourhood is not None:
        where.append("e.neighbourhood_id <> %s")
        params.append(exclude_neighbourhood)
    return where, params


def _like_escaped(text: str) -> str:
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_")


def _postgresql(words: str, where: list[str], params: list) -> tuple[str, list]:
    # The queries are constants (websearch_to_tsquery is immutable), so the planner folds them and
    # reaches the GIN index. The cases are found by the words as typed and ranked by the words wanted.
    sql = (
        "SELECT e.case_id, ts_rank(v.search, websearch_to_tsquery('english', %s)) AS rank, "  # noqa: S608
        f"COUNT(*) OVER () AS total FROM {VECTORS} v JOIN {TABLE} e ON e.case_id = v.case_id "
        "WHERE v.search @@ websearch_to_tsquery('english', %s)"
        + "".join(f" AND {w}" for w in where)
        + " ORDER BY rank DESC, e.closed_on DESC, e.case_id DESC LIMIT %s OFFSET %s"
    )
    wanted = typed_words.websearch_positive(typed_words.parse(words))
    return sql, [wanted, words[: typed_words.LONGEST], *params]


def _sqlite(words: str, where: list[str], params: list) -> tuple[str, list]:
    terms = typed_words.parse(words)
    excluded = typed_words.fts5_excluded(terms)
    if excluded:
        where = [*where, f"e.case_id NOT IN (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s)"]
        params = [*params, excluded]
    if not terms.groups:
        return _unranked(where, params)
    weights = ", ".join(str(w) for w in BM25_WEIGHTS)
    # bm25 is lower for a better match: negated, it runs the way ts_rank does.
    sql = (
        f"SELECT e.case_id, -m.rank AS rank, COUNT(*) OVER () AS total FROM {TABLE} e "  # noqa: S608
        f"JOIN (SELECT rowid AS case_id, bm25({FTS}, {weights}) AS rank FROM {FTS} WHERE {FTS} MATCH %s) m "
        "ON m.case_id = e.case_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY m.rank ASC, e.closed_on DESC, e.case_id DESC LIMIT %s OFFSET %s"
    )
    return sql, [typed_words.fts5_match(terms), *params]


def _unranked(where: list[str], params: list) -> tuple[str, list]:
    sql = (
        f"SELECT e.case_id, 0.0 AS rank, COUNT(*) OVER () AS total FROM {TABLE} e"  # noqa: S608
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY e.closed_on DESC, e.case_id DESC LIMIT %s OFFSET %s"
    )
    return sql, list(params)


def library_search(
    *,
    words: str = "",
    categories: list[str] | tuple[str, ...] = (),
    outcome: str = "",
    exclude_case: int | None = None,
    exclude_neighbourhood: int | None = None,
    limit: int = 20,
    offset: int = 0,
) -> LibraryPage:
    """Closed, assessed cases matching the words (websearch syntax: all words, "a phrase", `or`,
    `-not`), in any of the categories, with the outcome, best match first (most recent first when no
    words are given). `exclude_case` and `exclude_neighbourhood` leave out a case and a ward."""
    limit, offset = max(1, int(limit)), max(0, int(offset))
    # No database takes a NUL inside a string; it is no part of any word.
    words = (words or "").replace("\x00", " ")
    where, params = _filters(categories, outcome, exclude_case, exclude_neighbourhood)
    if typed_words.parse(words).empty:
        # No words, or only stop words and punctuation: every case the filters allow, as an empty box.
        sql, params = _unranked(where, params)
    elif connection.vendor == "postgresql":
        sql, params = _postgresql(words, where, params)
    else:
        sql, params = _sqlite(words, where, params)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit, offset])
        rows = cursor.fetchall()
        if rows:
            total = rows[0][2]
        elif offset:
            # Past the last page: the count alone, for the page to say how many there are.
            cursor.execute(f"SELECT COUNT(*) FROM ({sql}) counted", [*params, 2**62, 0])  # noqa: S608
            total = cursor.fetchone()[0]
        else:
            total = 0
    entries = (
        LibraryEntry.objects.select_related("neighbourhood__borough")
        .only(*ENTRY_FIELDS, *PLACE_FIELDS)
        .in_bulk([r[0] for r in rows])
    )
    return LibraryPage(
        results=[LibraryResult(entry=entries[case_id], rank=float(rank)) for case_id, rank, _ in rows],
        total=total,
        limit=limit,
        offset=offset,
        words=words,
        categories=tuple(categories),
        outcome=outcome,
    )
