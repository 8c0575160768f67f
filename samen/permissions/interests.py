"""Ben eerlijk: ambitions, pledges, honesty rounds and declarations."""

from typing import TYPE_CHECKING, Any
from uuid import UUID

from samen.collaborations.models import Collaboration, Partner
from samen.permissions.workspace import (
    acts_for,
    can_manage,
    can_view_workspace,
    is_contact,
    is_executive_for,
    partners_acted_for,
)

if TYPE_CHECKING:
    from samen.permissions.roles import Viewer

# --- interests (Ben eerlijk) ---


def can_edit_ambitions(person: "Viewer", collaboration: Collaboration) -> bool:
    """Ambitions are formulated together: the facilitator and every partner contact add and edit them."""
    return is_contact(person, collaboration)


def can_remove_ambition(person: "Viewer", collaboration: Collaboration) -> bool:
    return can_manage(person, collaboration)


def can_pledge(person: "Viewer", collaboration: Collaboration, partner: Partner) -> bool:
    """A partner's own contacts (ambtelijk or bestuurlijk) say what their organisation puts in."""
    return (
        collaboration.workspace_active
        and partner.collaboration_id == collaboration.pk
        and partner.is_current
        and acts_for(person, partner)
    )


def can_run_honesty_round(person: "Viewer", collaboration: Collaboration) -> bool:
    """Open and close rounds, extend the motive and tension catalogues."""
    return can_manage(person, collaboration)


def can_draft_declaration(person: "Viewer", collaboration: Collaboration, partner: Partner) -> bool:
    """Ambtelijk and bestuurlijk contacts draft their own partner's declaration, nobody else's."""
    return can_pledge(person, collaboration, partner)


def can_share_declaration(person: "Viewer", collaboration: Collaboration, partner: Partner) -> bool:
    """Only the bestuurlijk contact confirms the declaration and shares it with the other partners."""
    return can_pledge(person, collaboration, partner) and is_executive_for(person, partner)


def can_decide_ground(person: "Viewer", collaboration: Collaboration, partner: Partner) -> bool:
    """Go, go with conditions or no-go is a bestuurlijk decision of the partner."""
    return can_share_declaration(person, collaboration, partner)


def declaration_draft_partner_ids(person: "Viewer", collaboration: Collaboration) -> set[UUID]:
    """The partners whose draft declarations ``person`` may see: only the ones they act for as a contact.

    Readers, the facilitator and staff see shared declarations only: drafts stay inside the partner.
    """
    if not collaboration.workspace_active:
        return set()
    return partners_acted_for(person, collaboration)


def can_view_declaration(person: "Viewer", collaboration: Collaboration, declaration: Any) -> bool:
    if declaration.is_shared:
        return can_view_workspace(person, collaboration)
    return declaration.partner_id in declaration_draft_partner_ids(person, collaboration)
