"""The metrics endpoint for the force's monitoring."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST

from sn.core.access import access
from sn.core.middleware import client_address
from sn.ops.metrics import address_allowed, scrape


@access(public=True)
@require_GET
@never_cache
def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus' text format, to clients in SN_METRICS_NETWORKS only (the address behind the proxies
    the settings name). Anyone else is told there is nothing here: route names, job kinds and volumes
    are not for the public, and a 404 does not say that something would answer from inside."""
    address = client_address(request)
    if not address_allowed(address, settings.SN_METRICS_NETWORKS):
        request.sn_refusal_reason = f"metrics asked from {address}, outside SN_METRICS_NETWORKS"
        raise Http404("Not found")
    return HttpResponse(scrape(), content_type=CONTENT_TYPE_LATEST)
