"""Hooks other areas listen to (the successes area prompts a celebration on these).

Both are sent after the transaction that caused them has committed, so a receiver
never sees a goal or result that is rolled back afterwards.

``goal_adopted``: sender=Goal; kwargs ``goal``, ``version`` (the adopted GoalVersion),
``consent_round``, ``collaboration``.

``result_target_reached``: sender=Result; kwargs ``result``, ``progress_update`` (the
measurement that reached the target), ``collaboration``. Sent once per crossing: when a
result that had not reached its target does so with a new measurement.
"""

from django.dispatch import Signal

goal_adopted = Signal()
result_target_reached = Signal()
