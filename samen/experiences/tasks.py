"""Background tasks of Deel ervaringen, run by the database worker (``manage.py db_worker``)."""

from django.tasks import task

from samen.experiences.services import uploads


@task()
def read_agreement_upload(upload_id: str) -> str:
    """Extract the text of an uploaded PDF or Word file and try its split (see ``services.uploads``)."""
    return uploads.read_upload(upload_id)
