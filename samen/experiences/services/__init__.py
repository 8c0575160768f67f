"""Every state change in Deel ervaringen: one function per action, each checks the rules in
``samen.permissions``, validates with Dutch messages, writes in one transaction and records the
audit event."""

from samen.experiences.services.agreements import (
    clean_article_text,
    correct_import,
    edit_article,
    import_agreement,
    make_import_token,
    read_import_corrections,
    read_import_token,
    record_reading,
    split_source,
    update_agreement,
)
from samen.experiences.services.checkins import answer_checkin, close_checkin, has_answered, schedule_checkins
from samen.experiences.services.reminders import ReminderReport, send_reminders
from samen.experiences.services.signals import (
    acknowledge_deviation,
    announce_deviation,
    change_signal_status,
    parse_amount,
    raise_signal,
    reply_to_signal,
)

__all__ = [
    "ReminderReport",
    "acknowledge_deviation",
    "announce_deviation",
    "answer_checkin",
    "change_signal_status",
    "clean_article_text",
    "close_checkin",
    "correct_import",
    "edit_article",
    "has_answered",
    "import_agreement",
    "make_import_token",
    "parse_amount",
    "raise_signal",
    "read_import_corrections",
    "read_import_token",
    "record_reading",
    "reply_to_signal",
    "schedule_checkins",
    "send_reminders",
    "split_source",
    "update_agreement",
]
