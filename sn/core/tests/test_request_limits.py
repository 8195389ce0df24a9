"""Request bodies over the cap are refused (413) before anything reads them; the survey upload takes
larger ones. The content security policy allows images from here and the tile server only. /healthz
tells the public whether the service is up and nothing about what it runs on."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from sn.jobs.models import Job, JobStatus

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
MULTIPART = "multipart/form-data; boundary=BoUnDaRy"


def _post_declaring(client, path: str, length: int):
    """A POST whose Content-Length claims `length` bytes while only a few are sent: a server that
    began reading it would fail on the missing bytes."""
    return client.generic("POST", path, b"--BoUnDaRy\r\n", content_type=MULTIPART, CONTENT_LENGTH=str(length))


def test_an_anonymous_100_mb_post_is_refused_before_it_is_read(client, caplog):
    with caplog.at_level("WARNING", logger="sn.security"):
        response = _post_declaring(client, "/accounts/login/", 100 * MB)
    assert response.status_code == 413
    refusals = [r.getMessage() for r in caplog.records if r.getMessage().startswith("refused status=413")]
    assert refusals and refusals[0].startswith("refused status=413 user=None")
    assert "path='/accounts/login/'" in refusals[0]


def test_a_post_over_the_cap_is_refused_on_any_route(client_for):
    over = settings.SN_MAX_REQUEST_BYTES + 1
    assert _post_declaring(client_for("central_unit"), "/accounts/password/", over).status_code == 413


def test_the_survey_upload_takes_a_file_larger_than_the_general_cap(client_for, world):
    big = SimpleUploadedFile("survey.csv", b"borough,quarter\n" + b"x" * (2 * MB), content_type="text/csv")
    response = client_for("central_unit").post("/performance/upload/", {"file": big})
    # Taken, then read by its job and refused for its content, not its size.
    job = Job.objects.get(kind="performance.survey")
    assert response.status_code == 302 and response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.status == JobStatus.FAILED and job.errors


def test_the_survey_upload_has_its_own_cap(client_for):
    cap = settings.SN_UPLOAD_LIMITS["performance:upload"]
    assert _post_declaring(client_for("central_unit"), "/performance/upload/", cap + 1).status_code == 413


def test_django_caps_form_data_no_higher_than_the_request_cap():
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= settings.SN_MAX_REQUEST_BYTES
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= settings.SN_MAX_REQUEST_BYTES * 4


def _img_src(response) -> str:
    policy = response["Content-Security-Policy"]
    return next(part.strip() for part in policy.split(";") if part.strip().startswith("img-src"))


def test_the_content_security_policy_allows_no_remote_images(client):
    assert _img_src(client.get("/")) == "img-src 'self' data:"


@override_settings(SN_MAP_TILE_URL="https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png")
def test_the_content_security_policy_allows_the_tile_server_when_one_is_configured(client):
    assert _img_src(client.get("/")) == "img-src 'self' data: https://*.tile.openstreetmap.org"


@override_settings(SN_MAP_TILE_URL="https://tiles.example.org:8443/{z}/{x}/{y}.png")
def test_the_tile_server_is_allowed_with_its_port(client):
    assert _img_src(client.get("/")) == "img-src 'self' data: https://tiles.example.org:8443"


def test_healthz_tells_the_public_only_whether_the_service_is_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_healthz_tells_a_signed_in_user_no_more(client_for):
    assert client_for("central_unit").get("/healthz").json() == {"status": "ok"}
