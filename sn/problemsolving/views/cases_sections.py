"""The sections of a case's page that the case keeps (sn.problemsolving.sections): scanning 10, analysis
20, response 30, interventions 40, updates 50, reviews 55, partners 60. Each builds its context for the
user, or None when it has nothing for them: a partner sees the sections fit for them (no reviews, no
invitation controls), and the concerns a case came from are shown by topic and date only, for everyone,
so that nothing a resident told the police reaches a partner through a case."""

from django.urls import reverse

from sn.accounts.models import PartnerOrganisation
from sn.core.access import has_permission
from sn.core.registries import Panel
from sn.problemsolving.models import Case, Intervention
from sn.problemsolving.permissions import INVITE_PARTNERS, REVIEW_CASES
from sn.problemsolving.sections import CASE_SECTIONS
from sn.problemsolving.selectors import standing_invitations
from sn.problemsolving.services.checks import is_case_team, is_partner
from sn.problemsolving.services.interventions import is_owner


def _base(user, case: Case) -> dict:
    team = is_case_team(user, case) and not is_partner(user)
    return {"case": case, "partner": is_partner(user), "can_edit": team and case.is_open}


def scanning(user, case: Case) -> dict:
    concerns = [
        {"topic": c.get_topic_display(), "raised_on": c.raised_on}
        for c in case.concerns.order_by("-raised_on")
    ]
    return {**_base(user, case), "concerns": concerns, "outline": case.neighbourhood.display_boundary}


def analysis(user, case: Case) -> dict:
    return _base(user, case)


def response(user, case: Case) -> dict:
    context = _base(user, case)
    return {**context, "options": list(case.options.all())}


def _intervention_row(user, intervention: Intervention, partner: bool, team: bool) -> dict:
    owner = is_owner(user, intervention) and intervention.case.is_open
    own_organisation = (
        partner
        and intervention.organisation_id is not None
        and intervention.organisation_id == user.partner_organisation_id
    )
    prefix = "problemsolving:partner_" if partner else "problemsolving:"
    links = []
    if intervention.is_open and intervention.case.is_open:
        if owner:
            links.append(("Mark done", reverse(f"{prefix}intervention_complete", args=[intervention.pk])))
            links.append(("Change status", reverse(f"{prefix}intervention_status", args=[intervention.pk])))
        if owner or own_organisation or (team and not partner):
            links.append(
                ("Add an update", reverse(f"{prefix}intervention_update_new", args=[intervention.pk]))
            )
    return {"intervention": intervention, "updates": list(intervention.updates.all()[:5]), "links": links}


def interventions(user, case: Case) -> dict:
    context = _base(user, case)
    queryset = case.interventions.select_related(
        "owner_officer", "owner_user", "organisation"
    ).prefetch_related("updates")
    rows = [_intervention_row(user, i, context["partner"], context["can_edit"]) for i in queryset]
    return {**context, "rows": rows}


def updates(user, case: Case) -> dict:
    context = _base(user, case)
    partner = context["partner"]
    entries = [
        {
            "on": u.on,
            "text": u.text,
            # A partner's entry names their organisation; the police's names the author.
            "by": str(u.organisation)
            if u.organisation_id
            else (u.author.get_full_name() or u.author.username),
        }
        for u in case.updates.select_related("author", "organisation")
    ]
    name = "problemsolving:partner_case_update_new" if partner else "problemsolving:case_update_new"
    may_add = case.is_open and (context["can_edit"] or partner)
    return {**context, "entries": entries, "add_url": reverse(name, args=[case.pk]) if may_add else ""}


def reviews(user, case: Case) -> dict | None:
    if is_partner(user):
        return None
    context = _base(user, case)
    can_review = has_permission(user, REVIEW_CASES) and context["can_edit"]
    return {**context, "reviews": list(case.reviews.select_related("reviewer")), "can_review": can_review}


def partners(user, case: Case) -> dict:
    context = _base(user, case)
    standing = list(standing_invitations(case))
    can_invite = has_permission(user, INVITE_PARTNERS) and context["can_edit"]
    removed = [] if context["partner"] else list(case.invitations.filter(removed_at__isnull=False))
    return {
        **context,
        "standing": standing,
        "removed": removed,
        "can_invite": can_invite,
        "any_to_invite": can_invite
        and PartnerOrganisation.objects.filter(boroughs=case.neighbourhood.borough_id)
        .exclude(pk__in=[i.organisation_id for i in standing])
        .exists(),
    }


for key, title, order, build in (
    ("scanning", "Scanning", 10, scanning),
    ("analysis", "Analysis", 20, analysis),
    ("response", "Response", 30, response),
    ("interventions", "Interventions", 40, interventions),
    ("updates", "Updates", 50, updates),
    ("reviews", "Sergeant's reviews", 55, reviews),
    ("partners", "Partner organisations", 60, partners),
):
    CASE_SECTIONS.register(
        Panel(key=key, title=title, order=order, template=f"problemsolving/_case_{key}.html", build=build)
    )
