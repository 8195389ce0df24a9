"""What the concerns pages were asked to show: ?months= (the period's length), ?month= (its last month),
?topic= and ?channel=. A page shows a slip beside its field and falls back to the default; a download,
with no form to show it in, answers with the 400 page naming the parameter."""

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from sn.concerns.models import Channel
from sn.concerns.selectors import Period, month_period
from sn.concerns.taxonomy import Topic
from sn.core.months import parse_month
from sn.core.parameters import bad_parameter

MONTHS_OFFERED = (3, 6, 12, 24, 36)


@dataclass
class ConcernFilters:
    period: Period
    end_month: date | None  # None: this month
    topic: str = ""
    channel: str = ""
    texts: dict[str, str] = field(default_factory=dict)  # as typed, to show back
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def query(self) -> str:
        """The query string keeping the filters in the page's links (downloads, the other pages)."""
        kept = {}
        if self.period.months != settings.SN_CONCERNS_DEFAULT_MONTHS:
            kept["months"] = self.period.months
        if self.end_month is not None:
            kept["month"] = f"{self.end_month:%Y-%m}"
        if self.topic:
            kept["topic"] = self.topic
        if self.channel:
            kept["channel"] = self.channel
        return urlencode(kept)

    @property
    def period_query(self) -> str:
        """The period alone, for links to pages that filter by nothing else."""
        kept = {}
        if self.period.months != settings.SN_CONCERNS_DEFAULT_MONTHS:
            kept["months"] = self.period.months
        if self.end_month is not None:
            kept["month"] = f"{self.end_month:%Y-%m}"
        return urlencode(kept)

    def bad_request(self, request: HttpRequest) -> HttpResponse:
        name, error = next(iter(self.errors.items()))
        return bad_parameter(request, name=name, value=self.texts.get(name, ""), error=error)

    @property
    def months_offered(self) -> list[int]:
        return sorted({*MONTHS_OFFERED, self.period.months})


def concern_filters(request: HttpRequest, *, today: date | None = None) -> ConcernFilters:
    texts = {name: request.GET.get(name, "").strip() for name in ("months", "month", "topic", "channel")}
    errors: dict[str, str] = {}
    months = settings.SN_CONCERNS_DEFAULT_MONTHS
    if texts["months"]:
        longest = settings.SN_CONCERNS_MAX_MONTHS
        if texts["months"].isdigit() and 1 <= int(texts["months"][:4]) <= longest:
            months = int(texts["months"])
        else:
            errors["months"] = f"The period is a whole number of months from 1 to {longest}"
    end_month = None
    if texts["month"]:
        try:
            end_month = parse_month(texts["month"])
        except ValueError as error:
            errors["month"] = str(error)
    topic = texts["topic"]
    if topic and topic not in Topic.values:
        errors["topic"] = "Choose a topic from the list"
        topic = ""
    channel = texts["channel"]
    if channel and channel not in Channel.values:
        errors["channel"] = "Choose a channel from the list"
        channel = ""
    period = month_period(months=months, end_month=end_month, today=today)
    return ConcernFilters(period, end_month, topic, channel, texts, errors)
