"""`sn import-boundaries FILE --level borough|ward`: load boundaries from a GeoJSON file, all or nothing.

Boroughs first (they belong to a force), then wards (each names its borough by code). A file with any
bad feature writes nothing, and the error lists every bad feature by index and code. Re-running the
same file changes nothing.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DataError, IntegrityError, transaction

from sn.core.commands import add_actor_argument, command_audit
from sn.geography.importing import BoundaryFileError, FieldMap
from sn.geography.models import Force
from sn.geography.services import (
    ImportResult,
    boroughs_import,
    force_get_or_create,
    neighbourhoods_import,
)

DEFAULT_PARENT_FIELD = "borough_code"
DEFAULT_FORCE_CODE = "metropolitan"
KNOWN_FORCE_NAMES = {"metropolitan": "Metropolitan Police Service"}
# Options that mean something at one level only; given at the other they are refused, not ignored.
WARD_ONLY = {
    "parent_field": "--parent-field",
    "police_id_field": "--police-id-field",
    "skip_parent": "--skip-parent",
}
BOROUGH_ONLY = {"skip_code": "--skip-code", "force_code": "--force-code", "force_name": "--force-name"}


class Command(BaseCommand):
    help = "Create or update boroughs or wards from a GeoJSON FeatureCollection (.geojson or .geojson.gz)."

    def add_arguments(self, parser):
        parser.add_argument(
            "file", type=Path, help="a GeoJSON FeatureCollection in WGS84, optionally gzipped"
        )
        parser.add_argument("--level", choices=["borough", "ward"], required=True)
        parser.add_argument("--code-field", default="code", help="property holding the GSS code")
        parser.add_argument("--name-field", default="name", help="property holding the name")
        parser.add_argument(
            "--parent-field",
            help=f"wards: property holding the parent borough's code (default {DEFAULT_PARENT_FIELD})",
        )
        parser.add_argument(
            "--police-id-field", help="wards: property holding the police.uk neighbourhood id"
        )
        parser.add_argument(
            "--skip-parent",
            action="append",
            default=[],
            metavar="CODE",
            help="wards: leave out wards of this borough (repeatable), e.g. E09000001, the City of London",
        )
        parser.add_argument(
            "--skip-code",
            action="append",
            default=[],
            metavar="CODE",
            help="boroughs: leave out this borough (repeatable)",
        )
        parser.add_argument(
            "--force-code", help=f"boroughs: the force they belong to (default {DEFAULT_FORCE_CODE})"
        )
        parser.add_argument("--force-name", help="boroughs: the force's name, if it is created")
        add_actor_argument(parser)

    def handle(self, *args, file: Path, level: str, **options):
        misplaced = WARD_ONLY if level == "borough" else BOROUGH_ONLY
        given = [flag for name, flag in misplaced.items() if options[name]]
        if given:
            raise CommandError(f"{', '.join(given)} cannot be used with --level {level}")
        try:
            with transaction.atomic(), command_audit(options, f"import-boundaries {file.name}"):
                if level == "borough":
                    result = self._boroughs(file, options)
                else:
                    result = self._wards(file, options)
        except BoundaryFileError as exc:
            raise CommandError(str(exc)) from exc
        except (IntegrityError, DataError) as exc:
            raise CommandError(f"The database refused the import, so nothing was written: {exc}") from exc
        self.stdout.write(f"{result.created} created, {result.updated} updated, {result.unchanged} unchanged")
        if level == "ward":
            self.stdout.write(f"{result.neighbour_pairs} neighbour pairs")

    def _boroughs(self, file: Path, options: dict) -> ImportResult:
        code = options["force_code"] or DEFAULT_FORCE_CODE
        name = options["force_name"] or KNOWN_FORCE_NAMES.get(code)
        if name is None and not Force.objects.filter(code=code).exists():
            raise CommandError(f"There is no force {code!r} yet: give --force-name to create it")
        # Inside the command's transaction, so a bad file does not leave a new force behind.
        force = force_get_or_create(code=code, name=name or code)
        return boroughs_import(
            path=file,
            force=force,
            fields=FieldMap(code=options["code_field"], name=options["name_field"]),
            skip_codes=frozenset(options["skip_code"]),
        )

    def _wards(self, file: Path, options: dict) -> ImportResult:
        return neighbourhoods_import(
            path=file,
            fields=FieldMap(
                code=options["code_field"],
                name=options["name_field"],
                parent=options["parent_field"] or DEFAULT_PARENT_FIELD,
            ),
            skip_parents=frozenset(options["skip_parent"]),
            police_id_field=options["police_id_field"],
        )
