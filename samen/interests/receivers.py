"""Reactions to other areas' changes, connected in InterestsConfig.ready."""

from typing import TYPE_CHECKING, Any

from django.utils import timezone

from samen.audit.services import record
from samen.collaborations.models import Partner
from samen.interests.models import Pledge

if TYPE_CHECKING:
    from samen.accounts.models import Person


def partner_left(sender: type[Partner], partner: Partner, by: "Person", reason: str, **kwargs: Any) -> None:
    """A partner that left puts nothing into the ambitions any more: its current pledges are closed.

    Closed as superseded (not deleted), so the pledge history of each ambition still shows what the
    partner once pledged. One audit event lists them. Runs in the transaction of the departure.
    """
    pledges = list(Pledge.objects.current().filter(partner=partner).select_related("ambition"))
    if not pledges:
        return
    Pledge.objects.filter(pk__in=[p.pk for p in pledges]).update(superseded_at=timezone.now())
    record(
        by,
        "interests.pledges_closed",
        partner,
        collaboration=partner.collaboration,
        after={"pledges": [str(p.ambition) for p in pledges], "because": "partner.left", "reason": reason},
    )
