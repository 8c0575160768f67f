"""Every rule about who may see or do what in a collaboration, in one place.

Views, services and the API ask these functions and nothing else. A person's
roles are loaded once per request (see ``roles_of``), so asking many rules on
one page costs one query.

Levels, from least to most:
- any signed-in person sees the public register facts of every collaboration;
- a *reader* (councillor, griffier) sees published things of the collaborations
  of their own organisation;
- a *contact* (ambtelijk or bestuurlijk) works in the workspace for their partner;
- a *facilitator* runs the collaboration: invites, manages roles, sees the audit log.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _

from samen.collaborations.models import Collaboration, Partner, Role, RoleKind

if TYPE_CHECKING:
    from samen.accounts.models import Person

CONTACT_KINDS = frozenset({RoleKind.OFFICIAL, RoleKind.EXECUTIVE})


@dataclass
class Roles:
    """The roles one person holds, indexed by collaboration id."""

    by_collaboration: dict[UUID, set[tuple[str, UUID | None]]] = field(default_factory=dict)

    def kinds(self, collaboration_id: UUID) -> set[str]:
        return {kind for kind, _ in self.by_collaboration.get(collaboration_id, set())}

    def partner_ids(self, collaboration_id: UUID, kinds: Iterable[str]) -> set[UUID]:
        wanted = set(kinds)
        return {
            partner_id
            for kind, partner_id in self.by_collaboration.get(collaboration_id, set())
            if kind in wanted and partner_id is not None
        }


def roles_of(person: Any) -> Roles:
    """All roles of ``person``, cached on the person object for the rest of the request."""
    if not getattr(person, "is_authenticated", False):
        return Roles()
    cached: Roles | None = getattr(person, "_samen_roles", None)
    if cached is None:
        cached = Roles()
        for collaboration_id, partner_id, kind in Role.objects.filter(person=person).values_list(
            "collaboration_id", "partner_id", "kind"
        ):
            cached.by_collaboration.setdefault(collaboration_id, set()).add((kind, partner_id))
        person._samen_roles = cached
    return cached


def forget_roles(person: Any) -> None:
    """Call after changing a person's roles within the same request."""
    if hasattr(person, "_samen_roles"):
        del person._samen_roles


def _is_staff(person: Any) -> bool:
    return bool(getattr(person, "is_authenticated", False) and person.is_staff)


# --- seeing ---------------------------------------------------------------------------


def can_view_register(person: Any) -> bool:
    """The national register is public information; any signed-in person may search it."""
    return bool(getattr(person, "is_authenticated", False))


def sees_every_collaboration(person: Any) -> bool:
    return _is_staff(person)


def can_view_collaboration(person: Any, collaboration: Collaboration) -> bool:
    """A collaboration's facts (name, purpose, partners).

    Register facts are public: anyone signed in sees a collaboration from the national register. A
    collaboration that is not in the register (a convenant someone created) is visible only to people
    with a role in it. ``CollaborationQuerySet.visible_to`` is the same rule as a query.
    """
    if not can_view_register(person):
        return False
    return (
        collaboration.in_register or sees_every_collaboration(person) or bool(roles_of(person).kinds(collaboration.pk))
    )


def can_view_workspace(person: Any, collaboration: Collaboration) -> bool:
    """Anyone with a role (readers included) sees the workspace of an active collaboration."""
    if not collaboration.workspace_active:
        return False
    return _is_staff(person) or bool(roles_of(person).kinds(collaboration.pk))


def is_contact(person: Any, collaboration: Collaboration) -> bool:
    """Facilitators and partner contacts work in the collaboration; readers only read."""
    if not collaboration.workspace_active:
        return False
    kinds = roles_of(person).kinds(collaboration.pk)
    return bool(kinds & (CONTACT_KINDS | {RoleKind.FACILITATOR}))


def is_facilitator(person: Any, collaboration: Collaboration) -> bool:
    return _is_staff(person) or RoleKind.FACILITATOR in roles_of(person).kinds(collaboration.pk)


def can_view_people(person: Any, collaboration: Collaboration) -> bool:
    return is_contact(person, collaboration) or (collaboration.workspace_active and _is_staff(person))


def can_view_audit_log(person: Any, collaboration: Collaboration) -> bool:
    return collaboration.workspace_active and is_facilitator(person, collaboration)


# --- acting ---------------------------------------------------------------------------


def can_activate(person: Any, collaboration: Collaboration) -> bool:
    """A register GR becomes a workspace when someone of a partner (or of its GR body) starts it."""
    if collaboration.workspace_active or not getattr(person, "is_authenticated", False):
        return False
    if _is_staff(person):
        return True
    organisation_id = getattr(person, "organisation_id", None)
    if organisation_id is None:
        return False
    if collaboration.body_id == organisation_id:
        return True
    return collaboration.partners.current().filter(organisation_id=organisation_id).exists()


def can_create_collaboration(person: Any) -> bool:
    """Anyone who belongs to an organisation may start a convenant, DVO or informal collaboration."""
    return _is_staff(person) or bool(getattr(person, "organisation_id", None))


def can_manage(person: Any, collaboration: Collaboration) -> bool:
    """Invite people, give and take roles, change the collaboration's facts."""
    return collaboration.workspace_active and is_facilitator(person, collaboration)


def can_change_partners(person: Any, collaboration: Collaboration) -> bool:
    """Record that a partner joins or leaves: the facilitator (the register import does so for register facts)."""
    return can_manage(person, collaboration)


CHANGE_PARTNERS_REFUSED = _("Alleen de facilitator kan vastleggen dat een partner toetreedt of uittreedt.")


def acts_for(person: Any, partner: Partner, kinds: Iterable[str] = CONTACT_KINDS) -> bool:
    """Whether ``person`` acts on behalf of ``partner`` in one of ``kinds``."""
    return partner.pk in roles_of(person).partner_ids(partner.collaboration_id, kinds)


def partners_acted_for(person: Any, collaboration: Collaboration, kinds: Iterable[str] = CONTACT_KINDS) -> set[UUID]:
    return roles_of(person).partner_ids(collaboration.pk, kinds)


def is_executive_for(person: Any, partner: Partner) -> bool:
    return acts_for(person, partner, {RoleKind.EXECUTIVE})


# --- the entry point for views --------------------------------------------------------


def get_collaboration_for(request: HttpRequest, pk: Any, *, workspace: bool = True) -> Collaboration:
    """The collaboration ``pk`` if the person may see it, else 404 (never revealing it exists).

    ``workspace=False`` asks only for the collaboration's facts (public for register entries).
    """
    try:
        collaboration = Collaboration.objects.select_related("body").get(pk=pk)
    except (Collaboration.DoesNotExist, ValueError, TypeError, ValidationError) as exc:
        raise Http404 from exc
    person = request.user
    allowed = can_view_workspace(person, collaboration) if workspace else can_view_collaboration(person, collaboration)
    if not allowed:
        raise Http404
    return collaboration


def visible_collaboration_ids(person: "Person") -> set[UUID]:
    return {cid for cid, roles in roles_of(person).by_collaboration.items() if roles}


def may_be_told_about(pairs: Iterable[tuple[UUID, UUID]]) -> set[tuple[UUID, UUID]]:
    """Of ``(person_id, collaboration_id)`` pairs, those where the person may still get notifications
    about the collaboration: staff, or anyone holding a role in it. Two queries for any number of pairs."""
    from samen.accounts.models import Person

    wanted = set(pairs)
    if not wanted:
        return set()
    people = {person_id for person_id, _collaboration_id in wanted}
    staff = set(Person.objects.filter(pk__in=people, is_staff=True, is_active=True).values_list("pk", flat=True))
    roles = set(
        Role.objects.filter(person_id__in=people, collaboration_id__in={c for _p, c in wanted})
        .values_list("person_id", "collaboration_id")
        .distinct()
    )
    return {pair for pair in wanted if pair[0] in staff or pair in roles}


# --- api ---------------------------------------------------------------------------------


def can_use_api(person: Any) -> bool:
    """Every active, signed-in person may hold personal API tokens; the rules above decide what they see."""
    return bool(getattr(person, "is_authenticated", False) and getattr(person, "is_active", False))


def can_revoke_api_token(person: Any, token: Any) -> bool:
    """A token is personal: only its owner revokes it (revoking twice changes nothing)."""
    return can_use_api(person) and token.person_id == person.pk


def api_token_allows(token: Any, *, write: bool) -> bool:
    """A revoked token allows nothing; a read token only reads, a read-write token also changes things."""
    return token.revoked_at is None and (not write or bool(token.may_write))


# --- goals (Toon eigenaarschap) ---
# Goals are written together by the partners' contacts; readers see adopted goals only.
# Consent is per partner organisation: ambtelijk contacts advise, the bestuurlijk contact decides.


def _facilitates(person: Any, collaboration_id: UUID) -> bool:
    return _is_staff(person) or RoleKind.FACILITATOR in roles_of(person).kinds(collaboration_id)


def can_view_goal_drafts(person: Any, collaboration: Collaboration) -> bool:
    """Drafts, running consent rounds and advice are for the people who work in the collaboration."""
    return is_contact(person, collaboration)


def can_write_goal(person: Any, collaboration: Collaboration) -> bool:
    """Any partner contact (ambtelijk or bestuurlijk) drafts goals and proposes amendments."""
    return collaboration.workspace_active and bool(partners_acted_for(person, collaboration))


def can_write_for(person: Any, partner: Partner) -> bool:
    """Write on behalf of ``partner``: goal texts, its benefit statement, its commitments."""
    return partner.is_current and acts_for(person, partner)


def can_open_consent_round(person: Any, collaboration: Collaboration) -> bool:
    """The facilitator or any partner contact puts a finished draft to the partners."""
    return collaboration.workspace_active and (
        is_facilitator(person, collaboration) or bool(partners_acted_for(person, collaboration))
    )


def can_advise(person: Any, partner: Partner) -> bool:
    """Ambtelijk advice is given by the partner's ambtelijk contacts."""
    return partner.is_current and acts_for(person, partner, {RoleKind.OFFICIAL})


def can_decide(person: Any, partner: Partner) -> bool:
    """Only the partner's bestuurlijk contact decides for the partner."""
    return partner.is_current and is_executive_for(person, partner)


def can_add_result(person: Any, collaboration: Collaboration) -> bool:
    return can_write_goal(person, collaboration) or (
        collaboration.workspace_active and is_facilitator(person, collaboration)
    )


def can_record_progress(person: Any, owner_partner: Partner) -> bool:
    """The owner partner's contacts (and the facilitator) report progress on a result."""
    return acts_for(person, owner_partner) or _facilitates(person, owner_partner.collaboration_id)


def can_update_commitment(person: Any, partner: Partner) -> bool:
    return acts_for(person, partner) or _facilitates(person, partner.collaboration_id)


def can_raise_accountability(person: Any, raising_partner: Partner, owner_partner: Partner) -> bool:
    """Any partner's contact may ask another partner about its commitment or result."""
    return can_write_for(person, raising_partner) and raising_partner.pk != owner_partner.pk


def can_reply_accountability(person: Any, raised_by_partner: Partner, addressed_to: Partner) -> bool:
    return (
        acts_for(person, addressed_to)
        or acts_for(person, raised_by_partner)
        or _facilitates(person, addressed_to.collaboration_id)
    )


def can_close_accountability(person: Any, raised_by_partner: Partner) -> bool:
    """The asking partner (or the facilitator) records the outcome."""
    return acts_for(person, raised_by_partner) or _facilitates(person, raised_by_partner.collaboration_id)


# --- interests (Ben eerlijk) ---


def can_edit_ambitions(person: Any, collaboration: Collaboration) -> bool:
    """Ambitions are formulated together: the facilitator and every partner contact add and edit them."""
    return is_contact(person, collaboration)


def can_remove_ambition(person: Any, collaboration: Collaboration) -> bool:
    return can_manage(person, collaboration)


def can_pledge(person: Any, collaboration: Collaboration, partner: Partner) -> bool:
    """A partner's own contacts (ambtelijk or bestuurlijk) say what their organisation puts in."""
    return (
        collaboration.workspace_active
        and partner.collaboration_id == collaboration.pk
        and partner.is_current
        and acts_for(person, partner)
    )


def can_run_honesty_round(person: Any, collaboration: Collaboration) -> bool:
    """Open and close rounds, extend the motive and tension catalogues."""
    return can_manage(person, collaboration)


def can_draft_declaration(person: Any, collaboration: Collaboration, partner: Partner) -> bool:
    """Ambtelijk and bestuurlijk contacts draft their own partner's declaration, nobody else's."""
    return can_pledge(person, collaboration, partner)


def can_share_declaration(person: Any, collaboration: Collaboration, partner: Partner) -> bool:
    """Only the bestuurlijk contact confirms the declaration and shares it with the other partners."""
    return can_pledge(person, collaboration, partner) and is_executive_for(person, partner)


def can_decide_ground(person: Any, collaboration: Collaboration, partner: Partner) -> bool:
    """Go, go with conditions or no-go is a bestuurlijk decision of the partner."""
    return can_share_declaration(person, collaboration, partner)


def declaration_draft_partner_ids(person: Any, collaboration: Collaboration) -> set[UUID]:
    """The partners whose draft declarations ``person`` may see: only the ones they act for as a contact.

    Readers, the facilitator and staff see shared declarations only: drafts stay inside the partner.
    """
    if not collaboration.workspace_active:
        return set()
    return partners_acted_for(person, collaboration)


def can_view_declaration(person: Any, collaboration: Collaboration, declaration: Any) -> bool:
    if declaration.is_shared:
        return can_view_workspace(person, collaboration)
    return declaration.partner_id in declaration_draft_partner_ids(person, collaboration)


# --- health and reports ---
# The live health view and the crack radar are for the people who work in a collaboration;
# readers (councillors) see the health as published in an approved council digest. Council
# digests are drafted by the contacts, approved per partner by its bestuurlijk contact, and only
# then published to readers. Lists export to CSV/Excel for contacts; the complete JSON export and
# import (with drafts and every check-in answer) is for the installation's beheerders only.


def sees_live_health(person: Any, collaboration: Collaboration) -> bool:
    """Facilitators and partner contacts (and beheerders) see today's health and its cracks."""
    return is_contact(person, collaboration) or (collaboration.workspace_active and _is_staff(person))


def can_view_health(person: Any, collaboration: Collaboration) -> bool:
    """Everyone with a role opens the health page; readers see what was published."""
    return can_view_workspace(person, collaboration)


def can_view_organisation_portfolio(person: Any, organisation: Any) -> bool:
    """An organisation's portfolio is for its own people (and beheerders)."""
    if not getattr(person, "is_authenticated", False):
        return False
    return _is_staff(person) or getattr(person, "organisation_id", None) == organisation.pk


def can_view_digest_drafts(person: Any, collaboration: Collaboration) -> bool:
    """Drafts and digests awaiting approval stay inside; readers see published digests only."""
    return sees_live_health(person, collaboration)


def can_write_digest(person: Any, collaboration: Collaboration) -> bool:
    """The facilitator and the partner contacts draft the council digest and plan its moments."""
    return is_contact(person, collaboration)


def can_approve_digest(person: Any, partner: Partner) -> bool:
    """A partner's bestuurlijk contact approves the digest on behalf of that partner."""
    return partner.is_current and is_executive_for(person, partner)


def can_publish_digest(person: Any, collaboration: Collaboration) -> bool:
    """The facilitator or a bestuurlijk contact publishes a digest once every partner approved it."""
    return collaboration.workspace_active and (
        is_facilitator(person, collaboration) or bool(partners_acted_for(person, collaboration, {RoleKind.EXECUTIVE}))
    )


def can_plan_digest_moments(person: Any, collaboration: Collaboration) -> bool:
    return can_manage(person, collaboration)


def can_export_lists(person: Any, collaboration: Collaboration) -> bool:
    """CSV and Excel of the lists (aggregates only for check-ins) for the people who work in it."""
    return sees_live_health(person, collaboration)


def can_export_collaboration(person: Any, collaboration: Collaboration) -> bool:
    """The complete export holds drafts and individual check-in answers: beheerders only."""
    return _is_staff(person)


def can_import_collaboration(person: Any) -> bool:
    return _is_staff(person)


# --- successes (Erken en vier successen) ---


def can_record_success(person: Any, collaboration: Collaboration) -> bool:
    """Any partner contact, and the facilitator, records successes and puts people in the sun."""
    return is_contact(person, collaboration)


def can_view_internal_successes(person: Any, collaboration: Collaboration) -> bool:
    """Readers (councillors) see only public successes; the people who work in it see all of them."""
    return is_contact(person, collaboration) or (collaboration.workspace_active and _is_staff(person))


def can_view_success(person: Any, success: Any) -> bool:
    collaboration = success.collaboration
    if success.is_public:
        return can_view_workspace(person, collaboration)
    return can_view_internal_successes(person, collaboration)


def can_edit_success(person: Any, success: Any, partner_ids: Iterable[UUID]) -> bool:
    """Whoever recorded it, the facilitator, or a contact of one of the partners involved."""
    collaboration = success.collaboration
    if not is_contact(person, collaboration):
        return False
    if success.recorded_by_id == getattr(person, "pk", None) or is_facilitator(person, collaboration):
        return True
    return bool(partners_acted_for(person, collaboration) & set(partner_ids))


def can_publish_success(person: Any, collaboration: Collaboration, partner_ids: Iterable[UUID]) -> bool:
    """Only a bestuurlijk contact of a partner involved decides that a success may go outside."""
    if not collaboration.workspace_active:
        return False
    return bool(partners_acted_for(person, collaboration, {RoleKind.EXECUTIVE}) & set(partner_ids))


def can_give_spotlight(person: Any, collaboration: Collaboration) -> bool:
    return is_contact(person, collaboration)


def can_celebrate(person: Any, collaboration: Collaboration) -> bool:
    """See what was reached but not yet celebrated, and celebrate it."""
    return is_contact(person, collaboration)


def can_make_success_brief(person: Any, collaboration: Collaboration) -> bool:
    """The brief holds only public successes, so everyone who sees the workspace may make it."""
    return can_view_workspace(person, collaboration)


# --- notifications ---------------------------------------------------------------------


def can_change_notification_preferences(person: Any, owner: Any) -> bool:
    """Preferences and the calendar link are personal: only the person themselves changes them."""
    return bool(getattr(person, "is_authenticated", False)) and getattr(person, "pk", None) == getattr(owner, "pk", "")


def can_view_mail_delivery(person: Any) -> bool:
    """Staff see mails that could not be sent, with the reason, and can try them again."""
    return _is_staff(person)


# --- experiences (Deel ervaringen) ---
# Agreements are the collaboration's rules: everyone in the workspace (readers too) reads them.
# Readings, signals, deviations and check-ins are the partners' own conversation: contacts and
# the facilitator only. Check-in answers are never shown one by one (see samen.experiences.results).


def can_view_agreements(person: Any, collaboration: Collaboration) -> bool:
    return can_view_workspace(person, collaboration)


def can_manage_agreements(person: Any, collaboration: Collaboration) -> bool:
    """Import agreements and edit their articles: the facilitator and every partner contact."""
    return is_contact(person, collaboration)


def can_view_experiences(person: Any, collaboration: Collaboration) -> bool:
    """Readings, signals, deviations and check-ins."""
    return is_contact(person, collaboration)


def can_record_reading(person: Any, collaboration: Collaboration, partner: Partner) -> bool:
    """How a partner reads an article is written by a contact of that (current) partner."""
    return (
        is_contact(person, collaboration)
        and partner.collaboration_id == collaboration.pk
        and partner.is_current
        and acts_for(person, partner)
    )


def can_raise_signal(person: Any, collaboration: Collaboration, from_partner: Partner | None) -> bool:
    """A contact raises a signal for their partner; the facilitator raises one for the collaboration."""
    if not is_contact(person, collaboration):
        return False
    if from_partner is None:
        return is_facilitator(person, collaboration)
    return from_partner.collaboration_id == collaboration.pk and acts_for(person, from_partner)


def can_view_signal(person: Any, collaboration: Collaboration, signal: Any) -> bool:
    """Signals to everyone are seen by all contacts; others by sender, addressee and facilitator."""
    if not is_contact(person, collaboration) or signal.collaboration_id != collaboration.pk:
        return False
    if is_facilitator(person, collaboration) or signal.addressee == "iedereen":
        return True
    mine = partners_acted_for(person, collaboration)
    return signal.from_partner_id in mine or (signal.addressee == "partner" and signal.addressee_partner_id in mine)


def can_reply_to_signal(person: Any, collaboration: Collaboration, signal: Any) -> bool:
    return signal.status != "afgerond" and can_view_signal(person, collaboration, signal)


def can_change_signal_status(person: Any, collaboration: Collaboration, signal: Any) -> bool:
    """The facilitator, the partner that raised it, and the partner it is addressed to."""
    if not can_view_signal(person, collaboration, signal):
        return False
    if is_facilitator(person, collaboration):
        return True
    mine = partners_acted_for(person, collaboration)
    return signal.from_partner_id in mine or signal.addressee_partner_id in mine


def can_announce_deviation(person: Any, collaboration: Collaboration, partner: Partner) -> bool:
    """Only the partner itself announces that it deviates from an agreement."""
    return can_record_reading(person, collaboration, partner)


def can_acknowledge_deviation(person: Any, collaboration: Collaboration, partner: Partner) -> bool:
    """A contact of another partner takes note of an announced deviation for their partner."""
    return can_record_reading(person, collaboration, partner)


def can_schedule_checkins(person: Any, collaboration: Collaboration) -> bool:
    return collaboration.workspace_active and is_facilitator(person, collaboration)


def can_answer_checkin(person: Any, collaboration: Collaboration, partner: Partner) -> bool:
    """Each contact of a partner answers; the facilitator and readers do not."""
    return can_record_reading(person, collaboration, partner)


def can_view_checkin_results(person: Any, collaboration: Collaboration) -> bool:
    """Aggregated results only (the anonymity rule decides which figures are shown)."""
    return is_contact(person, collaboration)


# --- events for other systems (webhooks) -----------------------------------------------

WEBHOOKS_REFUSAL = _("Alleen de facilitator van deze samenwerking beheert de webhooks.")


def can_manage_webhooks(person: Any, collaboration: Collaboration) -> bool:
    """The facilitator registers other systems that hear about this collaboration's events.

    A subscription delivers only while its owner still may do this: when the owner loses the
    facilitator role (or their account is switched off), deliveries stop.
    """
    return can_manage(person, collaboration)


# --- te doen (what needs a person now) ---------------------------------------------------
# The to-do list asks these across many collaborations at once, by id, from the roles already
# loaded: a person sees only what their own partners (or, as facilitator, their collaboration)
# must do, never another partner's to-do.


def works_in(person: Any, collaboration_id: UUID) -> bool:
    """Facilitators and partner contacts have things to do; a reader only reads what was published."""
    return bool(roles_of(person).kinds(collaboration_id) & (CONTACT_KINDS | {RoleKind.FACILITATOR}))


def todo_partner_ids(person: Any, collaboration_ids: Iterable[UUID], kinds: Iterable[str] = CONTACT_KINDS) -> set[UUID]:
    """The partners whose open actions ``person`` sees: only the ones they act for in ``kinds``."""
    roles, wanted = roles_of(person), set(kinds)
    return {pid for cid in collaboration_ids for pid in roles.partner_ids(cid, wanted)}


def facilitated_ids(person: Any, collaboration_ids: Iterable[UUID]) -> set[UUID]:
    """The collaborations ``person`` runs as facilitator: signals to the facilitator, every celebration."""
    roles = roles_of(person)
    return {cid for cid in collaboration_ids if RoleKind.FACILITATOR in roles.kinds(cid)}


def can_view_activity(person: Any, collaboration: Collaboration) -> bool:
    """The latest activity on the overview, for the people who work in it (readers get what was published)."""
    return is_contact(person, collaboration)


# --- raadsgrip (samen.council): the P&C cycle, zienswijzen, key figures, BBV paragraph ---
# The facilitator keeps the cycle (the GR body's documents, own moments, figures) and records the
# body's reaction per zienswijze. A zienswijze is the council's: it is entered for a partner by that
# partner's contacts or its readers (RoleKind.READER covers the griffie and councillors). A draft is
# seen only inside that partner until it is adopted; then everyone in the collaboration sees it.

ZIENSWIJZE_KINDS = CONTACT_KINDS | {RoleKind.READER}


def can_view_cycle(person: Any, collaboration: Collaboration) -> bool:
    """The calendar, the documents and the key figures are for everyone with a role (readers included)."""
    return can_view_workspace(person, collaboration)


def can_keep_cycle(person: Any, collaboration: Collaboration) -> bool:
    """Record documents, own moments and key figures, and send reminders: the facilitator."""
    return can_manage(person, collaboration)


def can_write_zienswijze(person: Any, partner: Partner) -> bool:
    """A partner's contacts or griffie (reader role) enter and adopt that council's zienswijze, nobody else's."""
    return partner.is_current and acts_for(person, partner, ZIENSWIJZE_KINDS)


def zienswijze_draft_partner_ids(person: Any, collaboration: Collaboration) -> set[UUID]:
    """The partners whose draft zienswijzen ``person`` may see: only those they act for."""
    if not collaboration.workspace_active:
        return set()
    return partners_acted_for(person, collaboration, ZIENSWIJZE_KINDS)


def can_view_zienswijze(person: Any, collaboration: Collaboration, zienswijze: Any) -> bool:
    if zienswijze.is_adopted:
        return can_view_workspace(person, collaboration)
    return zienswijze.partner_id in zienswijze_draft_partner_ids(person, collaboration)


def can_respond_to_zienswijze(person: Any, collaboration: Collaboration) -> bool:
    """The GR body's reaction ("wat is ermee gedaan") is recorded by the facilitator."""
    return can_manage(person, collaboration)


def can_view_bbv_paragraph(person: Any, organisation: Any) -> bool:
    """A municipality's paragraph on verbonden partijen is for its own people (and beheerders)."""
    return can_view_organisation_portfolio(person, organisation)
