"""Background tasks, run by the database worker: ``python manage.py db_worker``."""

from django.tasks import task

from samen.notifications import delivery


@task()
def deliver_mails(mail_ids: list[str]) -> dict[str, int]:
    """Send one batch of notification mails, each exactly once (see ``delivery.deliver_batch``)."""
    return delivery.deliver_batch(mail_ids)
