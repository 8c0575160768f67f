"""Deel ervaringen over the API: agreements and articles, readings, signals, deviation notices and
check-in aggregates. Check-in answers are never shown one by one."""

from samen.api.experiences.agreements import (
    AgreementImportView,
    AgreementView,
    ArticlesView,
    ArticleView,
    ReadingsView,
)
from samen.api.experiences.checkins import CheckInAnswersView, CheckInClosingsView, CheckInsView
from samen.api.experiences.signals import (
    AcknowledgementsView,
    DeviationsView,
    SignalRepliesView,
    SignalStatusView,
    SignalsView,
)

__all__ = [
    "AcknowledgementsView",
    "AgreementImportView",
    "AgreementView",
    "ArticleView",
    "ArticlesView",
    "CheckInAnswersView",
    "CheckInClosingsView",
    "CheckInsView",
    "DeviationsView",
    "ReadingsView",
    "SignalRepliesView",
    "SignalStatusView",
    "SignalsView",
]
