"""Cron: assemble the daily or weekly digests and queue them for the worker (``db_worker``).

    python manage.py send_digests --period daily       # every day, e.g. 07:00
    python manage.py send_digests --period weekly      # every Monday, e.g. 07:00
    python manage.py send_digests --requeue-stranded   # optional, e.g. every 15 minutes

Every run first queues again the mails whose worker died before it could send them
(``--requeue-stranded`` does only that).
"""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from samen.notifications.delivery import requeue_stranded as requeue_stranded_mails
from samen.notifications.digests import assemble_digests
from samen.notifications.models import Cadence


class Command(BaseCommand):
    help = "Stel de dagelijkse of wekelijkse overzichtsmails samen en zet ze klaar voor de worker (db_worker)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--period",
            choices=[Cadence.DAILY.value, Cadence.WEEKLY.value],
            help="daily: het dagelijkse overzicht; weekly: het wekelijkse overzicht.",
        )
        parser.add_argument(
            "--requeue-stranded",
            action="store_true",
            help="Alleen e-mails opnieuw in de wachtrij zetten waarvan de worker stopte voordat ze verstuurd waren.",
        )

    def handle(self, *args: Any, period: str | None, requeue_stranded: bool, **options: Any) -> None:
        if not period and not requeue_stranded:
            raise CommandError("Geef --period daily of --period weekly (of --requeue-stranded).")
        requeued = requeue_stranded_mails()
        self.stdout.write(f"{requeued} blijven hangende e-mail(s) opnieuw in de wachtrij gezet.")
        if period:
            mail_ids = assemble_digests(period)
            self.stdout.write(f"{len(mail_ids)} overzichtsmail(s) ({period}) klaargezet voor verzending.")
