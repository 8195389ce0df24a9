"""Settings for the test suite."""

import tempfile

from config.settings.base import *  # noqa: F403
from config.settings.base import DATABASES

SECRET_KEY = "test-only-key-not-a-secret-" + "x" * 30
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# Fast hashing in tests only; production keeps Argon2 (asserted by a test on production settings).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {}

SN_DEMO_LOGINS = True

# The test force (sn.testing.world) is "Test Police"; tests on real Met files set the Met's name.
SN_POLICE_FORCE_NAME = "Test Police"

# Jobs run at once, in the request that asks for them, so a test sees the outcome without a worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
SN_JOBS_ENQUEUE_ON_COMMIT = False
SN_JOB_FILES_DIR = tempfile.mkdtemp(prefix="sn-test-jobs-")
# The second factor is tested where it is turned on (sn/accounts/tests/test_second_factor.py); the rest
# of the suite signs in with force_login.
SN_REQUIRE_SECOND_FACTOR = False
