"""The page of an uploaded PDF or Word file: 'being read' until the task worker is done, then its preview."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from samen import permissions
from samen.core.documents import STALE_AFTER
from samen.core.models import DocumentStatus
from samen.core.services import require
from samen.experiences import services
from samen.experiences.forms import AgreementDetailsForm, AgreementSourceForm
from samen.experiences.models import AgreementUpload
from samen.experiences.views.agreements import _details_initial, _import_page, _preview
from samen.experiences.views.common import experiences_context


@login_required
def agreement_upload(request: HttpRequest, pk: str, upload_pk: str) -> HttpResponse:
    """Polls itself with htmx while the worker reads the file (202); a plain link works without JavaScript.

    When the file is read: the preview, exactly as for pasted text; when it could not be read: the import
    page with the Dutch reason. Only the person who uploaded the file sees this page.
    """
    collaboration = permissions.get_collaboration_for(request, pk)
    require(permissions.can_manage_agreements(request.user, collaboration), str(permissions.MANAGE_AGREEMENTS_REFUSED))
    upload = get_object_or_404(AgreementUpload.objects.of(collaboration, request.user).defer("content"), pk=upload_pk)
    is_htmx = bool(getattr(request, "htmx", False))
    lost = upload.is_pending and upload.created_at < timezone.now() - STALE_AFTER  # a worker stopped mid-read
    if upload.is_pending and not lost:
        context = experiences_context(request, collaboration, "agreements", upload=upload, again=request.path)
        template = "experiences/_upload_status.html" if is_htmx else "experiences/agreement_upload.html"
        response = render(request, template, context, status=202)
        response["Cache-Control"] = "no-store"
        return response
    if is_htmx:
        # Read (or refused): the whole page shows the preview or the reason, so htmx loads it afresh.
        response = HttpResponse(status=200)
        response["HX-Refresh"] = "true"
        return response
    data = MultiValueDict(upload.details)
    errors = [upload.error] if upload.status == DocumentStatus.FAILED else []
    if lost:
        errors = [_("Het lezen van het bestand is niet gelukt. Kies het bestand opnieuw.")]
    if not errors:
        try:
            document = services.split_source(upload.text, upload.source_format)
        except ValidationError as error:
            errors = error.messages
    if errors:
        details = AgreementDetailsForm(initial=_details_initial(collaboration, data), collaboration=collaboration)
        return _import_page(request, collaboration, details, AgreementSourceForm(), 400, errors)
    title = document.title or upload.filename
    details = AgreementDetailsForm(
        initial=_details_initial(collaboration, data, title=title), collaboration=collaboration
    )
    token = services.make_import_token(upload.text, upload.source_format, upload.filename)
    return _preview(request, collaboration, token, document, details)
