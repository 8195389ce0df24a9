import csv
import io
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from sn.core.tests.helpers import post_form
from sn.jobs.models import Job, JobStatus
from sn.performance.models import Measure, SurveyResult
from sn.performance.tests.helpers import a_declining_borough_a

pytestmark = pytest.mark.django_db


@pytest.fixture
def surveyed(world):
    a_declining_borough_a(world)
    return world


def test_the_force_page_lists_the_weaker_borough_for_a_support_visit(client_for, surveyed):
    body = client_for("central_unit").get("/performance/").content.decode()
    support = body[body.index('id="support-visits"') : body.index("The force</h2>")]
    assert "Borough A" in support and "Borough B" not in support
    assert "significantly worse than a year earlier (45.0% against 60.0%)" in support
    assert "Rolling year of four quarters ending 2010/11 Q4 (Jan–Mar 2011)" in body
    assert "45.0% to" not in body  # intervals are printed around the estimate
    assert "42.8% to 47.2%" in body  # 45% of 2,000: ± 2.18 points


def test_the_force_page_downloads_every_borough_and_measure_as_csv(client_for, surveyed):
    response = client_for("central_unit").get("/performance/?format=csv")
    assert response["Content-Disposition"] == 'attachment; filename="survey-force-2010-q4.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 12  # six measures, two boroughs
    row = next(
        r for r in rows if r["Borough"] == "Borough A" and r["Measure"] == "Confidence in local police"
    )
    assert row["Estimate %"] == "45.0"
    assert row["Against force"] == "worse"
    assert row["Against a year earlier"] == "worse"
    assert row["Change on a year earlier (points)"] == "-15.0"


def test_the_force_page_downloads_as_xlsx(client_for, surveyed):
    response = client_for("central_unit").get("/performance/?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(1, 1).value == "Measure"
    assert sheet.max_row == 13


def test_an_earlier_quarter_can_be_chosen(client_for, surveyed):
    client = client_for("central_unit")
    body = client.get("/performance/", {"quarter": "2009/10 Q4"}).content.decode()
    assert "ending 2009/10 Q4" in body
    assert client.get("/performance/", {"format": "pdf"}).status_code == 404


@pytest.mark.parametrize("page", ["/performance/", "/performance/boroughs/E09000901/"])
@pytest.mark.parametrize(
    "quarter, why",
    [
        ("2010-Q4", "is not a quarter like 2010/11 Q2"),
        ("0001/02 Q1", "is outside the years the service holds (2000/01 to "),
        ("0000/01 Q1", "is outside the years the service holds"),
        ("9999/00 Q4", "is outside the years the service holds"),
        ("٢٠١٠/١١ Q4", "is not a quarter like 2010/11 Q2"),
        ("2001/02 Q1", "no survey results for 2001/02 Q1; results are held from 2009/10 Q1 to 2010/11 Q4"),
    ],
)
@pytest.mark.parametrize("fmt", [None, "csv"])
def test_a_quarter_that_cannot_be_shown_is_a_400_naming_the_parameter(
    client_for, surveyed, page, quarter, why, fmt
):
    query = {"quarter": quarter, **({"format": fmt} if fmt else {})}
    response = client_for("central_unit").get(page, query)
    body = response.content.decode().replace("&#x27;", "'")
    assert response.status_code == 400
    assert "<code>quarter</code>" in body and why in body


def test_a_refused_quarter_leaves_every_performance_page_working(client_for, surveyed):
    client = client_for("central_unit")
    text = HEADER + "E09000901,0001/02 Q1,confidence,170,100\n"
    job = uploaded_job(client, text)
    assert job.errors[0].startswith("line 2, quarter: '0001/02 Q1' is outside")
    for page in ("/performance/", "/performance/boroughs/E09000901/", "/performance/?format=csv"):
        assert client.get(page).status_code == 200, page


def test_the_pages_say_when_nothing_is_loaded(client_for, world):
    assert (
        "No survey results have been loaded yet"
        in client_for("central_unit").get("/performance/").content.decode()
    )
    code = world.boroughs["a"].code
    body = client_for("borough_lead").get(f"/performance/boroughs/{code}/").content.decode()
    assert "No survey results have been loaded yet" in body


def test_the_borough_page_has_a_chart_and_a_table_for_each_measure(client_for, surveyed):
    code = surveyed.boroughs["a"].code
    body = client_for("borough_lead").get(f"/performance/boroughs/{code}/").content.decode()
    assert body.count("data-trend-chart=") == 6
    assert body.count('class="govuk-details"') == 6
    data = json.loads(
        re.search(r'<script id="trend-data" type="application/json">(.*?)</script>', body).group(1)
    )
    confidence = data["measures"][0]
    assert confidence["slug"] == "confidence"
    assert confidence["labels"][-1] == "2010/11 Q4"
    assert confidence["estimate"][-1] == 45.0
    assert confidence["low"][-1] == 40.7 and confidence["high"][-1] == 49.4  # 45% of 500 (Wilson)
    assert confidence["rolling"][:3] == [None, None, None]
    assert confidence["force"][-1] == 52.5
    assert "performance/trend-chart.js" in body
    assert "Declining" in body and "All boroughs and support visits" not in body


def test_the_borough_page_downloads_its_quarters(client_for, surveyed):
    code = surveyed.boroughs["a"].code
    response = client_for("analyst").get(f"/performance/boroughs/{code}/?format=csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 3 * 8  # three measures surveyed, eight quarters
    last = [r for r in rows if r["Measure"] == "Confidence in local police"][-1]
    assert (last["Quarter"], last["Respondents"], last["Positive"], last["Rolling year %"]) == (
        "2010/11 Q4",
        "500",
        "225",
        "45.0",
    )


UPLOAD = "/performance/upload/"
HEADER = "borough,quarter,measure,sample_size,positive\n"


def a_file(text: str, name: str = "survey.csv") -> dict:
    return {"file": SimpleUploadedFile(name, text.encode(), "text/csv")}


def test_the_upload_page_shows_the_form_and_the_quarters_held(client_for, surveyed):
    response = client_for("central_unit").get(UPLOAD)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'type="file"' in body
    assert "Results are held for 8 quarters, from 2009/10 Q1 to 2010/11 Q4." in body


def uploaded_job(client, text: str, name: str = "survey.csv") -> Job:
    """Post a file: the form queues a job (run at once in tests) and leads to its page."""
    response = post_form(client, UPLOAD, a_file(text, name))
    job = Job.objects.get(kind="performance.survey")
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    return job


def test_the_central_unit_uploads_a_survey_file(client_for, world):
    client = client_for("central_unit")
    job = uploaded_job(client, HEADER + "Borough A,2010/11 Q1,confidence,170,100\n")
    assert (job.status, job.summary, job.rows) == (
        JobStatus.SUCCEEDED,
        "survey.csv: 1 created, 0 updated, 0 unchanged.",
        1,
    )
    assert job.result_url == reverse("performance:force")
    assert "survey.csv is queued to load." in client.get(UPLOAD).content.decode()
    saved = SurveyResult.objects.get()
    assert (saved.borough, saved.positive) == (world.boroughs["a"], 100)


def test_a_bad_upload_lists_every_problem_in_its_job_and_saves_nothing(client_for, world):
    text = (
        HEADER
        + "Borough A,2010/11 Q1,confidence,170,100\n"
        + "Borough Z,2010/11 Q1,confidence,170,100\n"
        + "Borough A,2010/11 Q1,worry-asb,170,171\n"
    )
    job = uploaded_job(client_for("central_unit"), text)
    assert job.status == JobStatus.FAILED
    assert job.summary == "2 problem(s) in survey.csv; nothing was written."
    assert job.errors == [
        "line 3, borough: no borough has the code or name 'Borough Z'",
        "line 4, positive: 171 is more than the sample size 170",
    ]
    assert not SurveyResult.objects.exists()


def test_an_upload_that_is_not_utf8_text_is_refused(client_for, world):
    client = client_for("central_unit")
    response = post_form(
        client, UPLOAD, {"file": SimpleUploadedFile("s.csv", b"\xff\xfe\x00bad", "text/csv")}
    )
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.errors == ["line 1: the file must be a CSV saved as UTF-8 text"]


def test_a_spreadsheet_is_refused_on_the_form_and_nothing_is_queued(client_for, world):
    upload = {"file": SimpleUploadedFile("survey.xlsx", b"PK\x03\x04", "application/zip")}
    errors = {"file": ["The file must be a CSV file (.csv)"]}
    post_form(client_for("central_unit"), UPLOAD, upload, errors=errors)
    assert not Job.objects.exists()


@pytest.mark.parametrize(
    "row, problem",
    [
        ("Borough A,0000/01 Q1,confidence,170,100", "line 2, quarter: '0000/01 Q1' is outside the years"),
        ("Borough A,9999/00 Q4,confidence,170,100", "line 2, quarter: '9999/00 Q4' is outside the years"),
        ("Borough A,2010/11 Q1,confidence,4294967296,1", "line 2, sample_size: '4294967296' is more than"),
        ("Borough A,2010/11 Q1,confidence,٣٠٠,1", "line 2, sample_size: '٣٠٠' is not a whole number"),
        ("Borough A,2010/11 Q1,confidence,1_00,1", "line 2, sample_size: '1_00' is not a whole number"),
        ("Borough A,2010/11 Q1," + "c" * 131_072 + ",1,1", "line 2, measure: longer than 200 characters"),
        (
            "Borough A,2010/11 Q1,confidence,1,1\u2028Borough B,2010/11 Q1,confidence,1,1",
            "line 2: expected 5",
        ),
    ],
)
def test_an_upload_that_used_to_crash_is_refused_on_its_line_and_field(client_for, world, row, problem):
    job = uploaded_job(client_for("central_unit"), HEADER + row + "\n")
    assert job.status == JobStatus.FAILED and len(job.errors) == 1 and job.errors[0].startswith(problem)
    assert not SurveyResult.objects.exists()


def test_an_upload_with_many_bad_lines_shows_the_first_thirty_and_counts_the_rest(client_for, world):
    text = HEADER + "".join(f"Borough A,2010/11 Q1,confidence,{n},x\n" for n in range(2, 102))
    job = uploaded_job(client_for("central_unit"), text)
    assert job.summary == "100 problem(s) in survey.csv; nothing was written."
    assert len(job.errors) == 31
    assert job.errors[0] == "line 2, positive: 'x' is not a whole number"
    assert job.errors[-1] == "and 70 more problems"


def test_an_upload_reports_its_progress_by_line(client_for, world):
    quarters = [f"{year}/{(year + 1) % 100:02d} Q{q}" for year in range(2000, 2025) for q in range(1, 5)]
    measures = [m.value for m in Measure]
    lines = [f"Borough {b},{q},{m},170,100\n" for b in "AB" for q in quarters for m in measures]
    job = uploaded_job(client_for("central_unit"), HEADER + "".join(lines))
    assert job.status == JobStatus.SUCCEEDED and job.rows == 1200 == SurveyResult.objects.count()
    assert (job.progress_done, job.progress_total, job.progress_message) == (
        1200,
        1200,
        "Saving 1,200 results",
    )


def test_an_upload_without_a_file_asks_for_one(client_for, world):
    post_form(client_for("central_unit"), UPLOAD, {}, errors={"file": ["This field is required"]})


def test_a_borough_lead_cannot_upload(client_for, world):
    response = client_for("borough_lead").post(UPLOAD, a_file("x"))
    assert response.status_code == 403
