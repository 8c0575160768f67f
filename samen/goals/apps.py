from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class GoalsConfig(AppConfig):
    name = "samen.goals"
    label = "goals"
    verbose_name = _("Toon eigenaarschap")

    def ready(self) -> None:
        from samen.collaborations.models import Partner
        from samen.goals.receivers import partner_saved

        post_save.connect(partner_saved, sender=Partner, dispatch_uid="goals.partner_saved")
