"""Every state change of goals, consent, results, commitments and accountability: one function per action.

Each checks its rule in ``samen.permissions`` (section "goals"), validates with Dutch
messages, writes in one transaction and records an audit event.
"""

from samen.goals.services.accountability import (
    close_accountability_request,
    raise_accountability_request,
    reply_to_accountability_request,
)
from samen.goals.services.common import acting_partner
from samen.goals.services.consent import (
    adopt_goal,
    open_consent_round,
    record_advice,
    record_decision,
    round_tally,
    settle_rounds_after_departure,
)
from samen.goals.services.drafting import create_goal, propose_amendment, save_draft, state_benefit
from samen.goals.services.results import add_commitment, add_result, record_progress, update_commitment_status

__all__ = [
    "acting_partner",
    "add_commitment",
    "add_result",
    "adopt_goal",
    "close_accountability_request",
    "create_goal",
    "open_consent_round",
    "propose_amendment",
    "raise_accountability_request",
    "record_advice",
    "record_decision",
    "record_progress",
    "reply_to_accountability_request",
    "round_tally",
    "save_draft",
    "settle_rounds_after_departure",
    "state_benefit",
    "update_commitment_status",
]
