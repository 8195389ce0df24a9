"""`sn personal-data-review [--borough CODE] [--ward CODE]`: list the KIN members and community contacts
nobody has used for SN_PERSONAL_DATA_REVIEW_MONTHS (no interview, contact or review), ward by ward.

It names no one: it prints counts per ward and where the sergeant decides (each ward's review page, also
on the sergeant's home page). Nothing is erased here: erasure needs the sergeant's decision on the page.
With --check the exit status is 1 when anything is due, so that a scheduler can tell.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from sn.community.models import Contact, KinMember
from sn.community.selectors import due_for_review
from sn.community.standards import long_date, review_cutoff, review_months
from sn.geography.models import Neighbourhood


class Command(BaseCommand):
    help = "List, ward by ward, the KIN members and contacts due a retention review (counts, no names)."

    def add_arguments(self, parser):
        parser.add_argument("--borough", metavar="CODE", help="only this borough (GSS code)")
        parser.add_argument("--ward", metavar="CODE", help="only this ward or area (its code)")
        parser.add_argument("--check", action="store_true", help="exit with status 1 when any record is due")

    def handle(
        self, *args, borough: str | None = None, ward: str | None = None, check: bool = False, **options
    ):
        today = timezone.localdate()
        areas = Neighbourhood.objects.all()
        if borough:
            areas = areas.filter(borough__code=borough)
        if ward:
            areas = areas.filter(code=ward)
        if (borough or ward) and not areas.exists():
            raise CommandError(f"No area matches {'--ward ' + ward if ward else '--borough ' + borough}")
        counts: dict[int, dict[str, int]] = {}
        for model, key in ((KinMember, "kin"), (Contact, "contacts")):
            rows = due_for_review(model.objects.filter(neighbourhood__in=areas), today=today)
            for row in rows.values("neighbourhood_id").annotate(n=Count("id")).order_by():
                counts.setdefault(row["neighbourhood_id"], {"kin": 0, "contacts": 0})[key] = row["n"]
        self.stdout.write(
            f"Records not used since {long_date(review_cutoff(today))} ({review_months()} months), as at "
            f"{long_date(today)}:"
        )
        wards = (
            Neighbourhood.objects.filter(id__in=counts)
            .select_related("borough")
            .order_by("borough__name", "name")
        )
        for area in wards:
            due = counts[area.id]
            self.stdout.write(
                f"  {area.borough.name} / {area.name} ({area.code}): {due['kin']} KIN members, "
                f"{due['contacts']} contacts - {reverse('community:personal_data_review', args=[area.code])}"
            )
        kin = sum(c["kin"] for c in counts.values())
        contacts = sum(c["contacts"] for c in counts.values())
        self.stdout.write(f"{kin} KIN members and {contacts} contacts due a review in {len(counts)} areas.")
        if check and counts:
            raise SystemExit(1)
