"""The choices of Erken en vier successen that the models store and other apps (the API) name."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PromptReason(models.TextChoices):
    RESULT_REACHED = "resultaat_bereikt", _("een resultaat heeft zijn streefwaarde bereikt")
    GOAL_ADOPTED = "doel_vastgesteld", _("een doel is door alle partners vastgesteld")
    MILESTONE_DONE = "mijlpaal_gehaald", _("een mijlpaal is gehaald")
