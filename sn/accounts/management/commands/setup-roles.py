from django.core.management.base import BaseCommand

from sn.accounts.services import roles_sync


class Command(BaseCommand):
    help = "Create or update one group per role, with the permissions of the roles registry."

    def handle(self, *args, **options):
        for role, count in roles_sync().items():
            self.stdout.write(f"{role}: {count} permissions")
