"""Writes to teams and staffing. Each is atomic and audited (through sn.core.audit)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from sn.core.audit import audit_actor
from sn.geography.models import Cluster, Neighbourhood
from sn.teams.models import EstablishmentPolicy, Officer, Posting, Rank, Team


def team_create(*, neighbourhood: Neighbourhood, name: str = "", actor=None) -> Team:
    with transaction.atomic(), audit_actor(actor):
        return Team.objects.create(neighbourhood=neighbourhood, name=name or f"{neighbourhood.name} SNT")


def officer_create(
    *,
    first_name: str,
    last_name: str,
    collar_number: str,
    rank: str,
    email: str = "",
    phone: str = "",
    actor=None,
) -> Officer:
    if rank not in Rank.values:
        raise ValidationError({"rank": f"Unknown rank {rank!r}."})
    if Officer.objects.filter(collar_number=collar_number).exists():
        raise ValidationError({"collar_number": f"Collar number {collar_number} is already in use."})
    with transaction.atomic(), audit_actor(actor):
        return Officer.objects.create(
            first_name=first_name,
            last_name=last_name,
            collar_number=collar_number,
            rank=rank,
            email=email,
            phone=phone,
        )


def posting_create(*, officer: Officer, team: Team, start_date: date, actor=None) -> Posting:
    """Post an officer to a team. Only a sergeant may hold postings to several teams at once."""
    if officer.rank == Rank.INSPECTOR:
        raise ValidationError({"officer": "Inspectors command clusters; they are not posted to a team."})
    current = Posting.objects.filter(officer=officer, end_date__isnull=True)
    if current.filter(team=team).exists():
        raise ValidationError({"team": f"{officer.full_name} is already posted to {team.name}."})
    if officer.rank != Rank.SERGEANT and current.exists():
        raise ValidationError(
            {"officer": f"{officer.full_name} already has a current posting; end it first."}
        )
    with transaction.atomic(), audit_actor(actor):
        return Posting.objects.create(officer=officer, team=team, start_date=start_date)


def posting_end(*, posting: Posting, end_date: date, actor=None) -> Posting:
    if end_date < posting.start_date:
        raise ValidationError({"end_date": "A posting cannot end before it starts."})
    with transaction.atomic(), audit_actor(actor):
        posting.end_date = end_date
        posting.save(update_fields=["end_date", "modified_at"])
    return posting


def cluster_inspector_set(*, cluster: Cluster, inspector: Officer | None, actor=None) -> Cluster:
    if inspector is not None and inspector.rank != Rank.INSPECTOR:
        raise ValidationError({"inspector": f"{inspector} is not an inspector."})
    with transaction.atomic(), audit_actor(actor):
        cluster.inspector = inspector
        cluster.save(update_fields=["inspector", "modified_at"])
    return cluster


def establishment_policy_create(
    *,
    effective_from: date,
    population_threshold: int,
    standard: tuple[int, int, int],
    enhanced: tuple[int, int, int],
    note: str = "",
    actor=None,
) -> EstablishmentPolicy:
    """A new establishment model from a date; earlier ones stay as the history."""
    if population_threshold <= 0:
        raise ValidationError({"population_threshold": "The threshold must be a positive number of people."})
    if EstablishmentPolicy.objects.filter(effective_from=effective_from).exists():
        raise ValidationError({"effective_from": f"A policy already starts on {effective_from}."})
    with transaction.atomic(), audit_actor(actor):
        return EstablishmentPolicy.objects.create(
            effective_from=effective_from,
            population_threshold=population_threshold,
            standard_sergeants=standard[0],
            standard_pcs=standard[1],
            standard_pcsos=standard[2],
            enhanced_sergeants=enhanced[0],
            enhanced_pcs=enhanced[1],
            enhanced_pcsos=enhanced[2],
            note=note,
        )
