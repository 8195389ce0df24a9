"""The API's documentation page (/api/v1/docs): Swagger UI from our own static files (vendored from npm
into static/vendor/swagger-ui/ by scripts/build_assets.sh), started by static/api/docs.js. No CDN and no
inline script, so the site's content security policy applies unchanged: Swagger UI's inline styles are
already allowed by its `style-src 'unsafe-inline'`, and nothing else it needs is outside 'self'."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import DocsBase


class LocalSwagger(DocsBase):
    def render_page(self, request: HttpRequest, api, **kwargs) -> HttpResponse:
        return render(
            request,
            "api/docs.html",
            {"openapi_url": self.get_openapi_url(api, kwargs), "title": api.title, "version": api.version},
        )
