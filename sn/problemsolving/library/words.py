"""What a user typed into the library's search box, read the way PostgreSQL's websearch_to_tsquery reads
it, and written out as an FTS5 query that cannot carry FTS5's own syntax.

PostgreSQL is given the words as typed (websearch_to_tsquery never fails on any input). FTS5's MATCH
has a grammar of its own (quotes, `*`, `NEAR(`, `AND`/`OR`/`NOT`, `^`, column filters with `:`) and
fails or changes meaning on stray punctuation, so on SQLite the words go through `parse` first: only
runs of letters and digits survive, and every one is written inside double quotes, where FTS5 reads it
as a plain string. The reading follows websearch_to_tsquery's, so that both databases find the same
cases: words are all required; `or` between two terms makes either do; `-word` excludes; `"..."` is a
phrase; English stop words are dropped outside phrases (FTS5 has no stop list; PostgreSQL's english
configuration drops these).
"""

import re
from dataclasses import dataclass, field

# PostgreSQL's english.stop (share/tsearch_data), which its 'english' configuration drops.
STOP_WORDS = frozenset(
    """i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her
    hers herself it its itself they them their theirs themselves what which who whom this that these those
    am is are was were be been being have has had having do does did doing a an the and but if or because
    as until while of at by for with about against between into through during before after above below
    to from up down in out on off over under again further then once here there when where why how all
    any both each few more most other some such no nor not only own same so than too very s t can will
    just don should now""".split()
)
# The longest search the library reads; the rest is ignored (a pasted page is not a search).
LONGEST = 200
_WORD = re.compile(r"[^\W_]+")
_TOKEN = re.compile(r'-?"[^"]*"?|\S+')


@dataclass(frozen=True)
class Terms:
    """The search as groups that must all match (each group: alternative phrases, any of which will do;
    a phrase: its words in order) and phrases that must not."""

    groups: tuple[tuple[tuple[str, ...], ...], ...] = ()
    excluded: tuple[tuple[str, ...], ...] = ()

    @property
    def empty(self) -> bool:
        return not self.groups and not self.excluded


@dataclass
class _Reading:
    groups: list[list[tuple[str, ...]]] = field(default_factory=list)
    excluded: list[tuple[str, ...]] = field(default_factory=list)
    or_pending: bool = False


def _phrase(text: str, *, quoted: bool) -> tuple[str, ...]:
    words = tuple(w.lower() for w in _WORD.findall(text))
    if all(w in STOP_WORDS for w in words):
        return ()
    # Inside quotes the stop words keep their places (FTS5 indexes them); a bare word that is one is
    # dropped, as PostgreSQL drops it.
    return words if quoted or len(words) > 1 else tuple(w for w in words if w not in STOP_WORDS)


def parse(typed: str) -> Terms:
    reading = _Reading()
    for token in _TOKEN.findall(typed[:LONGEST]):
        negated = token.startswith("-") and len(token) > 1
        body = token[1:] if negated else token
        quoted = body.startswith('"')
        if not quoted and body.lower() == "or":
            reading.or_pending = bool(reading.groups)
            continue
        phrase = _phrase(body.strip('"'), quoted=quoted)
        if not phrase:
            continue
        if negated:
            reading.excluded.append(phrase)
            reading.or_pending = False
        elif reading.or_pending:
            reading.groups[-1].append(phrase)
            reading.or_pending = False
        else:
            reading.groups.append([phrase])
    return Terms(
        groups=tuple(tuple(dict.fromkeys(group)) for group in reading.groups),
        excluded=tuple(dict.fromkeys(reading.excluded)),
    )


def any_of(words: list[str]) -> str:
    """Words of which any will do, as a user would type them: what "similar cases" searches with."""
    return " or ".join(words)


def websearch_positive(terms: Terms) -> str:
    """The groups alone, written back in websearch syntax: what PostgreSQL ranks by. ts_rank counts an
    excluded word as a term the case lacks, which reorders the cases that lack it; bm25 ranks on what
    matched, and the two databases should agree."""
    return " ".join(" or ".join('"' + " ".join(p) + '"' for p in group) for group in terms.groups)


def _fts5_phrase(phrase: tuple[str, ...]) -> str:
    # Only letters and digits reach here, so nothing inside the quotes can close them.
    return '"' + " ".join(phrase) + '"'


def _fts5_any(phrases) -> str:
    return "(" + " OR ".join(_fts5_phrase(p) for p in phrases) + ")"


def fts5_match(terms: Terms) -> str:
    """The FTS5 query for the groups (empty when there are none; excluded phrases are `fts5_excluded`)."""
    return " AND ".join(_fts5_any(group) for group in terms.groups)


def fts5_excluded(terms: Terms) -> str:
    return _fts5_any(terms.excluded) if terms.excluded else ""


def significant_words(text: str, *, limit: int) -> list[str]:
    """The first `limit` distinct words of a text that are not stop words or numbers, lower case."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(text):
        word = word.lower()
        if word not in STOP_WORDS and not word.isdigit() and len(word) > 2:
            seen.setdefault(word)
            if len(seen) == limit:
                break
    return list(seen)
