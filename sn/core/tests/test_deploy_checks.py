"""`sn check --deploy` warns when production would keep its shared state in each process."""

from django.core.checks import Warning as CheckWarning
from django.core.checks import run_checks

from sn.core.checks import SHARED_STATE_ID


def _shared_state_warnings(include_deployment_checks: bool = True) -> list:
    return [
        message
        for message in run_checks(include_deployment_checks=include_deployment_checks)
        if message.id == SHARED_STATE_ID
    ]


def test_without_redis_the_deploy_check_warns_that_caches_and_rate_limits_are_per_process(settings):
    settings.SN_REDIS_URL = ""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    (warning,) = _shared_state_warnings()
    assert isinstance(warning, CheckWarning)
    assert "SN_REDIS_URL" in warning.msg and "rate limit" in warning.msg


def test_with_redis_the_deploy_check_is_quiet(settings):
    settings.SN_REDIS_URL = "redis://127.0.0.1:6379/0"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": settings.SN_REDIS_URL,
        }
    }
    assert _shared_state_warnings() == []


def test_the_warning_is_for_deployments_only(settings):
    settings.SN_REDIS_URL = ""
    assert _shared_state_warnings(include_deployment_checks=False) == []
