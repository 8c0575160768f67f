"""Uploaded PDF and Word files of agreements, read by the task worker before the preview."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samen.core.models import DocumentStatus, Model, QuerySet

# An upload nobody looked at again is removed after this long (its preview token lives 6 hours).
KEEP_UPLOADS_FOR = datetime.timedelta(days=1)


class AgreementUploadQuerySet(QuerySet["AgreementUpload"]):
    def of(self, collaboration: object, user: object) -> "AgreementUploadQuerySet":
        """The uploads a person made in a collaboration: nobody else sees an upload before it is saved."""
        return self.filter(collaboration=collaboration, uploaded_by=user)

    def stale(self) -> "AgreementUploadQuerySet":
        return self.filter(created_at__lt=timezone.now() - KEEP_UPLOADS_FOR)


class AgreementUpload(Model):
    """A PDF or Word file of an agreement, waiting for the task worker to extract its text and try the split.

    Reading a large PDF takes seconds, so it never happens in a web request (``samen.experiences.tasks``).
    Once read, the file itself is dropped; the text goes on to the preview like pasted text.
    """

    collaboration = models.ForeignKey(
        "collaborations.Collaboration", verbose_name=_("samenwerking"), on_delete=models.CASCADE, related_name="+"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("geüpload door"), on_delete=models.CASCADE, related_name="+"
    )
    filename = models.CharField(_("bestandsnaam"), max_length=255)
    content = models.BinaryField(_("bestand"), blank=True, help_text=_("Leeg zodra het bestand is gelezen."))
    details = models.JSONField(
        _("gegevens van de afspraak"), default=dict, blank=True, help_text=_("Wat bij het uploaden is ingevuld.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.WAITING
    )
    text = models.TextField(_("gelezen tekst"), blank=True)
    source_format = models.CharField(_("opmaak"), max_length=10, blank=True)
    error = models.TextField(_("fout"), blank=True, help_text=_("Waarom het bestand niet gelezen kon worden."))
    created_at = models.DateTimeField(_("geüpload op"), default=timezone.now)
    finished_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)

    objects = AgreementUploadQuerySet.as_manager()

    class Meta:
        verbose_name = _("geüploade afspraak")
        verbose_name_plural = _("geüploade afspraken")

    def __str__(self) -> str:
        return self.filename

    @property
    def is_pending(self) -> bool:
        return self.status in {DocumentStatus.WAITING, DocumentStatus.RENDERING}
