"""Background tasks of the health area, run by the database worker: ``python manage.py db_worker``."""

from django.tasks import task

from samen.health import store


@task()
def refresh_health() -> int:
    """Store today's health of every active collaboration that changed or whose hour passed (see ``store``)."""
    return store.refresh()
