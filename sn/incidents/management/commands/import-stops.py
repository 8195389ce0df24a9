from sn.incidents.kinds import STOPS
from sn.incidents.management.base import ImportCommand


class Command(ImportCommand):
    help = "Import police.uk stop-and-search CSVs."
    kind = STOPS
