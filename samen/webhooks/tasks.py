"""Background tasks, run by the database worker: ``python manage.py db_worker``."""

from django.tasks import task

from samen.webhooks import services


@task()
def deliver(delivery_id: str) -> str:
    """One attempt to deliver one event to one subscription (see ``services.deliver``)."""
    return services.deliver(delivery_id)
