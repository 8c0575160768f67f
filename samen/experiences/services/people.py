"""Who gets told: the contacts of current partners and the facilitators (from ``collaborations.people``)."""

from typing import Any

from django.conf import settings
from django.urls import reverse

from samen.collaborations.people import contacts, facilitators

__all__ = ["absolute_url", "contacts", "facilitators"]


def absolute_url(name: str, *args: Any) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, args=args)
