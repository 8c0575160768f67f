"""Every form of Samen that changes something: where it lives, who sends it, which form on the page.

``CREATES`` lists the create actions (their forms carry a one-time key; a page that shows what it made
instead of redirecting, such as a new API token, answers 200 the first time); ``FORMS`` adds the other forms
that change something, for the fuzz test. A case is (id, persona, page, the form's distinctive field).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse


@dataclass(frozen=True)
class Case:
    id: str
    persona: str
    page: Callable[[Any], str]
    field: str  # a field only this form on the page has
    overrides: Callable[[Any], dict[str, Any]] = field(default=lambda w: {})


def c(w: Any) -> Any:
    return w.demo.collaboration.pk


CREATES = [
    Case("collaboration", "facilitator", lambda w: reverse("collaborations:create"), "organisations"),
    Case(
        "invitation",
        "facilitator",
        lambda w: reverse("collaborations:people", args=[c(w)]),
        "email",
        lambda w: {"email": "nieuw@utrecht.example", "kind": "lezer", "partner": str(w.demo.utrecht.pk)},
    ),
    Case(
        "partner_join",
        "facilitator",
        lambda w: reverse("collaborations:partners", args=[c(w)]),
        "toe-organisation",
        lambda w: {"toe-organisation": "GM0307", "toe-on": w.today.isoformat(), "action": "join"},
    ),
    Case("goal", "utrecht_beleidsmedewerker", lambda w: reverse("goals:new", args=[c(w)]), "title"),
    Case(
        "benefit", "utrecht_beleidsmedewerker", lambda w: reverse("goals:benefit", args=[c(w), w.bare_goal.pk]), "text"
    ),
    Case(
        "consent_round", "facilitator", lambda w: reverse("goals:open_round", args=[c(w), w.ready_goal.pk]), "deadline"
    ),
    Case(
        "advice",
        "zeist_beleidsmedewerker",
        lambda w: reverse("goals:advice", args=[c(w), w.round_goal.pk, w.consent_round.pk]),
        "kind",
        lambda w: {"kind": "steun"},
    ),
    Case(
        "decision",
        "zeist_wethouder",
        lambda w: reverse("goals:decision", args=[c(w), w.round_goal.pk, w.consent_round.pk]),
        "kind",
        lambda w: {"kind": "instemming"},
    ),
    Case(
        "amendment",
        "utrecht_beleidsmedewerker",
        lambda w: reverse("goals:amend", args=[c(w), w.adopted.pk]),
        "reason",
        lambda w: {"text": "Binnen zes weken een besluit op elke omgevingsvergunning."},
    ),
    Case(
        "result",
        "facilitator",
        lambda w: reverse("goals:result_new", args=[c(w), w.adopted.pk]),
        "indicator",
        lambda w: {"baseline": "40", "target": "80", "baseline_on": "2026-01-01"},
    ),
    Case(
        "progress",
        "zeist_beleidsmedewerker",
        lambda w: reverse("goals:result", args=[c(w), w.adopted.pk, w.result.pk]),
        "measured_on",
        lambda w: {"value": "52", "measured_on": w.today.isoformat()},
    ),
    Case(
        "commitment",
        "zeist_wethouder",
        lambda w: reverse("goals:commitment_new", args=[c(w), w.adopted.pk]),
        "what",
    ),
    Case(
        "accountability",
        "utrecht_beleidsmedewerker",
        lambda w: reverse("goals:accountability_new", args=[c(w), w.adopted.pk]) + f"?afspraak={w.commitment.pk}",
        "question",
    ),
    Case(
        "accountability_reply",
        "zeist_beleidsmedewerker",
        lambda w: reverse("goals:accountability", args=[c(w), w.adopted.pk, w.accountability.pk]),
        "text",
    ),
    Case(
        "signal",
        "zeist_beleidsmedewerker",
        lambda w: reverse("experiences:signal_create", args=[c(w)]),
        "subject",
        lambda w: {"kind": "zorg", "addressee": "iedereen", "amount": ""},
    ),
    Case(
        "signal_reply",
        "zeist_beleidsmedewerker",
        lambda w: reverse("experiences:signal", args=[c(w), w.signal.pk]),
        "text",
    ),
    Case(
        "deviation",
        "de_bilt_beleidsmedewerker",
        lambda w: reverse("experiences:deviation_announce", args=[c(w)]),
        "reason",
        lambda w: {"starts_on": w.today.isoformat(), "ends_on": ""},
    ),
    Case(
        "acknowledgement",
        "zeist_beleidsmedewerker",
        lambda w: reverse("experiences:deviations", args=[c(w)]),
        "{deviation}-comment",
    ),
    Case(
        "reading",
        "zeist_beleidsmedewerker",
        lambda w: reverse("experiences:article", args=[c(w), w.article.pk]),
        "stance",
        lambda w: {"stance": "anders", "text": "Wij lezen dit anders."},
    ),
    Case(
        "checkins",
        "facilitator",
        lambda w: reverse("experiences:checkin_schedule", args=[c(w)]),
        "first_opens_on",
    ),
    Case(
        "checkin_answer",
        "zeist_beleidsmedewerker",
        lambda w: reverse("experiences:checkin", args=[c(w), w.checkin.pk]),
        "progress",
    ),
    Case(
        "ambition",
        "facilitator",
        lambda w: reverse("interests:ambition_create", args=[c(w)]),
        "title",
        lambda w: {"horizon_year": "2030", "needed_hours_per_month": "40", "needed_budget_euros": "1000"},
    ),
    Case(
        "pledge",
        "utrecht_beleidsmedewerker",
        lambda w: reverse("interests:pledge", args=[c(w), w.ambition.pk, w.demo.utrecht.pk]),
        "urgency",
        lambda w: {"urgency": "4", "hours_per_month": "10", "fte": "", "budget_euros": ""},
    ),
    Case("honesty_round", "facilitator", lambda w: reverse("interests:round_open", args=[c(w)]), "deadline"),
    Case("motive", "facilitator", lambda w: reverse("interests:catalogue", args=[c(w)]), "motief-name"),
    Case(
        "tension",
        "facilitator",
        lambda w: reverse("interests:catalogue", args=[c(w)]),
        "spanning-question",
        lambda w: {"spanning-motive_a": "continuiteit", "spanning-motive_b": "innovatie"},
    ),
    Case(
        "success",
        "utrecht_beleidsmedewerker",
        lambda w: reverse("successes:record", args=[c(w)]),
        "title",
        lambda w: {"date": w.today.isoformat(), "is_public": None},
    ),
    Case(
        "spotlight",
        "utrecht_beleidsmedewerker",
        lambda w: reverse("successes:spotlights", args=[c(w)]),
        "message",
    ),
    Case(
        "digest",
        "facilitator",
        lambda w: reverse("reports:digests", args=[c(w)]),
        "period_start",
        lambda w: {"period_start": "2026-01-01", "period_end": "2026-03-31", "moment": ""},
    ),
    Case(
        "digest_moment",
        "facilitator",
        lambda w: reverse("reports:digests", args=[c(w)]),
        "due_on",
        lambda w: {"kind": "overig", "year": "2027", "due_on": "2027-05-01"},
    ),
    Case("api_token", "utrecht_beleidsmedewerker", lambda w: reverse("api:tokens"), "lifetime"),
    Case(
        "webhook",
        "facilitator",
        lambda w: reverse("webhooks:subscriptions", args=[c(w)]),
        "event_types",
        lambda w: {"url": "http://127.0.0.1:9/hook", "event_types": ["goal.adopted"]},
    ),
    Case("own_moment", "facilitator", lambda w: reverse("council:cycle", args=[c(w)]), "moment-title"),
    Case(
        "pc_document",
        "facilitator",
        lambda w: reverse("council:add_document", args=[c(w)]),
        "sent_on",
        lambda w: {"link": "https://www.example.org/ontwerpbegroting.pdf", "sent_on": w.today.isoformat()},
    ),
    Case(
        "digest_cycle",
        "facilitator",
        lambda w: reverse("reports:digests", args=[c(w)]),
        "year",
        lambda w: {"year": "2027"},
    ),
]
