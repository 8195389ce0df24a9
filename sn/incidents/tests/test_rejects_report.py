"""The --rejects report is a CSV people open in a spreadsheet, so it is written like every download."""

import csv

from sn.incidents.parsing import RowProblem
from sn.incidents.reporting import RejectsReport


def test_the_rejects_report_keeps_formula_like_text_as_text_and_starts_with_a_byte_order_mark(tmp_path):
    path = tmp_path / "rejects.csv"
    report = RejectsReport(path)
    report.add("=evil.csv", [RowProblem(line=3, reason="-bad month", raw=["=1+2", "Café"])])
    report.add("ok.csv", [RowProblem(line=4, reason="\tunknown crime type", raw=["abc", "+1"])])
    report.close()

    content = path.read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(content.decode("utf-8-sig").splitlines()))
    assert rows[0] == ["file", "line", "reason", "raw_row"]
    assert rows[1] == ["'=evil.csv", "3", "'-bad month", "'=1+2,Café"]
    assert rows[2] == ["ok.csv", "4", "'\tunknown crime type", "abc,+1"]
