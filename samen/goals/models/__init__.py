"""Toon eigenaarschap: goals written together, consent per partner, results, commitments, accountability."""

from samen.goals.choices import (
    AdviceKind,
    CommitmentStatus,
    DecisionKind,
    GoalState,
    Outcome,
    RequestStatus,
    ResultStatus,
    RoundStatus,
    VersionStatus,
)
from samen.goals.models.accountability import AccountabilityReply, AccountabilityRequest
from samen.goals.models.consent import (
    Advice,
    Benefit,
    ConsentRound,
    Decision,
    PartnerTally,
    Tally,
    tally,
)
from samen.goals.models.goals import Goal, GoalEdit, GoalVersion
from samen.goals.models.overview import GoalSummary, overview_summaries
from samen.goals.models.results import (
    AT_RISK_RATIO,
    ON_TRACK_RATIO,
    TOO_EARLY_SHARE,
    Commitment,
    ProgressUpdate,
    Result,
    result_reached,
    result_status,
)

__all__ = [
    "AT_RISK_RATIO",
    "ON_TRACK_RATIO",
    "TOO_EARLY_SHARE",
    "AccountabilityReply",
    "AccountabilityRequest",
    "Advice",
    "AdviceKind",
    "Benefit",
    "Commitment",
    "CommitmentStatus",
    "ConsentRound",
    "Decision",
    "DecisionKind",
    "Goal",
    "GoalEdit",
    "GoalState",
    "GoalSummary",
    "GoalVersion",
    "Outcome",
    "PartnerTally",
    "ProgressUpdate",
    "RequestStatus",
    "Result",
    "ResultStatus",
    "RoundStatus",
    "Tally",
    "VersionStatus",
    "overview_summaries",
    "result_reached",
    "result_status",
    "tally",
]
