"""The ASB calls staff link by hand: those the import could not match to a known victim or place."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sn.asb.permissions import RECORD_ASB
from sn.asb.selectors import calls_to_link as unlinked_calls
from sn.core.access import access

SHOWN = 300


@access(permission=RECORD_ASB)
def calls_to_link(request: HttpRequest) -> HttpResponse:
    calls = unlinked_calls(request.user)
    total = calls.count()
    return render(request, "asb/calls.html", {"calls": list(calls[:SHOWN]), "total": total, "shown": SHOWN})
