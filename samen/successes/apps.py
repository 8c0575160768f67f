from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SuccessesConfig(AppConfig):
    name = "samen.successes"
    label = "successes"
    verbose_name = _("Erken en vier successen")

    def ready(self) -> None:
        from samen.successes import receivers

        receivers.connect()
