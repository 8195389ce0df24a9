"""The sections of a case's page, in order: the SARA parts the case keeps (scanning, analysis, response,
interventions, log, reviews, partners), the figures read from the incident data, the assessment, and
similar cases from the library. Each part of the app registers its own, so the case page is one view
that builds every section the user may see (as the ward page does with sn.core.registries.WARD_PANELS).

`build(user, case)` returns the template's context, or None when the section has nothing to show this
user. Orders in use: scanning 10, analysis 20, analysis data 25, response 30, interventions 40,
updates 50, reviews 55, partners 60, assessment 70, similar cases 80.
"""

from sn.core.registries import Panel
from sn.core.registry import Registry

CASE_SECTIONS: Registry[Panel] = Registry("case sections", key=lambda e: e.key, order=lambda e: e.order)
