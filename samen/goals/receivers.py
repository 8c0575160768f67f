"""Reactions to other areas' changes, connected in GoalsConfig.ready."""

from typing import TYPE_CHECKING, Any

from samen.audit.services import record
from samen.collaborations.models import Partner
from samen.goals.choices import CommitmentStatus
from samen.goals.models.results import ACTIVE_COMMITMENT, Commitment

if TYPE_CHECKING:
    from samen.accounts.models import Person


def partner_left(sender: type[Partner], partner: Partner, by: "Person", reason: str, **kwargs: Any) -> None:
    """A partner that left no longer counts in a running consent round, and its open commitments lapse.

    Commitments are dropped (status "vervallen"), not handed over: who takes over an action is a
    choice for the remaining partners, who can make a new commitment. Each dropped commitment is
    audited. Runs in the transaction of the departure, so both stand or fall together.
    """
    from samen.goals.services import settle_rounds_after_departure

    commitments = list(
        Commitment.objects.filter(partner=partner, status__in=ACTIVE_COMMITMENT).select_related("goal__collaboration")
    )
    for commitment in commitments:
        before = {"status": commitment.status}
        commitment.status = CommitmentStatus.DROPPED
        commitment.save(update_fields=["status"])
        record(
            by,
            "goal.commitment_status",
            commitment,
            collaboration=commitment.goal.collaboration,
            before=before,
            after={"status": CommitmentStatus.DROPPED, "because": "partner.left", "reason": reason},
        )
    settle_rounds_after_departure(partner.collaboration_id)
