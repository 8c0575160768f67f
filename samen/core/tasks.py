"""Background tasks of the shared infrastructure, run by the database worker (``manage.py db_worker``)."""

from django.tasks import task

from samen.core import documents


@task()
def render_document(document_id: str) -> str:
    """Make one PDF or export (see ``samen.core.documents``)."""
    return documents.render(document_id)
