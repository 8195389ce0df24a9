from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sn.accounts.models import PartnerOrganisation, User
from sn.accounts.services import user_set_role
from sn.core.roles import Role
from sn.geography.models import Borough, Neighbourhood
from sn.teams.models import Officer

# option -> (anchor field, model, lookup field)
ANCHOR_OPTIONS = {
    "borough": ("borough", Borough, "code"),
    "ward": ("neighbourhood", Neighbourhood, "code"),
    "officer": ("officer", Officer, "collar_number"),
    "partner": ("partner_organisation", PartnerOrganisation, "name"),
}


class Command(BaseCommand):
    help = (
        "Give a user a role and its anchor, through the same service as the admin (e.g. the first "
        "central unit user after createsuperuser): user-set-role USERNAME ROLE [--borough CODE]"
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("role", choices=[r.value for r in Role])
        parser.add_argument("--borough", help="GSS code of the borough (analysts, borough leads)")
        parser.add_argument("--ward", help="GSS code of the ward (panel members)")
        parser.add_argument("--officer", help="collar number of the officer record (officer roles)")
        parser.add_argument("--partner", help="name of the partner organisation (partners)")

    def handle(self, *args, username: str, role: str, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        anchors = {}
        for option, (field, model, lookup) in ANCHOR_OPTIONS.items():
            value = options.get(option)
            if value is None:
                continue
            anchor = model._default_manager.filter(**{lookup: value}).first()
            if anchor is None:
                raise CommandError(f"--{option}: no {model._meta.verbose_name} with {lookup} {value!r}.")
            anchors[field] = anchor
        try:
            user_set_role(user=user, role=Role(role), **anchors)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"{user.username}: {Role(role).label}")
