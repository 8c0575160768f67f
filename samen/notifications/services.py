"""The one entry point other apps use to tell people something: ``notify``.

Apps call ``notify`` from their service functions (inside the transaction); delivery
(immediately, daily or weekly digest, or off, per person and kind) is decided here.
"""

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What a notification is about. Preferences are kept per kind."""

    CONSENT_WAITING = "consent_waiting", _("een instemmingsronde wacht op het besluit van mijn partner")
    SIGNAL_ADDRESSED = "signal_addressed", _("een signaal aan mijn partner")
    ACCOUNTABILITY_ADDRESSED = "accountability_addressed", _("een aanspreekverzoek aan mijn partner")
    CHECKIN_OPEN = "checkin_open", _("een open check-in")
    SPOTLIGHT = "spotlight", _("iemand zet mij in het zonnetje")
    DIGEST_APPROVAL = "digest_approval", _("een raadsbrief wacht op goedkeuring")
    PC_REMINDER = "pc_reminder", _("een herinnering uit de P&C-planning")
    CELEBRATION_PROMPT = "celebration_prompt", _("een succes om te vieren")
    HONESTY_ROUND = "honesty_round", _("een eerlijkheidsronde vraagt om onze verklaring")
    OTHER = "other", _("overige berichten")


def notify(
    *,
    kind: str,
    recipients: Iterable[Any],
    subject: str,
    body: str,
    url: str = "",
    collaboration: Any = None,
    addressed: bool = True,
    event_at: Any = None,
    calendar: dict[str, Any] | None = None,
) -> None:
    """Record one event for each recipient; delivery follows their preference for ``kind``.

    ``addressed``: True when the event is addressed to the person (or their partner)
    directly; by default those go out immediately and the rest in the weekly digest.
    ``calendar``: optional {"start": datetime, "end": datetime, "summary": str} for an ICS attachment.
    """
    # Filled in by the notifications area (issue: digests, worker, preferences).
    return None
