"""Base classes every Samen model builds on."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class QuerySet(models.QuerySet):
    """A queryset that loads related objects for all peers at once (Django 6.1 FETCH_PEERS).

    Touching ``partner.organisation`` on one row of a list then fetches the
    organisations of every row in one query, so pages cannot fall into N+1.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._fetch_mode = models.FETCH_PEERS


class Model(models.Model):
    """UUID as primary key: ids in URLs and the API reveal nothing and are never guessed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)

    objects = QuerySet.as_manager()

    class Meta:
        abstract = True


class VersionedModel(Model):
    """A model edited by people in forms: ``version`` detects concurrent edits."""

    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    class Meta:
        abstract = True
