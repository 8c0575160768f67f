"""What Ben eerlijk asks of a person now: their partner's declaration in an open honesty round."""

from collections.abc import Sequence
from typing import TYPE_CHECKING
from uuid import UUID

from django.urls import reverse
from django.utils.translation import gettext as _

from samen import permissions
from samen.collaborations.models import RoleKind
from samen.interests.models import Declaration, DeclarationStatus, HonestyRound
from samen.todo.items import Kind, TodoItem, acting_partners, item

if TYPE_CHECKING:
    from samen.accounts.models import Person


def open_actions(person: "Person", collaboration_ids: Sequence[UUID]) -> list[TodoItem]:
    """A declaration to draft (or, for the bestuurlijk contact, a draft to confirm and share). Three queries."""
    partners = acting_partners(person, collaboration_ids)
    if not partners:
        return []
    executive = permissions.todo_partner_ids(person, collaboration_ids, {RoleKind.EXECUTIVE})
    rounds = list(
        HonestyRound.objects.filter(
            collaboration_id__in={p.collaboration_id for p in partners.values()}, closed_at__isnull=True
        ).values_list("pk", "title", "deadline", "collaboration_id", "collaboration__name")
    )
    statuses = dict(
        ((round_id, partner_id), status)
        for round_id, partner_id, status in Declaration.objects.filter(
            round_id__in=[row[0] for row in rounds], partner_id__in=list(partners)
        ).values_list("round_id", "partner_id", "status")
    )
    found = []
    for round_id, title, deadline, collaboration_id, collaboration_name in rounds:
        for partner in partners.values():
            if partner.collaboration_id != collaboration_id:
                continue
            status = statuses.get((round_id, partner.id))
            if status == DeclarationStatus.SHARED:
                continue
            if status == DeclarationStatus.DRAFT and partner.id in executive:
                kind, text = Kind.DECLARATION_CONFIRM, _("Bevestig en deel de verklaring van %(partner)s (%(round)s)")
            else:
                kind, text = Kind.DECLARATION_DRAFT, _("Stel de verklaring van %(partner)s op (%(round)s)")
            url = reverse("interests:declaration", args=[collaboration_id, round_id, partner.id])
            found.append(
                item(
                    kind,
                    text % {"partner": partner.name, "round": title},
                    collaboration_id,
                    collaboration_name,
                    url,
                    deadline,
                )
            )
    return found
