"""The `sn` console command: `sn <command>` runs any Django management command."""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["sn", *(sys.argv[1:] if argv is None else argv)])
    return 0
