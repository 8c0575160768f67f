"""Store the health of every active collaboration again: hourly from cron, so that no reader waits for it."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from samen.health import store
from samen.health.tasks import refresh_health


class Command(BaseCommand):
    help = "Berekent de opgeslagen gezondheid van elke actieve samenwerking opnieuw waar die verouderd is."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", action="store_true", help="Run here instead of handing it to the worker.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            self.stdout.write(f"{store.refresh()} samenwerkingen bijgewerkt.")
        else:
            refresh_health.enqueue()
            self.stdout.write("Aan de achtergrondverwerking gegeven.")
