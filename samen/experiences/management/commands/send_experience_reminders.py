"""Daily (cron): e-mail contacts about open check-ins and addressees about signals awaiting a reply."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from samen.experiences.services import send_reminders


class Command(BaseCommand):
    help = "Herinner contactpersonen aan open check-ins en aan signalen die op een reactie wachten."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Alleen tellen, niets versturen.")

    def handle(self, *args: Any, **options: Any) -> None:
        report = send_reminders(dry_run=options["dry_run"])
        self.stdout.write(
            f"check-ins: {report.checkins} ({report.checkin_people} personen); "
            f"signalen: {report.signals} ({report.signal_people} personen)"
        )
