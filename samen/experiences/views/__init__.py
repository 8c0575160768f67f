"""Pages of Deel ervaringen: agreements and articles, signals, deviations, check-ins."""

from samen.experiences.views.agreements import (
    agreement_detail,
    agreement_edit,
    agreement_from_roo,
    agreement_import,
    agreements,
    article_detail,
    article_edit,
    article_versions,
)
from samen.experiences.views.checkins import checkin_close, checkin_detail, checkin_export, checkin_schedule, checkins
from samen.experiences.views.signals import (
    deviation_acknowledge,
    deviation_announce,
    deviations,
    signal_create,
    signal_detail,
    signal_reply,
    signal_status,
    signals,
)
from samen.experiences.views.uploads import agreement_upload

__all__ = [
    "agreement_detail",
    "agreement_edit",
    "agreement_from_roo",
    "agreement_import",
    "agreement_upload",
    "agreements",
    "article_detail",
    "article_edit",
    "article_versions",
    "checkin_close",
    "checkin_detail",
    "checkin_export",
    "checkin_schedule",
    "checkins",
    "deviation_acknowledge",
    "deviation_announce",
    "deviations",
    "signal_create",
    "signal_detail",
    "signal_reply",
    "signal_status",
    "signals",
]
