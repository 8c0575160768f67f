"""Toon eigenaarschap over the API: goals with versions, benefits, consent (advice and decisions), results,
progress, commitments and accountability. Every write goes through samen.goals.services; every rule is
in samen.permissions."""

from samen.api.goals.accountability import AccountabilityView, ClosingsView, RepliesView
from samen.api.goals.common import NumberField, PersonBriefSerializer
from samen.api.goals.consent import AdoptionsView, AdviceView, DecisionsView, RoundsView
from samen.api.goals.drafting import BenefitsView, CollaborationGoalsView, DraftView, GoalVersionsView, GoalView
from samen.api.goals.results import CommitmentStatusView, CommitmentsView, ProgressView, ResultsView

__all__ = [
    "AccountabilityView",
    "AdoptionsView",
    "AdviceView",
    "BenefitsView",
    "ClosingsView",
    "CollaborationGoalsView",
    "CommitmentStatusView",
    "CommitmentsView",
    "DecisionsView",
    "DraftView",
    "GoalVersionsView",
    "GoalView",
    "NumberField",
    "PersonBriefSerializer",
    "ProgressView",
    "RepliesView",
    "ResultsView",
    "RoundsView",
]
