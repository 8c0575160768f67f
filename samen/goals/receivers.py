"""Reactions to other areas' changes, connected in GoalsConfig.ready."""

from typing import Any

from samen.collaborations.models import Partner


def partner_saved(sender: type[Partner], instance: Partner, **kwargs: Any) -> None:
    """A partner that left no longer counts in a running consent round: settle the rounds it was holding up.

    Runs in the same transaction as the departure, so both stand or fall together.
    """
    if instance.left_on is None or instance.is_current:
        return
    from samen.goals.services import settle_rounds_after_departure

    settle_rounds_after_departure(instance.collaboration_id)
