"""The ward-page panel of concerns: what residents raise most, in one query however many there are."""

from django.conf import settings

from sn.concerns.selectors import month_period, topic_ranking

TOP_TOPICS = 3


def top_topics_panel(user, neighbourhood) -> dict:
    period = month_period(months=settings.SN_CONCERNS_DEFAULT_MONTHS)
    ranking = topic_ranking(neighbourhood=neighbourhood, period=period)
    return {
        "top_topics": ranking[:TOP_TOPICS],
        "topics_raised": len(ranking),
        "concerns_total": sum(r.count for r in ranking),
        "concerns_period": period,
    }
