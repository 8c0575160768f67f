"""Cron: assemble the daily or weekly digests and queue them for the worker.

python manage.py send_digests --period daily     # e.g. every day at 07:00
python manage.py send_digests --period weekly    # e.g. every Monday at 07:00
"""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from samen.notifications.delivery import requeue_stranded
from samen.notifications.digests import assemble_digests
from samen.notifications.models import Cadence


class Command(BaseCommand):
    help = "Stel de dagelijkse of wekelijkse overzichtsmails samen en zet ze klaar voor de worker (db_worker)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--period",
            required=True,
            choices=[Cadence.DAILY.value, Cadence.WEEKLY.value],
            help="daily: het dagelijkse overzicht; weekly: het wekelijkse overzicht.",
        )

    def handle(self, *args: Any, period: str, **options: Any) -> None:
        requeued = requeue_stranded()
        mail_ids = assemble_digests(period)
        self.stdout.write(
            f"{len(mail_ids)} overzichtsmail(s) ({period}) klaargezet voor verzending; "
            f"{requeued} blijven hangende e-mail(s) opnieuw in de wachtrij gezet."
        )
