"""Production settings: every secret and host comes from the environment."""

from config.env import env_bool, env_list, env_str
from config.settings.base import *  # noqa: F403

SECRET_KEY = env_str("SN_SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("SN_ALLOWED_HOSTS", [])
CSRF_TRUSTED_ORIGINS = env_list("SN_CSRF_TRUSTED_ORIGINS", [])

SECURE_SSL_REDIRECT = env_bool("SN_SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
TEMPLATES[0]["APP_DIRS"] = False  # noqa: F405
TEMPLATES[0]["OPTIONS"]["loaders"] = [  # noqa: F405
    (
        "django.template.loaders.cached.Loader",
        [
            "django.template.loaders.filesystem.Loader",
            "django.template.loaders.app_directories.Loader",
        ],
    ),
]

# Production logs are JSON lines with the request id, for the force's log collector.
SN_LOG_FORMAT = env_str("SN_LOG_FORMAT", "json")
