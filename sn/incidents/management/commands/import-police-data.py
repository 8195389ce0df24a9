from sn.incidents.management.base import ImportCommand


class Command(ImportCommand):
    help = "Import police.uk CSVs of any kind, told apart by their headers."
    kind = None
