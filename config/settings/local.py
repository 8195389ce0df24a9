"""Settings for `make demo` and local use: production-like (DEBUG off) but served on loopback."""

import secrets

from config.env import env_bool, env_list
from config.settings.base import *  # noqa: F403
from config.settings.base import VAR_DIR


def _local_secret_key() -> str:
    # A key made once per checkout and kept out of git, so no secret lives in the source.
    VAR_DIR.mkdir(exist_ok=True)
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _local_secret_key()
DEBUG = env_bool("SN_DEBUG", False)
ALLOWED_HOSTS = env_list("SN_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
# The demo's ASB is synthetic (sn/incidents/demo.py) and nothing in police.uk data marks ASB as such,
# so the crime and demand pages say so while this is on. Set SN_SYNTHETIC_ASB=false for real data.
SN_SYNTHETIC_ASB = env_bool("SN_SYNTHETIC_ASB", True)

# The demo's logins are what local use is for (make demo).
SN_DEMO_LOGINS = True

# The demo's staff may enrol a second factor; nobody is made to (SN_REQUIRE_SECOND_FACTOR=true to try it).
SN_REQUIRE_SECOND_FACTOR = env_bool("SN_REQUIRE_SECOND_FACTOR", False)
