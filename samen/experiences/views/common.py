"""What every page of Deel ervaringen shares."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from samen import permissions
from samen.collaborations.models import Collaboration, Partner
from samen.collaborations.workspace import workspace_context


def experiences_context(
    request: HttpRequest, collaboration: Collaboration, section: str, **extra: Any
) -> dict[str, Any]:
    """The workspace context with this area's tab and sub-navigation."""
    person = request.user
    return workspace_context(
        request,
        collaboration,
        "experiences",
        section=section,
        can_view_experiences=permissions.can_view_experiences(person, collaboration),
        can_manage_agreements=permissions.can_manage_agreements(person, collaboration),
        **extra,
    )


def require_experiences(request: HttpRequest, collaboration: Collaboration) -> None:
    """Readings, signals, deviations and check-ins are for contacts and the facilitator only."""
    if not permissions.can_view_experiences(request.user, collaboration):
        raise Http404


def my_partners(request: HttpRequest, collaboration: Collaboration) -> list[Partner]:
    """The current partners the person acts for as a contact, by name."""
    ids = permissions.partners_acted_for(request.user, collaboration)
    if not ids:
        return []
    return list(collaboration.current_partners().filter(pk__in=ids))


def forbid(reason: str | None = None) -> PermissionDenied:
    return PermissionDenied(reason or _("Dit mag u hier niet doen."))
