"""Reactions to other apps' changes, connected in AccountsConfig.ready."""

from typing import TYPE_CHECKING, Any

from django.utils import timezone

from samen.accounts.models import Invitation
from samen.audit.services import record
from samen.collaborations.models import Partner

if TYPE_CHECKING:
    from samen.accounts.models import Person


def partner_left(sender: type[Partner], partner: Partner, by: "Person", reason: str, **kwargs: Any) -> None:
    """Nobody can still join on behalf of a partner that left: its open invitations are revoked (audited)."""
    invitations = list(Invitation.objects.open().filter(partner=partner))
    if not invitations:
        return
    Invitation.objects.filter(pk__in=[i.pk for i in invitations]).update(revoked_at=timezone.now())
    for invitation in invitations:
        record(
            by,
            "invitation.revoked",
            invitation,
            collaboration=partner.collaboration,
            after={"email": invitation.email, "because": "partner.left", "reason": reason},
        )
