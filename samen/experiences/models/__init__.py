"""Deel ervaringen: agreements and articles, readings, signals, deviations and check-ins."""

from samen.experiences.choices import Addressee, AgreementKind, CheckInStatus, SignalKind, SignalStatus, Stance
from samen.experiences.models.agreements import (
    Agreement,
    Article,
    ArticleVersion,
    Chapter,
    Interpretation,
    SourceFormat,
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
)
from samen.experiences.models.signals import (
    Deviation,
    DeviationAcknowledgement,
    Signal,
    SignalReply,
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
