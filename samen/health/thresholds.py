"""Every threshold of the health view and the crack radar, in one place.

The indicators (``indicators.py``), the crack rules (``cracks.py``), the portfolio, the council
digest and docs/gezondheid.md all follow these numbers; change a rule here and every page,
export and test follows. Scores run from 0 to 100.
"""

import datetime

# --- from score to status -------------------------------------------------------------------
GOOD_FROM = 70  # a score of at least 70 is "goed"
WORRY_BELOW = 40  # below 40 is "zorg"; in between is "aandacht"

# --- trend ----------------------------------------------------------------------------------
TREND_WINDOW = datetime.timedelta(weeks=13)  # today compared with one quarter ago
TREND_DELTA = 10  # a change of at least 10 points is "beter" or "slechter"; less is "gelijk"
TREND_POINTS = 4  # the trend chart shows today and the four quarters before it: one year

# --- ambitie & urgentie (interests) ----------------------------------------------------------
URGENCY_SPREAD_WORRY = 3  # partners' average urgency 3 or more points apart (on 1–5): a fact to discuss

# --- ben eerlijk (interests) ------------------------------------------------------------------
# A partner's score in the honesty round: shared its declaration, only a draft, nothing.
HONESTY_SHARED = 100
HONESTY_DRAFT = 30

# --- toon eigenaarschap (goals) ----------------------------------------------------------------
CONSENT_STALLED_AFTER = datetime.timedelta(weeks=6)  # an open round this old with partners waiting is stalled
BENEFIT_GRACE = datetime.timedelta(weeks=4)  # after adoption a partner has this long to say what it gains

# --- erken en vier successen (successes) -------------------------------------------------------
QUARTER = datetime.timedelta(days=91)
SUCCESSES_PER_QUARTER_GOOD = 2  # two successes a quarter count as fully "goed" for this part
CELEBRATION_GRACE = datetime.timedelta(weeks=2)  # a reached result not celebrated after two weeks counts
PARTNER_SUCCESS_WINDOW = datetime.timedelta(days=182)  # a partner involved in a success in half a year

# --- deel ervaringen (experiences) --------------------------------------------------------------
CHECKIN_RESPONSE_GOOD = 0.7  # at least 70% of the invited contacts answered the last check-in
SIGNAL_OPEN_WORRY = datetime.timedelta(weeks=4)  # an open signal older than this weighs on the score
DEVIATION_UNACKNOWLEDGED_WORRY = datetime.timedelta(weeks=2)  # a deviation nobody acknowledged after two weeks

# --- crack radar (scheurtjes) -------------------------------------------------------------------
SILENT_AFTER = datetime.timedelta(weeks=10)  # a partner with contacts that did nothing for ten weeks
COST_SIGNAL_UNANSWERED = datetime.timedelta(weeks=3)  # a cost signal without a reply for three weeks
RELATIONSHIP_DROP = 0.5  # the relationship score (1–5) fell at least half a point between check-ins
CONTENT_HOLDS = 0.25  # ... while the content score moved less than this
RESPONSE_DROP = 0.3  # one partner's check-in response fell by 30 percentage points or more

# --- the portfolio -------------------------------------------------------------------------------
PORTFOLIO_MAX_ROWS = 1000  # more than every current regeling; the page never paginates a heatmap


def status_for(score: float | None) -> str:
    """goed / aandacht / zorg for a score; "geen" (nog geen gegevens) when there is none."""
    if score is None:
        return "geen"
    if score >= GOOD_FROM:
        return "goed"
    if score >= WORRY_BELOW:
        return "aandacht"
    return "zorg"


def trend_for(now: float | None, before: float | None) -> str:
    """beter / gelijk / slechter against one quarter ago; "onbekend" without both scores."""
    if now is None or before is None:
        return "onbekend"
    if now - before >= TREND_DELTA:
        return "beter"
    if before - now >= TREND_DELTA:
        return "slechter"
    return "gelijk"
