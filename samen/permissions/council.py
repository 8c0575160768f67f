"""Raadsgrip: the P&C cycle, zienswijzen, key figures and the BBV paragraph."""

from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.utils.translation import gettext_lazy as _

from samen.collaborations.models import Collaboration, Partner, RoleKind
from samen.permissions.health import can_view_organisation_portfolio
from samen.permissions.roles import CONTACT_KINDS
from samen.permissions.workspace import acts_for, can_manage, can_view_workspace, partners_acted_for

if TYPE_CHECKING:
    from samen.permissions.roles import Viewer

# --- raadsgrip (samen.council): the P&C cycle, zienswijzen, key figures, BBV paragraph ---
# The facilitator keeps the cycle (the GR body's documents, own moments, figures) and records the
# body's reaction per zienswijze. A zienswijze is the council's: it is entered for a partner by that
# partner's contacts or its readers (RoleKind.READER covers the griffie and councillors). A draft is
# seen only inside that partner until it is adopted; then everyone in the collaboration sees it.

ZIENSWIJZE_KINDS = CONTACT_KINDS | {RoleKind.READER}


def can_view_cycle(person: "Viewer", collaboration: Collaboration) -> bool:
    """The calendar, the documents and the key figures are for everyone with a role (readers included)."""
    return can_view_workspace(person, collaboration)


KEEP_FIGURES_REFUSED = _("Alleen de facilitator houdt de kengetallen bij.")


def can_keep_cycle(person: "Viewer", collaboration: Collaboration) -> bool:
    """Record documents, own moments and key figures, and send reminders: the facilitator."""
    return can_manage(person, collaboration)


def can_write_zienswijze(person: "Viewer", partner: Partner) -> bool:
    """A partner's contacts or griffie (reader role) enter and adopt that council's zienswijze, nobody else's."""
    return partner.is_current and acts_for(person, partner, ZIENSWIJZE_KINDS)


def zienswijze_draft_partner_ids(person: "Viewer", collaboration: Collaboration) -> set[UUID]:
    """The partners whose draft zienswijzen ``person`` may see: only those they act for."""
    if not collaboration.workspace_active:
        return set()
    return partners_acted_for(person, collaboration, ZIENSWIJZE_KINDS)


def can_view_zienswijze(person: "Viewer", collaboration: Collaboration, zienswijze: Any) -> bool:
    if zienswijze.is_adopted:
        return can_view_workspace(person, collaboration)
    return zienswijze.partner_id in zienswijze_draft_partner_ids(person, collaboration)


def can_respond_to_zienswijze(person: "Viewer", collaboration: Collaboration) -> bool:
    """The GR body's reaction ("wat is ermee gedaan") is recorded by the facilitator."""
    return can_manage(person, collaboration)


def can_view_bbv_paragraph(person: "Viewer", organisation: Any) -> bool:
    """A municipality's paragraph on verbonden partijen is for its own people (and beheerders)."""
    return can_view_organisation_portfolio(person, organisation)
