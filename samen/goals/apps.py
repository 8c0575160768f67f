from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GoalsConfig(AppConfig):
    name = "samen.goals"
    label = "goals"
    verbose_name = _("Toon eigenaarschap")

    def ready(self) -> None:
        from samen.collaborations.signals import partner_left
        from samen.goals.receivers import partner_left as goals_partner_left

        partner_left.connect(goals_partner_left, dispatch_uid="goals.partner_left")
