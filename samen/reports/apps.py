from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "samen.reports"
    label = "reports"
    verbose_name = _("Rapportages")

    def ready(self) -> None:
        from samen.council import links
        from samen.reports.links import digests_of_year

        links.register(digests_of_year)
