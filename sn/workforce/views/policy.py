"""The central unit's pages: the duty code table and the abstraction policy with its history."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from sn.core.access import access
from sn.workforce.forms import PolicyForm
from sn.workforce.permissions import MANAGE_ABSTRACTION_POLICY
from sn.workforce.selectors import abstraction_policy_history, abstraction_policy_in_force, duty_codes
from sn.workforce.services.policy import abstraction_policy_set


@access(permission=MANAGE_ABSTRACTION_POLICY)
def codes_table(request: HttpRequest) -> HttpResponse:
    return render(request, "workforce/policy/codes.html", {"codes": duty_codes()})


@access(permission=MANAGE_ABSTRACTION_POLICY)
def policy_page(request: HttpRequest) -> HttpResponse:
    in_force = abstraction_policy_in_force()
    if request.method == "POST":
        form = PolicyForm(request.POST)
        if form.is_valid():
            try:
                policy = abstraction_policy_set(**form.cleaned_data, actor=request.user)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(
                    request, f"The new policy is in force from {policy.effective_from:%d %B %Y}."
                )
                return redirect(reverse("workforce:abstraction_policy"))
    else:
        initial = {}
        if in_force is not None:
            initial = {
                "target_rate": in_force.target_rate,
                "exempt_reasons": list(in_force.exempt_reasons.all()),
            }
        form = PolicyForm(initial=initial)
    context = {"form": form, "in_force": in_force, "history": abstraction_policy_history()}
    return render(request, "workforce/policy/policy.html", context)
