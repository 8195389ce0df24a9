from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sn.accounts.models import User
from sn.accounts.tokens import MAX_EXPIRY_DAYS, api_token_create
from sn.core.commands import add_actor_argument, command_audit


class Command(BaseCommand):
    help = (
        "Make an API token for a user and print it, once (only its hash is kept): "
        "api-token USERNAME [--expires DAYS] [--name TEXT]. The token acts exactly as the user."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--expires",
            type=int,
            metavar="DAYS",
            help=f"days until it expires (1 to {MAX_EXPIRY_DAYS}; default never)",
        )
        parser.add_argument(
            "--name", default="", help="what the token is for (default: 'Made with sn api-token')"
        )
        add_actor_argument(parser)

    def handle(self, *args, username: str, expires: int | None, name: str, **options):
        owner = User.objects.filter(username=username).first()
        if owner is None:
            raise CommandError(f"No user named {username!r}; nothing was made.")
        with command_audit(options, "sn api-token") as actor:
            try:
                token, raw = api_token_create(
                    owner=owner, name=name or "Made with sn api-token", expires_in_days=expires, actor=actor
                )
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
        until = f"until {token.expires_at:%Y-%m-%d %H:%M %Z}" if token.expires_at else "with no expiry"
        self.stderr.write(
            f"API token {token.prefix} for {owner.username} ({owner.get_role_display()}), {until}. "
            "It is shown only now: keep it secret, send it as 'Authorization: Bearer <token>'."
        )
        self.stdout.write(raw)
