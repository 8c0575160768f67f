"""Which audit events other systems may hear about, and how one is written as a CloudEvent.

Only the events below are sent: things that happened that partners may know (a goal adopted, a
signal raised, a raadsbrief published), never drafts, declarations before sharing or check-in
answers. A CloudEvent carries a reference (``dataref``) and the minimum (NL GOV profile for
CloudEvents): the receiver fetches the content through /api/v1 with its own token and rights.
"""

import json
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

TYPE_PREFIX = "nl.samen."

EVENT_TYPES: dict[str, Any] = {
    "collaboration.activated": _("Een samenwerking is gestart in Samen"),
    "role.assigned": _("Iemand heeft een rol gekregen"),
    "role.removed": _("Iemand heeft een rol niet meer"),
    "partner.joined": _("Een partner is toegetreden"),
    "partner.left": _("Een partner is uitgetreden"),
    "interests.round_opened": _("Een eerlijkheidsronde is geopend"),
    "interests.round_closed": _("Een eerlijkheidsronde is gesloten"),
    "interests.declaration_shared": _("Een partner heeft zijn verklaring gedeeld"),
    "goal.round_opened": _("Een instemmingsronde is geopend"),
    "goal.round_closed": _("Een instemmingsronde is gesloten"),
    "goal.adopted": _("Een doel is vastgesteld"),
    "goal.result_added": _("Een resultaat is toegevoegd"),
    "goal.progress_recorded": _("Voortgang op een resultaat is gemeld"),
    "goal.accountability_raised": _("Een partner is aangesproken"),
    "goal.accountability_replied": _("Een aanspreekverzoek is beantwoord"),
    "success.recorded": _("Een succes is vastgelegd"),
    "success.spotlight_given": _("Iemand is in het zonnetje gezet"),
    "agreement.imported": _("Een overeenkomst is ingelezen"),
    "agreement.updated": _("Een overeenkomst is gewijzigd"),
    "interpretation.recorded": _("Een lezing van een artikel is vastgelegd"),
    "signal.raised": _("Een signaal is gegeven"),
    "signal.replied": _("Op een signaal is gereageerd"),
    "signal.status_changed": _("De status van een signaal is gewijzigd"),
    "deviation.announced": _("Een afwijking is gemeld"),
    "checkin.scheduled": _("Een check-in is gepland"),
    "checkin.closed": _("Een check-in is gesloten"),
    "reports.digest_published": _("Een raadsbrief is gepubliceerd"),
    "health.published": _("De gezondheid is gepubliceerd"),
}


def event_type(action: str) -> str:
    return TYPE_PREFIX + action


def api_url(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}/api/v1/{path}"


# Where the receiver reads the object of an event; the collaboration itself where no resource fits.
DATAREF_PATHS = {
    "goals.goal": "doelen/{id}",
    "successes.success": "successen/{id}",
    "collaborations.collaboration": "samenwerkingen/{id}",
}


def cloud_event(event: Any) -> dict[str, Any]:
    """The CloudEvent (structured JSON mode) for one audit event, without any of its content."""
    path = DATAREF_PATHS.get(event.object_type)
    if path and event.object_id:
        dataref = api_url(path.format(id=event.object_id))
    else:
        dataref = api_url(f"samenwerkingen/{event.collaboration_id}")
    return {
        "specversion": "1.0",
        "id": str(event.pk),
        "source": settings.SITE_URL.rstrip("/"),
        "type": event_type(event.action),
        "subject": event.object_id or str(event.collaboration_id),
        "time": event.at.isoformat(),
        "datacontenttype": "application/json",
        "dataref": dataref,
        "data": {"samenwerking": str(event.collaboration_id), "objectsoort": event.object_type},
    }


def body_of(event: Any) -> bytes:
    return json.dumps(cloud_event(event), separators=(",", ":"), sort_keys=True).encode()
