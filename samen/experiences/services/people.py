"""Who gets told: the contacts of partners and the facilitators of a collaboration."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse

from samen.accounts.models import Person
from samen.collaborations.models import Collaboration, Role, RoleKind
from samen.permissions import CONTACT_KINDS


def contacts(collaboration: Collaboration, partner_ids: Iterable[Any] | None = None) -> QuerySet[Person]:
    """Active people acting for a partner (ambtelijk or bestuurlijk), optionally of some partners only."""
    roles = Role.objects.filter(collaboration=collaboration, kind__in=CONTACT_KINDS, partner__isnull=False)
    if partner_ids is not None:
        roles = roles.filter(partner_id__in=list(partner_ids))
    return Person.objects.filter(pk__in=roles.values("person_id"), is_active=True)


def facilitators(collaboration: Collaboration) -> QuerySet[Person]:
    roles = Role.objects.filter(collaboration=collaboration, kind=RoleKind.FACILITATOR)
    return Person.objects.filter(pk__in=roles.values("person_id"), is_active=True)


def absolute_url(name: str, *args: Any) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, args=args)
