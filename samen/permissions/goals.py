"""Toon eigenaarschap: goals, consent rounds, results, commitments and accountability."""

from typing import TYPE_CHECKING
from uuid import UUID

from django.utils.translation import gettext_lazy as _

from samen.collaborations.models import Collaboration, Partner, RoleKind
from samen.permissions.roles import _is_staff, roles_of
from samen.permissions.workspace import acts_for, is_contact, is_executive_for, is_facilitator, partners_acted_for

if TYPE_CHECKING:
    from samen.permissions.roles import Viewer

# --- goals (Toon eigenaarschap) ---
# Goals are written together by the partners' contacts; readers see adopted goals only.
# Consent is per partner organisation: ambtelijk contacts advise, the bestuurlijk contact decides.


def _facilitates(person: "Viewer", collaboration_id: UUID) -> bool:
    return _is_staff(person) or RoleKind.FACILITATOR in roles_of(person).kinds(collaboration_id)


def can_view_goal_drafts(person: "Viewer", collaboration: Collaboration) -> bool:
    """Drafts, running consent rounds and advice are for the people who work in the collaboration."""
    return is_contact(person, collaboration)


def can_write_goal(person: "Viewer", collaboration: Collaboration) -> bool:
    """Any partner contact (ambtelijk or bestuurlijk) drafts goals and proposes amendments."""
    return collaboration.workspace_active and bool(partners_acted_for(person, collaboration))


WRITE_GOAL_REFUSED = _("Alleen contactpersonen van een partner kunnen doelen opstellen en wijzigen.")


def can_write_for(person: "Viewer", partner: Partner) -> bool:
    """Write on behalf of ``partner``: goal texts, its benefit statement, its commitments."""
    return partner.is_current and acts_for(person, partner)


WRITE_FOR_REFUSED = _("U handelt in deze samenwerking niet namens een partner.")


def can_open_consent_round(person: "Viewer", collaboration: Collaboration) -> bool:
    """The facilitator or any partner contact puts a finished draft to the partners."""
    return collaboration.workspace_active and (
        is_facilitator(person, collaboration) or bool(partners_acted_for(person, collaboration))
    )


OPEN_CONSENT_ROUND_REFUSED = _(
    "Alleen de facilitator of een contactpersoon van een partner kan een instemmingsronde openen."
)


def can_advise(person: "Viewer", partner: Partner) -> bool:
    """Ambtelijk advice is given by the partner's ambtelijk contacts."""
    return partner.is_current and acts_for(person, partner, {RoleKind.OFFICIAL})


ADVISE_REFUSED = _("Alleen ambtelijk contactpersonen van een partner geven advies.")


def can_decide(person: "Viewer", partner: Partner) -> bool:
    """Only the partner's bestuurlijk contact decides for the partner."""
    return partner.is_current and is_executive_for(person, partner)


DECIDE_REFUSED = _("Alleen de bestuurlijk contactpersoon van een partner besluit namens die partner.")


def can_add_result(person: "Viewer", collaboration: Collaboration) -> bool:
    return can_write_goal(person, collaboration) or (
        collaboration.workspace_active and is_facilitator(person, collaboration)
    )


ADD_RESULT_REFUSED = _("Alleen de facilitator of een contactpersoon van een partner kan resultaten toevoegen.")


def can_record_progress(person: "Viewer", owner_partner: Partner) -> bool:
    """The owner partner's contacts (and the facilitator) report progress on a result."""
    return acts_for(person, owner_partner) or _facilitates(person, owner_partner.collaboration_id)


RECORD_PROGRESS_REFUSED = _("Alleen de eigenaar van dit resultaat (of de facilitator) kan voortgang melden.")


def can_update_commitment(person: "Viewer", partner: Partner) -> bool:
    return acts_for(person, partner) or _facilitates(person, partner.collaboration_id)


def can_raise_accountability(person: "Viewer", raising_partner: Partner, owner_partner: Partner) -> bool:
    """Any partner's contact may ask another partner about its commitment or result."""
    return can_write_for(person, raising_partner) and raising_partner.pk != owner_partner.pk


def can_reply_accountability(person: "Viewer", raised_by_partner: Partner, addressed_to: Partner) -> bool:
    return (
        acts_for(person, addressed_to)
        or acts_for(person, raised_by_partner)
        or _facilitates(person, addressed_to.collaboration_id)
    )


def can_close_accountability(person: "Viewer", raised_by_partner: Partner) -> bool:
    """The asking partner (or the facilitator) records the outcome."""
    return acts_for(person, raised_by_partner) or _facilitates(person, raised_by_partner.collaboration_id)
