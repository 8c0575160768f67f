from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterestsConfig(AppConfig):
    name = "samen.interests"
    label = "interests"
    verbose_name = _("Ben eerlijk")

    def ready(self) -> None:
        from samen.collaborations.signals import partner_left
        from samen.interests.receivers import partner_left as interests_partner_left

        partner_left.connect(interests_partner_left, dispatch_uid="interests.partner_left")
