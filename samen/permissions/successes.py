"""Erken en vier successen."""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any
from uuid import UUID

from samen.collaborations.models import Collaboration, RoleKind
from samen.permissions.roles import _is_staff
from samen.permissions.workspace import can_view_workspace, is_contact, is_facilitator, partners_acted_for

if TYPE_CHECKING:
    from samen.permissions.roles import Viewer

# --- successes (Erken en vier successen) ---


def can_record_success(person: "Viewer", collaboration: Collaboration) -> bool:
    """Any partner contact, and the facilitator, records successes and puts people in the sun."""
    return is_contact(person, collaboration)


def can_view_internal_successes(person: "Viewer", collaboration: Collaboration) -> bool:
    """Readers (councillors) see only public successes; the people who work in it see all of them."""
    return is_contact(person, collaboration) or (collaboration.workspace_active and _is_staff(person))


def can_view_success(person: "Viewer", success: Any) -> bool:
    collaboration = success.collaboration
    if success.is_public:
        return can_view_workspace(person, collaboration)
    return can_view_internal_successes(person, collaboration)


def can_edit_success(person: "Viewer", success: Any, partner_ids: Iterable[UUID]) -> bool:
    """Whoever recorded it, the facilitator, or a contact of one of the partners involved."""
    collaboration = success.collaboration
    if not is_contact(person, collaboration):
        return False
    if success.recorded_by_id == getattr(person, "pk", None) or is_facilitator(person, collaboration):
        return True
    return bool(partners_acted_for(person, collaboration) & set(partner_ids))


def can_publish_success(person: "Viewer", collaboration: Collaboration, partner_ids: Iterable[UUID]) -> bool:
    """Only a bestuurlijk contact of a partner involved decides that a success may go outside."""
    if not collaboration.workspace_active:
        return False
    return bool(partners_acted_for(person, collaboration, {RoleKind.EXECUTIVE}) & set(partner_ids))


def can_give_spotlight(person: "Viewer", collaboration: Collaboration) -> bool:
    return is_contact(person, collaboration)


def can_celebrate(person: "Viewer", collaboration: Collaboration) -> bool:
    """See what was reached but not yet celebrated, and celebrate it."""
    return is_contact(person, collaboration)


def can_make_success_brief(person: "Viewer", collaboration: Collaboration) -> bool:
    """The brief holds only public successes, so everyone who sees the workspace may make it."""
    return can_view_workspace(person, collaboration)
