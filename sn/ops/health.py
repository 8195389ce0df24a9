"""The container's health probe: `python -m sn.ops.health` asks this container's own server for /healthz
(sn.core.views.healthz: 200 when the database answers) and exits 0 when healthy, 1 otherwise.

It does not start Django (a probe runs every 30 seconds and should cost little), and it names a host
the server accepts: production refuses a Host header outside SN_ALLOWED_HOSTS, so a plain request to
127.0.0.1 would be a 400 and the container would never be healthy.
"""

import http.client
import os
import sys


def probe_host(allowed_hosts: str) -> str:
    """The first concrete name in SN_ALLOWED_HOSTS ("*" or ".example.org" are patterns, not names)."""
    for entry in allowed_hosts.split(","):
        entry = entry.strip()
        if entry and entry != "*":
            return entry.lstrip(".")
    return "localhost"


def probe(*, port: int, host: str, timeout: float = 5.0) -> tuple[bool, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", "/healthz", headers={"Host": host, "X-Request-ID": "healthcheck-probe"})
        response = connection.getresponse()
        return response.status == 200, f"{response.status} {response.read(200).decode(errors='replace')}"
    except OSError as error:
        return False, str(error)
    finally:
        connection.close()


def main() -> int:
    port = int(os.environ.get("SN_PORT", "8000"))
    healthy, said = probe(port=port, host=probe_host(os.environ.get("SN_ALLOWED_HOSTS", "")))
    print(said)
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main())
