"""Deel ervaringen: agreements and articles, readings, signals, deviations and check-ins."""

from samen.experiences.models.agreements import (
    Agreement,
    AgreementKind,
    Article,
    ArticleVersion,
    Chapter,
    Interpretation,
    SourceFormat,
    Stance,
    default_kind_for,
)
from samen.experiences.models.checkins import (
    COMMENT_FIELDS,
    CONTENT_SCORES,
    RELATIONSHIP_SCORES,
    SCORE_FIELDS,
    CheckIn,
    CheckInParticipation,
    CheckInResponse,
    CheckInStatus,
)
from samen.experiences.models.signals import (
    Addressee,
    Deviation,
    DeviationAcknowledgement,
    Signal,
    SignalKind,
    SignalReply,
    SignalStatus,
)
from samen.experiences.models.uploads import AgreementUpload

__all__ = [
    "COMMENT_FIELDS",
    "CONTENT_SCORES",
    "RELATIONSHIP_SCORES",
    "SCORE_FIELDS",
    "Addressee",
    "Agreement",
    "AgreementKind",
    "AgreementUpload",
    "Article",
    "ArticleVersion",
    "Chapter",
    "CheckIn",
    "CheckInParticipation",
    "CheckInResponse",
    "CheckInStatus",
    "Deviation",
    "DeviationAcknowledgement",
    "Interpretation",
    "Signal",
    "SignalKind",
    "SignalReply",
    "SignalStatus",
    "SourceFormat",
    "Stance",
    "default_kind_for",
]
