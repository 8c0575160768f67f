from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterestsConfig(AppConfig):
    name = "samen.interests"
    label = "interests"
    verbose_name = _("Ben eerlijk")
