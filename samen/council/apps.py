from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "samen.council"
    label = "council"
    verbose_name = _("Raadsgrip")

    def ready(self) -> None:
        from samen.council.facts import figures_beside_signal
        from samen.experiences import beside

        beside.register(figures_beside_signal)
