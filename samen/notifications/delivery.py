"""Sending mails through the task worker: each mail once, failures retried and reported.

A task (``tasks.deliver_mails``) gets a batch of mail ids. Their mails and events are loaded in
bulk, and events about a collaboration the recipient no longer has a role in are left out. Mails
are composed and sent in groups of ``SEND_GROUP`` through one open SMTP connection; one
transaction per group claims the group's pending mails (a locking read), hands each to SMTP and
marks the accepted ones sent in bulk. A message the server refuses stays pending and is retried;
when the worker is stopped (Ctrl+C, SIGTERM), what the server accepted so far is committed as sent
and the rest of the batch is handed to a new task. So a second worker, a retried task or a
restarted worker skips what was sent and sends what was not. The one gap no mail system can
close: a process killed outright (SIGKILL, power) after the server accepted messages but before
the commit sends that group again; each mail keeps its Message-ID on every attempt, so mail
programs see the copy as the message they already have.

When the worker dies without a chance to hand its batch on, ``requeue_stranded`` (run by the
cron command) finds the mails whose task is gone and queues them again.
"""

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from uuid import UUID

import structlog
from django.core.exceptions import ValidationError
from django.core.mail import mailers
from django.db import transaction
from django.db.models import F
from django.tasks import TaskResultStatus
from django.tasks.exceptions import TaskResultDoesNotExist
from django.utils import timezone
from django.utils.translation import gettext as _

from samen import permissions
from samen.audit.services import record
from samen.collaborations.models import Collaboration
from samen.core.services import require
from samen.notifications.mails import compose, message_id_of
from samen.notifications.models import Event, Mail, MailStatus, calendar_uid_of

if TYPE_CHECKING:
    from samen.accounts.models import Person

log = structlog.get_logger("samen.notifications")

BATCH_SIZE = 100
MAX_ATTEMPTS = 5
RETRY_DELAYS = (
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=30),
    datetime.timedelta(hours=2),
)
STALE_AFTER = datetime.timedelta(minutes=30)
URGENT_PRIORITY = 10


SEND_GROUP = 25
"""Mails claimed and marked sent in one transaction."""

LINE_FIELDS = (
    "id",
    "mail_id",
    "kind",
    "subject",
    "body",
    "url",
    "collaboration_id",
    "calendar",
    "starts_at",
    "created_at",
)


class DeliveryFailed(Exception):
    """Some mails of a batch could not be sent; they are retried by a new task."""


def enqueue_delivery(
    mail_ids: Iterable[Any], *, urgent: bool = False, run_after: datetime.datetime | None = None
) -> list[str]:
    """Queue tasks that send ``mail_ids``, in batches. Returns the task ids."""
    from samen.notifications.tasks import deliver_mails

    task = deliver_mails
    if urgent:
        task = task.using(priority=URGENT_PRIORITY)
    if run_after is not None:
        task = task.using(run_after=run_after)
    ids = [str(mail_id) for mail_id in mail_ids]
    task_ids = []
    for start in range(0, len(ids), BATCH_SIZE):
        chunk = ids[start : start + BATCH_SIZE]
        result = task.enqueue(chunk)
        Mail.objects.filter(pk__in=chunk, status=MailStatus.PENDING).update(task_id=str(result.id))
        task_ids.append(str(result.id))
    return task_ids


def _close_quietly(connection: Any) -> None:
    try:
        connection.close()
    except Exception:  # noqa: BLE001 - a broken connection is replaced on the next send
        log.debug("notifications.close_failed")


def _record_failure(mail_id: Any, error: BaseException) -> None:
    """Count the failed attempt; give up (status failed, reported to staff) after MAX_ATTEMPTS."""
    now = timezone.now()
    description = f"{type(error).__name__}: {error}"[:2000]
    with transaction.atomic():
        mail = Mail.objects.select_for_update().filter(pk=mail_id, status=MailStatus.PENDING).first()
        if mail is None:
            return
        mail.attempts += 1
        mail.last_error = description
        gave_up = mail.attempts >= MAX_ATTEMPTS
        if gave_up:
            mail.status = MailStatus.FAILED
        else:
            mail.next_attempt_at = now + RETRY_DELAYS[min(mail.attempts, len(RETRY_DELAYS)) - 1]
        mail.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
    if gave_up:
        log.error("notifications.mail_gave_up", mail_id=str(mail_id), attempts=mail.attempts, error=description)
    else:
        log.warning(
            "notifications.mail_failed",
            mail_id=str(mail_id),
            attempts=mail.attempts,
            error=description,
            next_attempt_at=mail.next_attempt_at.isoformat(),
        )


@dataclass(slots=True)
class _Line:
    """One waiting event as a mail reads it (see ``mails.Line``): a plain row, thousands a second."""

    pk: UUID
    mail_id: UUID
    kind: str
    subject: str
    body: str
    url: str
    collaboration_id: UUID | None
    calendar: dict[str, Any]
    starts_at: datetime.datetime | None
    created_at: datetime.datetime
    collaboration: Any = None

    @property
    def calendar_uid(self) -> str:
        return calendar_uid_of(self.pk, self.calendar)

    @property
    def has_calendar(self) -> bool:
        return self.starts_at is not None


def _load(mail_ids: Sequence[str]) -> tuple[dict[str, Mail], dict[str, list[_Line]]]:
    """The pending mails of ``mail_ids`` and their events, in four queries for the whole batch."""
    mails = {
        str(mail.pk): mail
        for mail in Mail.objects.filter(pk__in=mail_ids, status=MailStatus.PENDING)
        .select_related("recipient")
        .only(
            "id",
            "cadence",
            "attempts",
            "message_id",
            "recipient__id",
            "recipient__email",
            "recipient__full_name",
            "recipient__language",
            "recipient__is_active",
            "recipient__is_staff",
        )
    }
    rows = [
        _Line(*row)
        for row in Event.objects.filter(mail_id__in=list(mails)).order_by("created_at").values_list(*LINE_FIELDS)
    ]
    names = dict(
        Collaboration.objects.filter(pk__in={row.collaboration_id for row in rows if row.collaboration_id}).values_list(
            "pk", "name"
        )
    )
    collaborations = {pk: Collaboration(pk=pk, name=name) for pk, name in names.items()}
    events: dict[str, list[_Line]] = defaultdict(list)
    for row in rows:
        if row.collaboration_id is not None:
            row.collaboration = collaborations.get(row.collaboration_id)
        events[str(row.mail_id)].append(row)
    _recipients_may_see(mails, events)
    return mails, events


def _recipients_may_see(mails: Mapping[str, Mail], events: dict[str, list[_Line]]) -> None:
    """Drop, in place, the events about a collaboration in which their recipient no longer has a role.

    Events are addressed when they happen; by the time a digest goes out a person may have left the
    collaboration, and then it tells them nothing more about it. One query for the whole batch.
    """
    pairs = {
        (mail.recipient_id, event.collaboration_id)
        for mail_id, mail in mails.items()
        for event in events.get(mail_id, ())
        if event.collaboration_id is not None
    }
    allowed = permissions.may_be_told_about(pairs)
    for mail_id, mail in mails.items():
        if mail_id in events:
            events[mail_id] = [
                event
                for event in events[mail_id]
                if event.collaboration_id is None or (mail.recipient_id, event.collaboration_id) in allowed
            ]


def _send_group(
    mails: Sequence[Mail], messages: Mapping[str, Any], carried: Mapping[str, list[Any]], connection: Any
) -> dict[str, Any]:
    """Send ``mails`` in one transaction: claim them, hand each to SMTP, mark the accepted ones sent in bulk.

    Returns ``{"sent": [...], "skipped": [...], "failed": {mail_id: error}, "stopped": interruption}``.
    A message the server refused stays pending (its failure is counted afterwards); when the worker is
    stopped, what was accepted so far is still committed as sent, so nothing is sent twice.
    """
    ids = [str(mail.pk) for mail in mails]
    outcome: dict[str, Any] = {"sent": [], "skipped": [], "failed": {}, "stopped": None}
    now = timezone.now()
    with transaction.atomic():
        # The claim: the mails still pending, locked until this transaction ends (SQLite: the write
        # lock taken at BEGIN IMMEDIATE), so a second worker waits and then finds them sent.
        claimed = {
            str(pk)
            for pk in Mail.objects.select_for_update()
            .filter(pk__in=ids, status=MailStatus.PENDING)
            .values_list("pk", flat=True)
        }
        sent: list[Mail] = []
        for mail in mails:
            mail_id = str(mail.pk)
            if mail_id not in claimed:
                outcome["skipped"].append(mail_id)
                continue
            try:
                if connection.send_messages([messages[mail_id]]) != 1:
                    raise DeliveryFailed("The mail server did not accept the message.")
            except (KeyboardInterrupt, SystemExit) as stop:
                outcome["stopped"] = stop
                break
            except Exception as error:  # noqa: BLE001 - every send failure is counted and retried
                outcome["failed"][mail_id] = error
                _reopen(connection)
                continue
            sent.append(mail)
        # Marked sent in bulk: the same values for the whole group (the Message-ID was fixed at creation).
        sent_ids = [mail.pk for mail in sent]
        Mail.objects.filter(pk__in=sent_ids).update(
            status=MailStatus.SENT, sent_at=now, attempts=F("attempts") + 1, last_error=""
        )
        unnamed = [mail for mail in sent if not mail.message_id]
        if unnamed:  # mails made before Message-IDs were fixed at creation
            for mail in unnamed:
                mail.message_id = message_id_of(mail)
            Mail.objects.bulk_update(unnamed, ["message_id"])
        # The events the messages carried: not those left out because the recipient left their collaboration.
        Event.objects.filter(pk__in=[pk for mail in sent for pk in carried[str(mail.pk)]]).update(delivered_at=now)
    outcome["sent"] = [str(mail.pk) for mail in sent]
    return outcome


def _reopen(connection: Any) -> None:
    _close_quietly(connection)
    try:
        connection.open()
    except Exception:  # noqa: BLE001 - the next send reports the failure for its own mail
        log.debug("notifications.reopen_failed")


def _schedule_retries(mail_ids: Sequence[str]) -> None:
    waiting = list(Mail.objects.filter(pk__in=mail_ids, status=MailStatus.PENDING).values_list("pk", "next_attempt_at"))
    if waiting:
        enqueue_delivery([pk for pk, _at in waiting], run_after=max(at for _pk, at in waiting))


def deliver_batch(mail_ids: Sequence[str]) -> dict[str, int]:
    """Send each pending mail of ``mail_ids`` exactly once. The body of the ``deliver_mails`` task.

    The mails and their events are loaded in bulk, composed in groups of ``SEND_GROUP`` and sent
    through one open connection; each group is claimed and marked sent in one transaction.
    Raises ``DeliveryFailed`` after the batch when some mails failed, so the task shows as
    failed (with the reason) to staff, while a new task retries those mails later.
    """
    pending = list(dict.fromkeys(str(mail_id) for mail_id in mail_ids))
    mails, events = _load(pending)
    counts: Counter[str] = Counter()
    failed: list[str] = []
    connection = mailers.default
    try:
        _reopen(connection)
        while pending:
            group_ids, rest = pending[:SEND_GROUP], pending[SEND_GROUP:]
            counts["skipped"] += sum(1 for mail_id in group_ids if mail_id not in mails)
            group = [mails[mail_id] for mail_id in group_ids if mail_id in mails]
            empty = [str(m.pk) for m in group if not events.get(str(m.pk)) or not m.recipient.is_active]
            if empty:
                Mail.objects.filter(pk__in=empty, status=MailStatus.PENDING).update(status=MailStatus.CANCELLED)
                counts["cancelled"] += len(empty)
            messages = {}
            for mail in group:
                mail_id = str(mail.pk)
                if mail_id in empty:
                    continue
                try:
                    messages[mail_id] = compose(mail, events[mail_id], message_id=message_id_of(mail))
                except Exception as error:  # noqa: BLE001 - a mail that cannot be written is counted and retried
                    _record_failure(mail_id, error)
                    failed.append(mail_id)
                    counts["failed"] += 1
            group = [mail for mail in group if str(mail.pk) in messages]
            carried = {str(mail.pk): [event.pk for event in events[str(mail.pk)]] for mail in group}
            outcome = _send_group(group, messages, carried, connection)
            counts["sent"] += len(outcome["sent"])
            counts["skipped"] += len(outcome["skipped"])
            for mail_id, reason in outcome["failed"].items():
                _record_failure(mail_id, reason)
                failed.append(mail_id)
            counts["failed"] += len(outcome["failed"])
            if outcome["stopped"] is not None:
                done = set(outcome["sent"]) | set(outcome["skipped"]) | set(failed) | set(empty)
                pending = [mail_id for mail_id in group_ids if mail_id not in done] + rest
                raise outcome["stopped"]
            pending = rest
    except (KeyboardInterrupt, SystemExit):
        # The worker is being stopped: what was accepted is marked sent; hand the rest on.
        if pending:
            enqueue_delivery(pending)
            log.warning("notifications.batch_interrupted", remaining=len(pending))
        raise
    finally:
        _close_quietly(connection)
    counts = +counts
    log.info("notifications.batch_delivered", **counts)
    if failed:
        _schedule_retries(failed)
        raise DeliveryFailed(
            f"{len(failed)} of {len(mail_ids)} mails could not be sent and will be retried: "
            + "; ".join(f"{mail_id} ({Mail.objects.get(pk=mail_id).last_error})" for mail_id in failed[:5])
        )
    return dict(counts)


def requeue_stranded(*, now: datetime.datetime | None = None) -> int:
    """Queue again the pending mails whose task finished, vanished or died while running.

    Mails waiting for a scheduled retry, or in a task that is still queued, are left alone.
    """
    from samen.notifications.tasks import deliver_mails

    now = now or timezone.now()
    by_task: dict[str, list[Any]] = defaultdict(list)
    for pk, task_id, created_at in Mail.objects.filter(status=MailStatus.PENDING, next_attempt_at__lte=now).values_list(
        "pk", "task_id", "created_at"
    ):
        if task_id or created_at < now - STALE_AFTER:
            by_task[task_id].append(pk)
    backend = deliver_mails.get_backend()
    stranded: list[Any] = []
    for task_id, ids in by_task.items():
        if not task_id or not backend.supports_get_result:
            stranded.extend(ids)
            continue
        try:
            result = backend.get_result(task_id)
        except TaskResultDoesNotExist:
            stranded.extend(ids)
            continue
        died = result.status == TaskResultStatus.RUNNING and (result.started_at or now) < now - STALE_AFTER
        if result.is_finished or died:
            stranded.extend(ids)
    if stranded:
        enqueue_delivery(stranded)
        log.warning("notifications.requeued_stranded", mails=len(stranded))
    return len(stranded)


def retry_mail(*, mail: Mail, by: "Person") -> None:
    """Staff: try a mail that was given up on once more."""
    require(permissions.can_view_mail_delivery(by), _("Alleen beheerders kunnen de verzending van e-mail beheren."))
    if mail.status != MailStatus.FAILED:
        raise ValidationError(_("Deze e-mail is niet mislukt; er valt niets opnieuw te proberen."))
    with transaction.atomic():
        changed = Mail.objects.filter(pk=mail.pk, status=MailStatus.FAILED).update(
            status=MailStatus.PENDING, attempts=0, next_attempt_at=timezone.now()
        )
        if not changed:
            raise ValidationError(_("Deze e-mail is intussen al opnieuw geprobeerd."))
        record(by, "notifications.mail_retried", mail, before={"status": MailStatus.FAILED, "error": mail.last_error})
        transaction.on_commit(lambda: enqueue_delivery([mail.pk], urgent=True))
