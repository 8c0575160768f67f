"""The people of a collaboration: one query helper for every app that needs to tell or count them.

Only roles of current partners count: when a partner leaves, its people are no longer invited,
reminded or counted (``collaborations.services.partner_leaves`` also ends their roles).
"""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone

from samen.collaborations.models import Collaboration, Role, RoleKind
from samen.permissions import CONTACT_KINDS

if TYPE_CHECKING:
    from samen.accounts.models import Person


def roles_of_current_partners(collaboration: Collaboration | Any) -> QuerySet[Role]:
    """Roles in ``collaboration`` (an instance or its id): facilitators, and roles of partners that have not left."""
    today = timezone.localdate()
    return Role.objects.filter(collaboration=collaboration).filter(
        Q(partner__isnull=True) | Q(partner__left_on__isnull=True) | Q(partner__left_on__gt=today)
    )


def people(
    collaboration: Collaboration | Any,
    *,
    kinds: Iterable[str] | None = None,
    partner_ids: Iterable[Any] | None = None,
) -> "QuerySet[Person]":
    """Active people with a role in ``collaboration``, optionally of some kinds or some partners only."""
    roles = roles_of_current_partners(collaboration)
    if kinds is not None:
        roles = roles.filter(kind__in=list(kinds))
    if partner_ids is not None:
        roles = roles.filter(partner_id__in=[getattr(p, "pk", p) for p in partner_ids])
    found: QuerySet[Person] = get_user_model().objects.filter(pk__in=roles.values("person_id"), is_active=True)
    return found


def contacts(collaboration: Collaboration | Any, partner_ids: Iterable[Any] | None = None) -> "QuerySet[Person]":
    """Active people acting for a current partner (ambtelijk or bestuurlijk)."""
    return people(collaboration, kinds=CONTACT_KINDS, partner_ids=partner_ids)


def facilitators(collaboration: Collaboration | Any) -> "QuerySet[Person]":
    return people(collaboration, kinds=[RoleKind.FACILITATOR])
