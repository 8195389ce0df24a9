from sn.incidents.kinds import STREET
from sn.incidents.management.base import ImportCommand


class Command(ImportCommand):
    help = "Import police.uk street-level crime CSVs (CSV, .csv.gz, .zip, directories)."
    kind = STREET
