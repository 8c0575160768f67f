"""The choices of Ben eerlijk that the models store and other apps (the API) name: no model import needed."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class GoChoice(models.TextChoices):
    GO = "go", _("go")
    CONDITIONS = "voorwaarden", _("go met voorwaarden")
    NO_GO = "no_go", _("no-go")
