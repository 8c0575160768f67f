"""What every page inside a collaboration needs (tabs, breadcrumbs, the person's rights): one public helper.

Every area's views build their context with ``workspace_context(request, collaboration, tab, **extra)``.
"""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from samen import permissions
from samen.collaborations.models import Collaboration

__all__ = ["workspace_context"]


def workspace_context(
    request: HttpRequest, collaboration: Collaboration, tab: str, **extra: object
) -> dict[str, object]:
    """What every page inside a collaboration needs: tabs, breadcrumbs, the person's rights."""
    person = request.user
    context: dict[str, object] = {
        "collaboration": collaboration,
        "tab": tab,
        "workspace": permissions.can_view_workspace(person, collaboration),
        "is_contact": permissions.is_contact(person, collaboration),
        "can_manage": permissions.can_manage(person, collaboration),
        "can_view_audit": permissions.can_view_audit_log(person, collaboration),
        "can_view_people": permissions.can_view_people(person, collaboration),
        "breadcrumbs": [
            (_("Mijn samenwerkingen"), reverse("collaborations:mine")),
            (collaboration.short_name or collaboration.name, reverse("collaborations:detail", args=[collaboration.pk])),
        ],
    }
    context.update(extra)
    return context
