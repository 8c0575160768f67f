"""Deel ervaringen: agreements, readings, signals, deviations and check-ins."""

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from samen.collaborations.models import Collaboration, Partner
from samen.permissions.workspace import acts_for, can_view_workspace, is_contact, is_facilitator, partners_acted_for

if TYPE_CHECKING:
    from samen.permissions.roles import Viewer

# --- experiences (Deel ervaringen) ---
# Agreements are the collaboration's rules: everyone in the workspace (readers too) reads them.
# Readings, signals, deviations and check-ins are the partners' own conversation: contacts and
# the facilitator only. Check-in answers are never shown one by one (see samen.experiences.results).


def can_view_agreements(person: "Viewer", collaboration: Collaboration) -> bool:
    return can_view_workspace(person, collaboration)


MANAGE_AGREEMENTS_REFUSED = _("Alleen de facilitator en contactpersonen van partners leggen afspraken vast.")


def can_manage_agreements(person: "Viewer", collaboration: Collaboration) -> bool:
    """Import agreements and edit their articles: the facilitator and every partner contact."""
    return is_contact(person, collaboration)


def can_view_experiences(person: "Viewer", collaboration: Collaboration) -> bool:
    """Readings, signals, deviations and check-ins."""
    return is_contact(person, collaboration)


def can_record_reading(person: "Viewer", collaboration: Collaboration, partner: Partner) -> bool:
    """How a partner reads an article is written by a contact of that (current) partner."""
    return (
        is_contact(person, collaboration)
        and partner.collaboration_id == collaboration.pk
        and partner.is_current
        and acts_for(person, partner)
    )


def can_raise_signal(person: "Viewer", collaboration: Collaboration, from_partner: Partner | None) -> bool:
    """A contact raises a signal for their partner; the facilitator raises one for the collaboration."""
    if not is_contact(person, collaboration):
        return False
    if from_partner is None:
        return is_facilitator(person, collaboration)
    return from_partner.collaboration_id == collaboration.pk and acts_for(person, from_partner)


RAISE_SIGNAL_REFUSED = _("Alleen contactpersonen van een partner en de facilitator geven signalen.")


def can_view_signal(person: "Viewer", collaboration: Collaboration, signal: Any) -> bool:
    """Signals to everyone are seen by all contacts; others by sender, addressee and facilitator."""
    if not is_contact(person, collaboration) or signal.collaboration_id != collaboration.pk:
        return False
    if is_facilitator(person, collaboration) or signal.addressee == "iedereen":
        return True
    mine = partners_acted_for(person, collaboration)
    return signal.from_partner_id in mine or (signal.addressee == "partner" and signal.addressee_partner_id in mine)


def can_reply_to_signal(person: "Viewer", collaboration: Collaboration, signal: Any) -> bool:
    return signal.status != "afgerond" and can_view_signal(person, collaboration, signal)


def can_change_signal_status(person: "Viewer", collaboration: Collaboration, signal: Any) -> bool:
    """The facilitator, the partner that raised it, and the partner it is addressed to."""
    if not can_view_signal(person, collaboration, signal):
        return False
    if is_facilitator(person, collaboration):
        return True
    mine = partners_acted_for(person, collaboration)
    return signal.from_partner_id in mine or signal.addressee_partner_id in mine


def can_announce_deviation(person: "Viewer", collaboration: Collaboration, partner: Partner) -> bool:
    """Only the partner itself announces that it deviates from an agreement."""
    return can_record_reading(person, collaboration, partner)


ANNOUNCE_DEVIATION_REFUSED = _("Alleen contactpersonen van een partner kondigen een afwijking aan.")


def can_acknowledge_deviation(person: "Viewer", collaboration: Collaboration, partner: Partner) -> bool:
    """A contact of another partner takes note of an announced deviation for their partner."""
    return can_record_reading(person, collaboration, partner)


def can_schedule_checkins(person: "Viewer", collaboration: Collaboration) -> bool:
    return collaboration.workspace_active and is_facilitator(person, collaboration)


SCHEDULE_CHECKINS_REFUSED = _("Alleen de facilitator plant check-ins.")


def can_answer_checkin(person: "Viewer", collaboration: Collaboration, partner: Partner) -> bool:
    """Each contact of a partner answers; the facilitator and readers do not."""
    return can_record_reading(person, collaboration, partner)


ANSWER_CHECKIN_REFUSED = _("Alleen contactpersonen van de partners vullen een check-in in.")


def can_view_checkin_results(person: "Viewer", collaboration: Collaboration) -> bool:
    """Aggregated results only (the anonymity rule decides which figures are shown)."""
    return is_contact(person, collaboration)
