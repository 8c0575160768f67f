from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "samen.webhooks"
    verbose_name = _("Gebeurtenissen voor andere systemen")

    def ready(self) -> None:
        from samen.webhooks import receivers  # noqa: F401 - connects the audit-event receiver
