"""Health, the organisation portfolio, council digests and exports."""

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from samen.collaborations.models import Collaboration, Partner, RoleKind
from samen.permissions.roles import _is_staff
from samen.permissions.workspace import (
    can_manage,
    can_view_workspace,
    is_contact,
    is_executive_for,
    is_facilitator,
    partners_acted_for,
)

if TYPE_CHECKING:
    from samen.permissions.roles import Viewer

# --- health and reports ---
# The live health view and the crack radar are for the people who work in a collaboration;
# readers (councillors) see the health as published in an approved council digest. Council
# digests are drafted by the contacts, approved per partner by its bestuurlijk contact, and only
# then published to readers. Lists export to CSV/Excel for contacts; the complete JSON export and
# import (with drafts and every check-in answer) is for the installation's beheerders only.


def sees_live_health(person: "Viewer", collaboration: Collaboration) -> bool:
    """Facilitators and partner contacts (and beheerders) see today's health and its cracks."""
    return is_contact(person, collaboration) or (collaboration.workspace_active and _is_staff(person))


def can_view_health(person: "Viewer", collaboration: Collaboration) -> bool:
    """Everyone with a role opens the health page; readers see what was published."""
    return can_view_workspace(person, collaboration)


def can_view_organisation_portfolio(person: "Viewer", organisation: Any) -> bool:
    """An organisation's portfolio is for its own people (and beheerders)."""
    if not getattr(person, "is_authenticated", False):
        return False
    return _is_staff(person) or getattr(person, "organisation_id", None) == organisation.pk


def can_view_digest_drafts(person: "Viewer", collaboration: Collaboration) -> bool:
    """Drafts and digests awaiting approval stay inside; readers see published digests only."""
    return sees_live_health(person, collaboration)


def can_write_digest(person: "Viewer", collaboration: Collaboration) -> bool:
    """The facilitator and the partner contacts draft the council digest and plan its moments."""
    return is_contact(person, collaboration)


WRITE_DIGEST_REFUSED = _("Alleen de facilitator en de contactpersonen van de partners bewerken een raadsbrief.")


def can_approve_digest(person: "Viewer", partner: Partner) -> bool:
    """A partner's bestuurlijk contact approves the digest on behalf of that partner."""
    return partner.is_current and is_executive_for(person, partner)


def can_publish_digest(person: "Viewer", collaboration: Collaboration) -> bool:
    """The facilitator or a bestuurlijk contact publishes a digest once every partner approved it."""
    return collaboration.workspace_active and (
        is_facilitator(person, collaboration) or bool(partners_acted_for(person, collaboration, {RoleKind.EXECUTIVE}))
    )


def can_plan_digest_moments(person: "Viewer", collaboration: Collaboration) -> bool:
    return can_manage(person, collaboration)


PLAN_DIGEST_MOMENTS_REFUSED = _("Alleen de facilitator plant de raadsbrieven in de P&C-cyclus.")


def can_export_lists(person: "Viewer", collaboration: Collaboration) -> bool:
    """CSV and Excel of the lists (aggregates only for check-ins) for the people who work in it."""
    return sees_live_health(person, collaboration)


EXPORT_LISTS_REFUSED = _(
    "Exports zijn er voor de facilitator en de contactpersonen van de partners. Als lezer ziet u de "
    "gepubliceerde raadsbrieven; die kunt u als PDF bewaren."
)


def can_export_collaboration(person: "Viewer", collaboration: Collaboration) -> bool:
    """The complete export holds drafts and individual check-in answers: beheerders only."""
    return _is_staff(person)


def can_import_collaboration(person: "Viewer") -> bool:
    return _is_staff(person)


IMPORT_COLLABORATION_REFUSED = _("Alleen een beheerder van deze installatie kan een samenwerking importeren.")
