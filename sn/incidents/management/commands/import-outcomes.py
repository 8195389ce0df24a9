from sn.incidents.kinds import OUTCOMES
from sn.incidents.management.base import ImportCommand


class Command(ImportCommand):
    help = "Import police.uk outcomes CSVs: sets each crime's last outcome."
    kind = OUTCOMES
