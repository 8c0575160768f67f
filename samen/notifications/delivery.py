"""Sending mails through the task worker: each mail exactly once, failures retried and reported.

A task (``tasks.deliver_mails``) gets a batch of mail ids. For each mail, one transaction
moves it from pending to sent with a conditional UPDATE (the claim), hands the message to
SMTP and marks its events delivered; if SMTP fails, the transaction rolls back and the mail
stays pending. So a second worker, a retried task or a restarted worker skips what was sent
and sends what was not. The one gap no mail system can close: a process killed after the SMTP
server accepted a message but before the commit would send that one message again.

When the worker is stopped in the middle of a batch (Ctrl+C, SIGTERM twice), the rest of
the batch is handed to a new task, which the next worker run picks up. When it dies without
a chance to do that (SIGKILL, power), ``requeue_stranded`` (run by the cron command) finds the
mails whose task is gone and queues them again.
"""

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

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
from samen.core.services import require
from samen.notifications.mails import compose, new_message_id
from samen.notifications.models import Event, Mail, MailStatus

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


def _deliver_one(mail: Mail, events: Sequence[Event], connection: Any) -> str:
    if not events or not mail.recipient.is_active:
        Mail.objects.filter(pk=mail.pk, status=MailStatus.PENDING).update(status=MailStatus.CANCELLED)
        return "cancelled"
    message_id = new_message_id()
    try:
        message = compose(mail, events, message_id=message_id)
        now = timezone.now()
        with transaction.atomic():
            # The claim: only one worker moves this mail from pending to sent, and that commits
            # together with the hand-over to SMTP or not at all.
            claimed = Mail.objects.filter(pk=mail.pk, status=MailStatus.PENDING).update(
                status=MailStatus.SENT, sent_at=now, attempts=F("attempts") + 1, message_id=message_id, last_error=""
            )
            if not claimed:
                return "skipped"
            if connection.send_messages([message]) != 1:
                raise DeliveryFailed("The mail server did not accept the message.")
            Event.objects.filter(mail_id=mail.pk).update(delivered_at=now)
    except Exception as error:  # noqa: BLE001 - every send failure is counted and retried
        _close_quietly(connection)
        _record_failure(mail.pk, error)
        return "failed"
    return "sent"


def _schedule_retries(mail_ids: Sequence[str]) -> None:
    waiting = list(Mail.objects.filter(pk__in=mail_ids, status=MailStatus.PENDING).values_list("pk", "next_attempt_at"))
    if waiting:
        enqueue_delivery([pk for pk, _at in waiting], run_after=max(at for _pk, at in waiting))


def deliver_batch(mail_ids: Sequence[str]) -> dict[str, int]:
    """Send each pending mail of ``mail_ids`` exactly once. The body of the ``deliver_mails`` task.

    Raises ``DeliveryFailed`` after the batch when some mails failed, so the task shows as
    failed (with the reason) to staff, while a new task retries those mails later.
    """
    pending = list(dict.fromkeys(str(mail_id) for mail_id in mail_ids))
    mails = {
        str(mail.pk): mail
        for mail in Mail.objects.filter(pk__in=pending, status=MailStatus.PENDING).select_related("recipient")
    }
    events: dict[str, list[Event]] = defaultdict(list)
    for event in Event.objects.filter(mail_id__in=list(mails)).select_related("collaboration").order_by("created_at"):
        events[str(event.mail_id)].append(event)
    connection = mailers.default
    counts: Counter[str] = Counter()
    failed: list[str] = []
    try:
        while pending:
            mail = mails.get(pending[0])
            outcome = "skipped" if mail is None else _deliver_one(mail, events[pending[0]], connection)
            if outcome == "failed":
                failed.append(pending[0])
            counts[outcome] += 1
            pending.pop(0)
    except (KeyboardInterrupt, SystemExit):
        # The worker is being stopped: the mail in hand was rolled back; hand the rest on.
        if pending:
            enqueue_delivery(pending)
            log.warning("notifications.batch_interrupted", remaining=len(pending))
        raise
    finally:
        _close_quietly(connection)
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
