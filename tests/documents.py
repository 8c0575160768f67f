"""Documents made by the task worker, fetched the way a browser does: the page says it is being made,
the worker runs (here, in this thread), and the same URL then answers with the file."""

from typing import Any

from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def run_worker() -> int:
    """django_tasks_db's own worker, in this thread, until the queue is empty. Returns the tasks it ran.

    Its ``run_task`` runs each task as the worker does; its loop is not used, because the loop calls
    ``close_old_connections``, which closes the test's transaction on PostgreSQL.
    """
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=get_random_string(16),
        excluded_queue_names=[],
    )
    ran = 0
    while (task_result := DBTaskResult.objects.ready().filter(backend_name="default").first()) is not None:
        task_result.claim(worker.worker_id)
        worker.run_task(task_result)
        ran += 1
    return ran


def download(client: Any, url: str) -> tuple[Any, bytes]:
    """GET a worker-made document: (the response with the file, its bytes).

    The first answer is the status page (202, no file) unless an identical document was made before.
    """
    first = client.get(url)
    if first.status_code == 202:
        assert b"%PDF" not in first.content
        assert run_worker() >= 1
        first = client.get(url)
    assert first.status_code == 200, (url, first.status_code)
    assert first.streaming, "a finished document is sent as a file"
    return first, b"".join(first.streaming_content)
