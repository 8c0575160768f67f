"""Pages of the goals area. Each parses input, calls one service and renders; the rules live elsewhere."""

from samen.goals.views.accountability import (
    accountability,
    accountability_close,
    accountability_reply,
    new_accountability,
)
from samen.goals.views.consent import adopt, advice, decision, open_round
from samen.goals.views.goals import amend, benefit, draft, goal, new_goal, overview
from samen.goals.views.results import commitment_status, new_commitment, new_result, result

__all__ = [
    "accountability",
    "accountability_close",
    "accountability_reply",
    "adopt",
    "advice",
    "amend",
    "benefit",
    "commitment_status",
    "decision",
    "draft",
    "goal",
    "new_accountability",
    "new_commitment",
    "new_goal",
    "new_result",
    "open_round",
    "overview",
    "result",
]
