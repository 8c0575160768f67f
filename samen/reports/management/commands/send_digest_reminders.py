"""``manage.py send_digest_reminders``: daily from cron; reminds of P&C moments and digests awaiting approval."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from samen.reports.services import send_reminders


class Command(BaseCommand):
    help = _(
        "Herinnert de schrijvers aan raadsbrieven die volgens de P&C-planning binnenkort klaar moeten zijn, en de "
        "bestuurlijk contacten aan raadsbrieven die op hun goedkeuring wachten. Dagelijks draaien; een tweede keer "
        "op dezelfde dag verstuurt niets opnieuw."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_reminders()
        if options.get("verbosity", 1) > 0:
            self.stdout.write(
                _("%(moments)s herinneringen voor P&C-momenten, %(approvals)s voor goedkeuringen.") % sent
            )
