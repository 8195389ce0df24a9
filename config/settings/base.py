"""Settings shared by every environment. Environment-specific modules import from here."""

from datetime import timedelta
from pathlib import Path

import dj_database_url

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    # Required by django-tasks-rq (its system check) for the Redis queue; its admin page is the
    # central unit's view of the RQ queues.
    "django_rq",
    # In layer order (docs/adr/0004-layers.md): an app imports only apps above it in this list.
    "sn.core",
    "sn.geography",
    "sn.teams",
    "sn.accounts",
    "sn.jobs",
    "sn.ops",
    "sn.incidents",
    "sn.performance",
    "sn.profiles",
    "sn.feedback",
    "sn.crime",
    "sn.concerns",
    "sn.engagement",
    "sn.community",
    "sn.panels",
    "sn.problemsolving",
    "sn.activity",
    "sn.workforce",
    "sn.deployments",
    "sn.rosters",
    "sn.supervision",
    "sn.tasking",
    "sn.queries",
    "sn.asb",
    "sn.patrols",
    "sn.guarantee",
    "sn.scorecard",
    "sn.privacy",
    "sn.reports",
    "sn.api",
    "sn.pages",
    "sn.public",
    "sn.policeapi",
    "sn.demo",
]

MIDDLEWARE = [
    # First: the request id (from the proxy or made here) on every log line the request writes, the
    # access log line and the request metrics, timed over all the middleware below (sn.ops.middleware).
    "sn.ops.middleware.RequestIdMiddleware",
    # Next, so that it sees every response, those of the middleware below included.
    "sn.core.middleware.RefusalLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before anything that reads the body (the CSRF check reads the form).
    "sn.core.middleware.RequestSizeLimitMiddleware",
    # The police.uk API's rate limit, GET length limit and cache: before the rest, so that a refused or
    # cached request costs almost nothing.
    "sn.policeapi.middleware.PoliceApiMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions, authentication and CSRF: answers a repeat anonymous visit to a public page from
    # the cache for the price of one cache read (sn/public/cache.py).
    "sn.public.cache.PublicPageCacheMiddleware",
    # Django's, but renewing the idle clock gives way to a long import on SQLite (sn.core.middleware).
    "sn.core.middleware.SessionRefreshMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Marks request.user verified once the session has passed the second-factor step (sn.accounts.otp).
    "django_otp.middleware.OTPMiddleware",
    # Holds a signed-in user who owes a second-factor code at the code step (sn.accounts.otp).
    "sn.accounts.middleware.SecondFactorMiddleware",
    "sn.core.middleware.SessionLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "sn.core.middleware.AuditActorMiddleware",
    "sn.core.middleware.SecurityHeadersMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sn.pages.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", "") or f"sqlite:///{VAR_DIR / 'sn.sqlite3'}", conn_max_age=60
    )
}
# SQLite has one writer at a time, and an import in the worker is one transaction (all or nothing) of up
# to a minute or two for a large month. WAL lets every page read meanwhile; a request that writes
# (signing in, saving a form) waits this long for the import to commit rather than failing, and renewing
# a session's idle clock does not wait at all (sn.core.middleware.SessionRefreshMiddleware).
# PostgreSQL has no such wait.
SN_SQLITE_BUSY_SECONDS = env_int("SN_SQLITE_BUSY_SECONDS", 180)
# BEGIN IMMEDIATE: a transaction takes the write lock when it starts, so a second writer waits its turn. In
# SQLite's default (deferred) mode a transaction that read first cannot upgrade once another has committed,
# and fails at once with "database is locked" whatever the busy timeout (two residents submitting a query at
# the same moment: a 500). sn/core/tests/test_sqlite_writers.py shows both.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "timeout": SN_SQLITE_BUSY_SECONDS,
    "transaction_mode": "IMMEDIATE",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = dict(SQLITE_OPTIONS)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "pages:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lockout after repeated failed sign-ins (django-axes, counted by sn.accounts.lockout.LockoutHandler):
# five failures for one username from any address, or twenty from one address across usernames, lock
# for a fixed 15 minutes from the failure that locked. Attempts during a lockout are refused without
# being counted, so nobody can keep a colleague locked out by trying every 14 minutes; a borough lead
# or the central unit can unlock a username early (/accounts/locked/).
AXES_FAILURE_LIMIT = 5
SN_ADDRESS_FAILURE_LIMIT = 20
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "sn.accounts.lockout.LockoutHandler"
AXES_CLIENT_IP_CALLABLE = "sn.core.middleware.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

# The client's address, for lockouts and the security log. Directly exposed, it is REMOTE_ADDR. Behind
# reverse proxies, name the header they append the client's address to (SN_PROXY_HEADER, e.g.
# X-Forwarded-For) and how many of them there are: the address is read that many entries from the
# right, since entries further left come from the client and can be forged.
SN_PROXY_HEADER = env_str("SN_PROXY_HEADER", "")
SN_TRUSTED_PROXY_COUNT = env_int("SN_TRUSTED_PROXY_COUNT", 1)

# Sessions end after 8 idle hours (one shift), 12 hours after sign-in however busy (enforced by
# sn.core.middleware.SessionLimitMiddleware) and when the browser closes.
SESSION_COOKIE_AGE = 8 * 60 * 60
SN_SESSION_ABSOLUTE_AGE = 12 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# The styled 403 page, and the failure in the security log.
CSRF_FAILURE_VIEW = "sn.core.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"

# Request bodies. Our forms are small: a body declared over 1 MB is refused (413) before it is read
# (sn.core.middleware.RequestSizeLimitMiddleware), except on the upload routes below, by URL name.
# Django's own caps then apply to what is read: form fields in memory up to the same 1 MB, files in
# memory up to 2.5 MB and on disk beyond.
SN_MAX_REQUEST_BYTES = 1024 * 1024
SN_UPLOAD_LIMITS = {"performance:upload": 10 * 1024 * 1024}
DATA_UPLOAD_MAX_MEMORY_SIZE = SN_MAX_REQUEST_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's own logging sends server errors only by email to ADMINS, which we do not use: here they go
# to the console (the process's log) with their tracebacks, as do its security warnings (a bad Host
# header, an oversized form). Refusals and sign-ins are in sn.security (sn.core.middleware,
# sn.accounts.security_log); one line per request in sn.access. Every line carries the request's id
# (sn.ops.logging); SN_LOG_FORMAT (below) picks JSON lines or plain ones.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "sn.ops.logging.RequestContextFilter"}},
    "formatters": {"chosen": {"()": "sn.ops.logging.formatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "chosen", "filters": ["request"]},
    },
    "loggers": {
        "django": {"handlers": ["console"], "level": "ERROR"},
        "django.security": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "sn.security": {"handlers": ["console"], "level": "INFO"},
        "sn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "axes": {"handlers": ["console"], "level": "WARNING"},
    },
}

# The establishment model used when the database holds no policy yet (see teams.EstablishmentPolicy,
# which keeps the history of changes to these numbers).
SN_DEFAULT_ESTABLISHMENT = {
    "population_threshold": 14000,
    "standard": {"sergeant": 1, "pc": 2, "pcso": 3},
    "enhanced": {"sergeant": 1, "pc": 2, "pcso": 6},
}
# Map tiles are an extra when online (e.g. an OpenStreetMap tile server URL template); maps draw the
# boundaries without them.
SN_MAP_TILE_URL = env_str("SN_MAP_TILE_URL", "")

# `sn seed-demo` makes logins whose password is published in the README: only where the settings allow
# it (local and test), or when asked with --allow-demo-logins.
SN_DEMO_LOGINS = env_bool("SN_DEMO_LOGINS", False)

# Demand index = crime + 0.5 x ASB over 12 months: ASB is core neighbourhood work but, incident for
# incident, usually less effort than a crime (see sn/crime/demand.py).
# The force the platform serves, as police.uk names it in the "Falls within" column. Rows of another
# force are counted ("other force N") and never imported into our areas, wherever their point lies
# (City of London Police rows snap into Met wards otherwise). Empty: every row is taken as ours.
SN_POLICE_FORCE_NAME = env_str("SN_POLICE_FORCE_NAME", "Metropolitan Police Service")

SN_DEMAND_WEIGHTS = {"crime": 1.0, "asb": 0.5}

# Public attitude survey statistics (docs/how-to/survey-statistics.md). The design effect widens every
# interval and test for weighting or clustering (n / deff is the effective sample): 1.0 for the PAS's
# unweighted counts; seed 003's "81% of about 1,000, plus or minus 3" implies about 1.53. No difference is
# flagged unless both sides have SN_SURVEY_MIN_SAMPLE respondents, and below SN_SURVEY_MIN_EXPECTED
# expected answers of one kind the exact test replaces the z-test. The upload refuses a row of fewer
# than SN_SURVEY_MIN_SAMPLE_PER_ROW respondents: a borough's quarter is about 170 interviews, so one is a
# slip, not a result.
SN_SURVEY_DESIGN_EFFECT: float = 1.0
SN_SURVEY_MIN_SAMPLE: int = 100
SN_SURVEY_MIN_EXPECTED: float = 5.0
SN_SURVEY_MIN_SAMPLE_PER_ROW: int = 2

# --- concerns ---
# The analysis ranks a ward's topics by count plus the count in the period's last this-many months, so a
# concern raised lately counts twice (sn/concerns/selectors.py): three months is a panel cycle or two.
SN_CONCERNS_RECENT_MONTHS: int = 3
# The period the concerns analysis and list show unless ?months= says otherwise, and the longest asked.
SN_CONCERNS_DEFAULT_MONTHS: int = 12
SN_CONCERNS_MAX_MONTHS: int = 36
# A ward's concerns and its recorded incidents disagree (sn/concerns/analysis.py) when a topic among the
# top SN_CONCERNS_OFTEN_TOPICS, raised at least SN_CONCERNS_OFTEN_MIN times, is recorded low or falling, or
# a category recorded high or rising (with at least SN_CONCERNS_MIN_INCIDENTS incidents) was never raised.
# High and low are the ward's rate per 1,000 residents above or below its borough's by this ratio: a
# quarter either way, so that ordinary ward-to-ward variation is not called a disagreement.
SN_CONCERNS_OFTEN_TOPICS: int = 3
SN_CONCERNS_OFTEN_MIN: int = 3
SN_CONCERNS_MIN_INCIDENTS: int = 10
SN_CONCERNS_LEVEL_RATIO: float = 1.25

# --- community ---
# Seed 003's standards for the Key Individual Network: each team holds at least this many KIN interviews
# a month, and interviews every member at least once in this many months (due lists and compliance).
SN_KIN_INTERVIEWS_PER_MONTH: int = 30
SN_KIN_INTERVIEW_INTERVAL_MONTHS: int = 6
# A KIN member or contact with no interview, contact or review for this many months is flagged for the
# sergeant to review, and erased on confirmation: personal data is kept no longer than it is used.
SN_PERSONAL_DATA_REVIEW_MONTHS: int = 24
# Home-page work lists a KIN member this many days before their interview falls due, so it can be planned.
SN_KIN_DUE_SOON_DAYS: int = 28
# The gap view flags an LSOA or age group as under-reached when its share of the people the team reaches
# is below this fraction of its share of the ward's residents (half: "we hear from them half as often").
SN_COMMUNITY_UNDER_REACHED_RATIO: float = 0.5

# --- profiles ---
# The largest demographic table accepted (after gzip is unpacked): a census table by ward for the whole
# force is about 700 wards x 20 categories, some 2 MB; 20 MB leaves room for a wide table or several
# years in one file. The upload route may carry the whole file, so its body limit is raised to match.
SN_DEMOGRAPHICS_MAX_BYTES: int = 20 * 1024 * 1024
SN_UPLOAD_LIMITS["profiles:demographics_upload"] = SN_DEMOGRAPHICS_MAX_BYTES + 64 * 1024

# --- engagement ---
# An event that has happened should be written up (attendance, notes, concerns raised) within this many
# days: after it, the home page lists it as overdue.
SN_ENGAGEMENT_WRITE_UP_DAYS: int = 7
# The ward page counts a ward's events by kind over this many months.
SN_ENGAGEMENT_SUMMARY_MONTHS: int = 12

# --- panels ---
# Ward panels meet "ideally every four-six weeks" (seed 002, paragraph 9): the next meeting is due from
# the first number of weeks after the last one held, and overdue after the second.
SN_PANEL_MEETING_INTERVAL_WEEKS: tuple[int, int] = (4, 6)
# Panels keep "normally three, three to five at most" priorities (seed 002, paragraph 22): a sixth is
# refused; more than the normal number is pointed out. A priority the panel has judged resolved keeps its
# place until the sergeant endorses the sign-off.
SN_PRIORITIES_NORMAL: int = 3
SN_PRIORITIES_MAX: int = 5
# Where the force requires every team to have a priority concerning young people, the panel is warned
# (not refused) when none of its current priorities does.
SN_REQUIRE_YOUTH_PRIORITY: bool = True
# Panel members' diversity answers are shown only as counts; any count below this shows as "fewer than
# 10", so that no member can be picked out (seed 001, paragraphs 97-101).
SN_SMALL_NUMBER_SUPPRESSION: int = 10
# A priority with no progress update for this many weeks is listed for its owner and their supervisors.
SN_PRIORITY_UPDATE_WEEKS: int = 4
# Days a sergeant has to endorse (or send back) the panel's decision that a priority is resolved; the
# priority holds one of the panel's places meanwhile, so a late endorsement is listed as overdue.
SN_ENDORSEMENT_DAYS: int = 14

# --- problemsolving ---
# The ward's sergeant reviews every open problem-solving case; the next review falls due this many weeks
# after the last one (or after the case was opened), and a late one is listed on the sergeant's home page.
SN_CASE_REVIEW_WEEKS: int = 4
# An open case with no dated activity (update, review, intervention change) for this many weeks is
# stalled: listed for its team on their home page and in the borough tasking group's pack.
SN_CASE_STALLED_WEEKS: int = 6

# --- tasking ---
# The borough tasking group's pack lists an open case as stalled when nothing was recorded on it (update,
# review, intervention update) for this many weeks (seed 002, paragraph 18: the group "identifies and
# deals with any blockages"). The team's own home page counts stalled the same way by default, so that
# the pack never names a case its team was not told about.
SN_TASKING_STALLED_WEEKS: int = SN_CASE_STALLED_WEEKS
# "Ward priorities near the borough's high-demand areas": the pack takes the borough's busiest wards in
# the crime app's demand ranking (this many), and lists the active priorities in them and next to them.
SN_TASKING_HIGH_DEMAND_WARDS: int = 3
# A strategic theme: the same priority topic held by at least this share of the borough's wards (seed 002,
# paragraph 17: "a significant percentage of wards on a BCU are tackling the same priority").
SN_TASKING_THEME_SHARE: float = 0.2

# The cache holds public pages, police.uk API answers and the rate limiters' state. With SN_REDIS_URL
# (e.g. redis://127.0.0.1:6379/0) it is Redis, shared by every worker and machine; without it, each
# process keeps its own in memory, which is right for one process and the test suite only.
SN_REDIS_URL = env_str("SN_REDIS_URL", "")
if SN_REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": SN_REDIS_URL,
            "KEY_PREFIX": "sn",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "sn"}}
# How long a public page or a police.uk API answer may be kept by the server and by browsers.
SN_PUBLIC_CACHE_SECONDS = env_int("SN_PUBLIC_CACHE_SECONDS", 300)

# Disclosure control of the public crime map and the police.uk API (docs/how-to/crime-map-disclosure.md).
# A map point is published only when it holds at least SN_DISCLOSURE_MIN_COUNT crimes and ASB incidents
# in the month (smaller ones are merged into the nearest point of the ward, or their locations withheld),
# and a count under it is shown as "fewer than". The categories listed have no points at all (violence
# and sexual offences include domestic abuse and sexual offences, whose victims a point can identify).
# A placed or unknown point goes to the nearest published location of its ward within
# SN_DISCLOSURE_SNAP_METRES, else to the centre of its cell of a grid of SN_DISCLOSURE_GRID_METRES.
SN_DISCLOSURE_MIN_COUNT: int = env_int("SN_DISCLOSURE_MIN_COUNT", 3)
SN_DISCLOSURE_NO_POINT_CATEGORIES: list[str] = ["violent-crime"]
SN_DISCLOSURE_SNAP_METRES: float = 250.0
SN_DISCLOSURE_GRID_METRES: float = 250.0

# --- feedback ("Your Voice Counts", docs/how-to/feedback.md) ---
# Each client address may send this many messages an hour, after a first burst of SN_FEEDBACK_BURST at
# once (a family sending two or three is fine; a script is not). Over it: a 429 page with Retry-After.
SN_FEEDBACK_RATE_PER_HOUR = env_int("SN_FEEDBACK_RATE_PER_HOUR", 5)
SN_FEEDBACK_BURST = env_int("SN_FEEDBACK_BURST", 5)
# Working days (England and Wales) from receipt to the due date: a complaint within 10, as public
# complaint standards expect a first full answer; praise, suggestions and offers to join within 20.
SN_FEEDBACK_COMPLAINT_WORKING_DAYS = env_int("SN_FEEDBACK_COMPLAINT_WORKING_DAYS", 10)
SN_FEEDBACK_OTHER_WORKING_DAYS = env_int("SN_FEEDBACK_OTHER_WORKING_DAYS", 20)
# Days after closing that a message keeps its sender's details and texts; `sn feedback-erase-expired`
# then erases them, leaving an anonymous count.
SN_FEEDBACK_RETENTION_DAYS = env_int("SN_FEEDBACK_RETENTION_DAYS", 365)
# The address replies and acknowledgements are emailed from. Empty: the service sends no email (handlers
# reply from their own mailbox and record it); set it once Django's EMAIL_* settings reach a mail server.
SN_FEEDBACK_REPLY_FROM = env_str("SN_FEEDBACK_REPLY_FROM", "")
# How Django reaches the mail server (used only when SN_FEEDBACK_REPLY_FROM is set).
EMAIL_HOST = env_str("SN_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("SN_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("SN_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("SN_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("SN_EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10

# --- the police.uk-compatible API (docs/how-to/police-uk-api.md) ---
# police.uk's own limit per client address: 15 requests a second, in bursts of up to 30 (a leaky bucket).
SN_POLICE_API_RATE: float = float(env_str("SN_POLICE_API_RATE", "15"))
SN_POLICE_API_BURST: int = env_int("SN_POLICE_API_BURST", 30)

# --- the workforce (issue 12: docs/how-to/duties.md, abstraction.md, shifts-and-demand.md,
# supervision-model.md) ---
# Working-time rules every shift pattern must keep: no shift longer than SN_MAX_SHIFT_HOURS, at least
# SN_MIN_REST_HOURS between the end of one shift and the start of the next (Sunday into Monday too).
SN_MAX_SHIFT_HOURS = env_int("SN_MAX_SHIFT_HOURS", 10)
# A single duty as recorded may run longer than a planned shift (a public order day, a late arrest), but
# one longer than this is a mistyped time (15:00 to 14:00 would be 23 hours) and is refused.
SN_MAX_DUTY_HOURS = env_int("SN_MAX_DUTY_HOURS", 16)
SN_MIN_REST_HOURS = env_int("SN_MIN_REST_HOURS", 11)
# The hours of each day a cluster's offset shifts should cover between them (seed 000: 16/7 cover).
SN_COVER_DAY_STARTS_HOUR = env_int("SN_COVER_DAY_STARTS_HOUR", 7)
SN_COVER_DAY_ENDS_HOUR = env_int("SN_COVER_DAY_ENDS_HOUR", 23)
# The supervision model: at most this many adjacent wards of one cluster share a sergeant (seed 000
# paragraph 41 proposed pairs and threes of quieter wards).
SN_MAX_WARDS_PER_SERGEANT = env_int("SN_MAX_WARDS_PER_SERGEANT", 3)

# --- operations (issue 13: docs/deploy.md) ---
# Staff sign in with a password and a time-based one-time code (TOTP). Panel members and the public's
# roles are exempt. The demo makes it optional (staff may enrol; nobody is made to).
SN_REQUIRE_SECOND_FACTOR = env_bool("SN_REQUIRE_SECOND_FACTOR", True)
OTP_TOTP_ISSUER = env_str("SN_OTP_ISSUER", "Safer Neighbourhoods")
# Wrong codes are counted by django-axes, with wrong passwords (sn.accounts.lockout); django-otp's own
# throttle would also refuse a right code typed within seconds of a wrong one, and call it wrong.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0

# Background jobs (sn.jobs) on django-tasks: the database queue by default (no extra service), Redis
# (through RQ) when SN_JOBS_BACKEND=redis or SN_REDIS_URL is set. `sn worker` runs them.
SN_JOBS_BACKEND = env_str("SN_JOBS_BACKEND", "redis" if SN_REDIS_URL else "database")
if SN_JOBS_BACKEND == "redis":
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": SN_REDIS_URL or "redis://127.0.0.1:6379/0", "DEFAULT_TIMEOUT": 3600}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# RQ's worker class for `sn worker` on Redis: "" is RQ's own, which runs each job in a forked process;
# "rq.worker.SimpleWorker" runs it in the worker's process (where fork is unavailable, and in tests).
SN_RQ_WORKER_CLASS = env_str("SN_RQ_WORKER_CLASS", "")
# Uploaded files and made documents, one directory per job: shared by every web server and worker.
SN_JOB_FILES_DIR = env_str("SN_JOB_FILES_DIR", str(VAR_DIR / "jobs"))
# Queue a job when the request's transaction commits (tests run jobs at once instead).
SN_JOBS_ENQUEUE_ON_COMMIT = True
# Scheduled backups (docs/how-to/backup-restore.md): with a directory set, `sn worker` runs `sn backup`
# into it every SN_BACKUP_EVERY_HOURS and deletes its archives older than SN_BACKUP_KEEP_DAYS (never the
# newest). Empty (the default): no scheduled backup; run `sn backup` from cron instead.
SN_BACKUP_DIR = env_str("SN_BACKUP_DIR", "")
SN_BACKUP_EVERY_HOURS = env_int("SN_BACKUP_EVERY_HOURS", 24)
SN_BACKUP_KEEP_DAYS = env_int("SN_BACKUP_KEEP_DAYS", 14)
# Uploads that run as jobs: the largest file each page takes (a police.uk month of a large force zipped
# is some 60 MB; a year of a force's duties some 40 MB), and the request cap of its route a little above.
SN_POLICE_UPLOAD_MAX_BYTES = env_int("SN_POLICE_UPLOAD_MAX_BYTES", 200 * 1024 * 1024)
SN_DUTY_UPLOAD_MAX_BYTES = env_int("SN_DUTY_UPLOAD_MAX_BYTES", 100 * 1024 * 1024)
SN_UPLOAD_LIMITS["incidents:upload"] = SN_POLICE_UPLOAD_MAX_BYTES + 64 * 1024
SN_UPLOAD_LIMITS["workforce:duties_upload"] = SN_DUTY_UPLOAD_MAX_BYTES + 64 * 1024

# Logs: "json" (one object per line, with the request id) for production collectors, "plain" to read.
SN_LOG_FORMAT = env_str("SN_LOG_FORMAT", "plain")
# The metrics endpoint (/metrics, Prometheus format) answers only clients in these networks.
SN_METRICS_NETWORKS = env_list("SN_METRICS_NETWORKS", ["127.0.0.1/32", "::1/128"])
# The header a proxy puts its request id in (taken when well formed, else one is made; empty: always
# made here). The id goes back in X-Request-ID and on every log line of the request.
SN_REQUEST_ID_HEADER = env_str("SN_REQUEST_ID_HEADER", "X-Request-ID")
# Health checks and scrapes come over plain HTTP from inside (the container's own check, the load
# balancer, Prometheus): they are answered, not redirected to HTTPS, where SECURE_SSL_REDIRECT is on.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^metrics$"]

# --- privacy (issue 13: docs/how-to/retention-and-erasure.md) ---
# How long each kind of personal record is kept after it was last active, before it is listed for the
# person responsible to erase or keep (`sn retention-review`, daily through `sn worker`). "months" counts
# calendar months (24 months after 31 August is 31 August); "days" counts days. Last active: a KIN
# member's last interview, joining, consent or kept review; a contact's last contact, consent or kept
# review; a feedback message's closing (or a kept review); a panel member's diversity answers from the
# end of their membership (leaving, or the panel dissolving), or a kept review. The older settings
# SN_PERSONAL_DATA_REVIEW_MONTHS and SN_FEEDBACK_RETENTION_DAYS still set the defaults.
SN_RETENTION = {
    "kin_member": {"months": env_int("SN_RETENTION_KIN_MEMBER_MONTHS", SN_PERSONAL_DATA_REVIEW_MONTHS)},
    "contact": {"months": env_int("SN_RETENTION_CONTACT_MONTHS", SN_PERSONAL_DATA_REVIEW_MONTHS)},
    "feedback_sender": {"days": env_int("SN_RETENTION_FEEDBACK_SENDER_DAYS", SN_FEEDBACK_RETENTION_DAYS)},
    "diversity_answers": {"months": env_int("SN_RETENTION_DIVERSITY_ANSWERS_MONTHS", 12)},
    # Issue 14: a community query's sender a year after the query was last active (answered, closed or
    # escalated); an ASB victim two years after their last report (a Case Review looks back six months,
    # and repeat victimisation over longer).
    "query_sender": {"days": env_int("SN_RETENTION_QUERY_SENDER_DAYS", 365)},
    "asb_victim": {"months": env_int("SN_RETENTION_ASB_VICTIM_MONTHS", 24)},
}

# --- community queries (issue 14, part 2; sn.queries) ---
# The Guarantee's clock on a community query: hours from receipt to a substantive reply. Calendar hours
# by default; with SN_QUERY_CLOCK_WORKING_TIME only the working hours (SN_QUERY_WORKING_DAY_START to
# _END on weekdays that are not bank holidays) count. National definitions may change either.
SN_QUERY_CLOCK_HOURS = env_int("SN_QUERY_CLOCK_HOURS", 72)
SN_QUERY_CLOCK_WORKING_TIME = env_bool("SN_QUERY_CLOCK_WORKING_TIME", False)
SN_QUERY_WORKING_DAY_START = env_int("SN_QUERY_WORKING_DAY_START", 9)
SN_QUERY_WORKING_DAY_END = env_int("SN_QUERY_WORKING_DAY_END", 17)
# Supervisors are alerted when fewer than this many clock hours remain.
SN_QUERY_WARN_HOURS = env_int("SN_QUERY_WARN_HOURS", 12)
# Public form submissions per client address per hour (after a burst), as the feedback form.
SN_QUERY_RATE_PER_HOUR = env_int("SN_QUERY_RATE_PER_HOUR", 10)
SN_QUERY_BURST = env_int("SN_QUERY_BURST", 5)
# Staff may log a query received at most this many days ago: an older date is almost always a typing slip.
SN_QUERY_MAX_BACKDATE_DAYS = env_int("SN_QUERY_MAX_BACKDATE_DAYS", 14)
# What the sender of a breached query is told; {reference}, {ward}, {inspector} and {hours} are filled in.
SN_QUERY_RECOURSE_TEXT = env_str(
    "SN_QUERY_RECOURSE_TEXT",
    "We promised a full answer to your query {reference} about {ward} within {hours} hours and have not "
    "given one. It has been escalated to the ward's inspector, {inspector}. If you are not satisfied, you "
    "can complain to the force's Professional Standards Department, and if you are unhappy with how your "
    "complaint is handled you may ask the Independent Office for Police Conduct "
    "(IOPC, www.policeconduct.gov.uk) to review it.",
)

# --- ASB (issue 14, parts 4 and 5; sn.asb) ---
# The ASB Case Review threshold of the 2014 Act as the force applies it (the Act lets the local
# partners set it; the national default is three qualifying complaints in six months).
SN_ASB_CASE_REVIEW_REPORTS = 3
SN_ASB_CASE_REVIEW_MONTHS = 6
# A report qualifies when it is made within this many days of the incident.
SN_ASB_REPORT_WITHIN_DAYS = 31
# An incident more than this many days before its report is refused as a mistyped date.
SN_ASB_MAX_INCIDENT_AGE_DAYS = 365
# Days from the flag to the review meeting.
SN_ASB_REVIEW_DAYS = 28
# Hours from a report within which its risk assessment counts as "at first contact".
SN_ASB_FIRST_CONTACT_HOURS = 24
# The call types of imported calls that are ASB (sn.rosters CallForService.call_type).
SN_ASB_CALL_TYPES = ("Anti-social behaviour", "Noise nuisance")
# An imported ASB call becomes a report about a known place when it lies within this many metres of a
# call staff already linked to that place (the import carries a point, never a caller or an address).
SN_ASB_CALL_MATCH_METRES = 25
# The risk assessment matrix at first contact: questions grouped as repeat, vulnerability and impact,
# each option with its points; the score is the sum, and the level comes from the thresholds.
SN_ASB_RISK_MATRIX = {
    "groups": [
        {
            "key": "repeat",
            "label": "Repeat victimisation",
            "questions": [
                {
                    "key": "previous_reports",
                    "text": "How many times has the caller reported ASB in the last year?",
                    "options": [
                        ["none", "This is the first time", 0],
                        ["some", "Once or twice", 2],
                        ["many", "Three times or more", 4],
                    ],
                },
                {
                    "key": "targeted",
                    "text": "Does the caller feel personally targeted?",
                    "options": [["no", "No", 0], ["yes", "Yes", 3]],
                },
            ],
        },
        {
            "key": "vulnerability",
            "label": "Vulnerability",
            "questions": [
                {
                    "key": "health",
                    "text": "Does the caller have a disability or a physical or mental health condition?",
                    "options": [["no", "No", 0], ["yes", "Yes", 3]],
                },
                {
                    "key": "alone",
                    "text": "Does the caller live alone or without support?",
                    "options": [["no", "No", 0], ["yes", "Yes", 2]],
                },
                {
                    "key": "hate",
                    "text": "Is the behaviour aimed at the caller's identity (a hate incident)?",
                    "options": [["no", "No", 0], ["yes", "Yes", 4]],
                },
            ],
        },
        {
            "key": "impact",
            "label": "Impact",
            "questions": [
                {
                    "key": "daily_life",
                    "text": "How much is it affecting the caller's daily life?",
                    "options": [
                        ["little", "A little", 0],
                        ["much", "A lot", 2],
                        ["severe", "They feel unsafe at home", 4],
                    ],
                },
                {
                    "key": "children",
                    "text": "Are children in the household affected?",
                    "options": [["no", "No", 0], ["yes", "Yes", 2]],
                },
            ],
        },
    ],
    "thresholds": {"medium": 6, "high": 12},
}

# --- patrols (issue 14, part 6; sn.patrols) ---
# Patrol slots proposed per area and week, and the length of each, from the demand by hour of week.
SN_PATROL_SLOTS_PER_WEEK = env_int("SN_PATROL_SLOTS_PER_WEEK", 6)
SN_PATROL_SLOT_HOURS = env_int("SN_PATROL_SLOT_HOURS", 3)
# Weeks of calls and months of crime the demand is read over.
SN_PATROL_DEMAND_WEEKS = env_int("SN_PATROL_DEMAND_WEEKS", 12)
# The five town-centre crime categories of the Guarantee and the police.uk categories that count for each.
# An empty list means the data source does not record it (shown so, never estimated); robbery is one
# police.uk category, so business and personal robbery share one figure.
SN_TOWN_CENTRE_CRIME_CATEGORIES = {
    "shop_theft": {"label": "Shop theft", "categories": ["shoplifting"]},
    "robbery": {
        "label": "Robbery (of business and of personal property)",
        "categories": ["robbery"],
        "note": "police.uk records robbery as one category: business and personal robbery are one figure",
    },
    "theft_from_person": {"label": "Theft from the person", "categories": ["theft-from-the-person"]},
    "assault_retail": {"label": "Assault on retail workers", "categories": []},
}

# --- named officers and fresh priorities (issue 14, parts 1 and 3; sn.guarantee) ---
# A posted PC, PCSO or sergeant stops being a ward's named officer while away (abstractions and leave,
# with no duty in the ward) for a spell longer than this many days.
SN_NAMED_OFFICER_ABSENCE_DAYS = env_int("SN_NAMED_OFFICER_ABSENCE_DAYS", 14)
# How far ahead the sweep looks for a lapse already in sight (a posting's end date, leave booked).
SN_NAMED_OFFICER_LOOKAHEAD_DAYS = env_int("SN_NAMED_OFFICER_LOOKAHEAD_DAYS", 14)
# A priority with no update, review, activity or case update for this many days is stale.
SN_PRIORITY_STALE_DAYS = env_int("SN_PRIORITY_STALE_DAYS", 90)

# --- time in the community and the scorecard (issue 14, parts 7 and 8; sn.scorecard) ---
# "The majority of their time": an officer meets it with strictly more than this share of working minutes
# spent on duty in a ward (their own or one they are lent to).
SN_COMMUNITY_TIME_TARGET = 0.5
# Months of history the scorecard shows beside each measure.
SN_SCORECARD_HISTORY_MONTHS = 12
