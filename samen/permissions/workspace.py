"""Seeing and acting in a collaboration; the entry point for views; the API, notifications, webhooks, to-do."""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _

from samen.collaborations.models import Collaboration, Partner, Role, RoleKind
from samen.permissions.roles import CONTACT_KINDS, _is_staff, roles_of

if TYPE_CHECKING:
    from samen.accounts.models import Person
    from samen.permissions.roles import Viewer


# --- seeing ---------------------------------------------------------------------------


def can_view_register(person: "Viewer") -> bool:
    """The national register is public information; any signed-in person may search it."""
    return bool(getattr(person, "is_authenticated", False))


def sees_every_collaboration(person: "Viewer") -> bool:
    return _is_staff(person)


def can_view_collaboration(person: "Viewer", collaboration: Collaboration) -> bool:
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


def can_view_workspace(person: "Viewer", collaboration: Collaboration) -> bool:
    """Anyone with a role (readers included) sees the workspace of an active collaboration."""
    if not collaboration.workspace_active:
        return False
    return _is_staff(person) or bool(roles_of(person).kinds(collaboration.pk))


def is_contact(person: "Viewer", collaboration: Collaboration) -> bool:
    """Facilitators and partner contacts work in the collaboration; readers only read."""
    if not collaboration.workspace_active:
        return False
    kinds = roles_of(person).kinds(collaboration.pk)
    return bool(kinds & (CONTACT_KINDS | {RoleKind.FACILITATOR}))


def is_facilitator(person: "Viewer", collaboration: Collaboration) -> bool:
    return _is_staff(person) or RoleKind.FACILITATOR in roles_of(person).kinds(collaboration.pk)


def can_view_people(person: "Viewer", collaboration: Collaboration) -> bool:
    return is_contact(person, collaboration) or (collaboration.workspace_active and _is_staff(person))


def can_view_audit_log(person: "Viewer", collaboration: Collaboration) -> bool:
    return collaboration.workspace_active and is_facilitator(person, collaboration)


# --- acting ---------------------------------------------------------------------------


def can_activate(person: "Viewer", collaboration: Collaboration) -> bool:
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


def can_create_collaboration(person: "Viewer") -> bool:
    """Anyone who belongs to an organisation may start a convenant, DVO or informal collaboration."""
    return _is_staff(person) or bool(getattr(person, "organisation_id", None))


def can_manage(person: "Viewer", collaboration: Collaboration) -> bool:
    """Invite people, give and take roles, change the collaboration's facts."""
    return collaboration.workspace_active and is_facilitator(person, collaboration)


def can_change_partners(person: "Viewer", collaboration: Collaboration) -> bool:
    """Record that a partner joins or leaves: the facilitator (the register import does so for register facts)."""
    return can_manage(person, collaboration)


CHANGE_PARTNERS_REFUSED = _("Alleen de facilitator kan vastleggen dat een partner toetreedt of uittreedt.")


def acts_for(person: "Viewer", partner: Partner, kinds: Iterable[str] = CONTACT_KINDS) -> bool:
    """Whether ``person`` acts on behalf of ``partner`` in one of ``kinds``."""
    return partner.pk in roles_of(person).partner_ids(partner.collaboration_id, kinds)


def partners_acted_for(
    person: "Viewer", collaboration: Collaboration, kinds: Iterable[str] = CONTACT_KINDS
) -> set[UUID]:
    return roles_of(person).partner_ids(collaboration.pk, kinds)


def is_executive_for(person: "Viewer", partner: Partner) -> bool:
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


def can_use_api(person: "Viewer") -> bool:
    """Every active, signed-in person may hold personal API tokens; the rules above decide what they see."""
    return bool(getattr(person, "is_authenticated", False) and getattr(person, "is_active", False))


def can_revoke_api_token(person: "Viewer", token: Any) -> bool:
    """A token is personal: only its owner revokes it (revoking twice changes nothing)."""
    return can_use_api(person) and token.person_id == person.pk


def api_token_allows(token: Any, *, write: bool) -> bool:
    """A revoked token allows nothing; a read token only reads, a read-write token also changes things."""
    return token.revoked_at is None and (not write or bool(token.may_write))


# --- notifications ---------------------------------------------------------------------


def can_change_notification_preferences(person: "Viewer", owner: Any) -> bool:
    """Preferences and the calendar link are personal: only the person themselves changes them."""
    return bool(getattr(person, "is_authenticated", False)) and getattr(person, "pk", None) == getattr(owner, "pk", "")


def can_view_mail_delivery(person: "Viewer") -> bool:
    """Staff see mails that could not be sent, with the reason, and can try them again."""
    return _is_staff(person)


# --- events for other systems (webhooks) -----------------------------------------------

WEBHOOKS_REFUSAL = _("Alleen de facilitator van deze samenwerking beheert de webhooks.")


def can_manage_webhooks(person: "Viewer", collaboration: Collaboration) -> bool:
    """The facilitator registers other systems that hear about this collaboration's events.

    A subscription delivers only while its owner still may do this: when the owner loses the
    facilitator role (or their account is switched off), deliveries stop.
    """
    return can_manage(person, collaboration)


# --- te doen (what needs a person now) ---------------------------------------------------
# The to-do list asks these across many collaborations at once, by id, from the roles already
# loaded: a person sees only what their own partners (or, as facilitator, their collaboration)
# must do, never another partner's to-do.


def works_in(person: "Viewer", collaboration_id: UUID) -> bool:
    """Facilitators and partner contacts have things to do; a reader only reads what was published."""
    return bool(roles_of(person).kinds(collaboration_id) & (CONTACT_KINDS | {RoleKind.FACILITATOR}))


def todo_partner_ids(
    person: "Viewer", collaboration_ids: Iterable[UUID], kinds: Iterable[str] = CONTACT_KINDS
) -> set[UUID]:
    """The partners whose open actions ``person`` sees: only the ones they act for in ``kinds``."""
    roles, wanted = roles_of(person), set(kinds)
    return {pid for cid in collaboration_ids for pid in roles.partner_ids(cid, wanted)}


def facilitated_ids(person: "Viewer", collaboration_ids: Iterable[UUID]) -> set[UUID]:
    """The collaborations ``person`` runs as facilitator: signals to the facilitator, every celebration."""
    roles = roles_of(person)
    return {cid for cid in collaboration_ids if RoleKind.FACILITATOR in roles.kinds(cid)}


def can_view_activity(person: "Viewer", collaboration: Collaboration) -> bool:
    """The latest activity on the overview, for the people who work in it (readers get what was published)."""
    return is_contact(person, collaboration)
