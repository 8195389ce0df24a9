"""sn.core.tables: long tables sorted, filtered and paged from the address."""

from django.test import RequestFactory

from sn.core.tables import ASCENDING, DESCENDING, Column, table

ROWS = [
    {"name": n, "count": c}
    for n, c in [("Peckham", 30), ("Camberwell", 50), ("Dulwich", None), ("Borough", 10)]
]
COLUMNS = [
    Column("name", "Name", lambda r: r["name"].casefold(), ways=("A to Z", "Z to A")),
    Column("count", "Count", lambda r: r["count"], first=DESCENDING),
]


def _table(query: str = "", **options):
    request = RequestFactory().get("/t/" + query)
    return table(request, ROWS, columns=COLUMNS, default=("name", ASCENDING), **options)


def _names(result) -> list[str]:
    return [r["name"] for r in result.rows]


def test_rows_come_as_given_in_the_default_order():
    assert _names(_table()) == [r["name"] for r in ROWS]


def test_a_column_sorts_either_way_with_missing_values_last():
    assert _names(_table("?sort=count&dir=desc")) == ["Camberwell", "Peckham", "Borough", "Dulwich"]
    assert _names(_table("?sort=count&dir=asc")) == ["Borough", "Peckham", "Camberwell", "Dulwich"]


def test_a_heading_link_sorts_its_column_and_keeps_the_other_parameters():
    result = _table("?month=2024-01&page=2", per_page=2)
    assert result.headings["count"].href == "?month=2024-01&sort=count&dir=desc"
    assert result.headings["name"].aria_sort == "ascending"
    assert result.headings["name"].href == "?month=2024-01&sort=name&dir=desc"
    assert result.headings["count"].next_label == "sort by count, highest first"


def test_the_filter_keeps_rows_holding_what_was_typed_whatever_the_case_and_spacing():
    result = _table("?q=  PECK  ", text=lambda r: r["name"])
    assert (_names(result), result.query, result.matched, result.total) == (["Peckham"], "PECK", 1, 4)
    assert _names(_table("?q=well", text=lambda r: r["name"])) == ["Camberwell"]


def test_pages_with_first_last_and_neighbours_and_no_page_one_in_the_address():
    result = _table("?page=2", per_page=1)
    assert [link.number for link in result.pages] == [1, 2, 3, 4]
    assert result.previous_href == "?" and result.next_href == "?page=3"
    result = _table("?page=4", per_page=1)
    assert [link.number for link in _table("?page=1", per_page=1).pages] == [1, 2, None, 4]
    assert result.pages[-1].current


def test_a_sort_or_page_the_links_never_make_is_an_error_naming_the_parameter():
    assert _table("?sort=salary").error[0] == "sort"
    assert _table("?dir=sideways").error[0] == "dir"
    assert _table("?page=-1", per_page=2).error[0] == "page"
    assert _table("?page=9", per_page=2).page.number == 2  # past the last: the last
