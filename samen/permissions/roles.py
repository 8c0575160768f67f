"""A person's roles, loaded once per request, and the kinds of role that count as a contact."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from uuid import UUID

from samen.collaborations.models import Role, RoleKind

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from samen.accounts.models import Person

    type Viewer = Person | AnonymousUser  # whoever asks: request.user, signed in or not

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


def roles_of(person: "Viewer") -> Roles:
    """All roles of ``person``, cached on the person object for the rest of the request."""
    if not getattr(person, "is_authenticated", False) or person.pk is None:
        return Roles()
    cached: Roles | None = getattr(person, "_samen_roles", None)
    if cached is None:
        cached = Roles()
        for collaboration_id, partner_id, kind in Role.objects.filter(person_id=person.pk).values_list(
            "collaboration_id", "partner_id", "kind"
        ):
            cached.by_collaboration.setdefault(collaboration_id, set()).add((kind, partner_id))
        person._samen_roles = cached  # type: ignore[attr-defined]  # a cache for this request, on the user object
    return cached


def forget_roles(person: "Viewer") -> None:
    """Call after changing a person's roles within the same request."""
    if hasattr(person, "_samen_roles"):
        del person._samen_roles


def _is_staff(person: "Viewer") -> bool:
    return bool(getattr(person, "is_authenticated", False) and person.is_staff)


def rights_key(person: "Viewer", collaboration_id: UUID | None = None) -> str:
    """Everything the rules read of ``person``, as text: their roles (in one collaboration, or all of them),
    whether they are a beheerder, and their organisation.

    The key of a cached page fragment (``samen.core.fragments``) names it, so that people with other
    rights never get each other's fragment; people with the same key are treated alike by every rule.
    """
    if not getattr(person, "is_authenticated", False) or person.pk is None:
        return "anoniem"
    held = roles_of(person).by_collaboration
    ids = [collaboration_id] if collaboration_id is not None else list(held)
    roles = sorted((str(cid), kind, str(partner_id)) for cid in ids for kind, partner_id in held.get(cid, ()))
    return repr((_is_staff(person), getattr(person, "organisation_id", None), roles))
