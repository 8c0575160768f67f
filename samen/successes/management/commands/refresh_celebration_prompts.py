"""Cron: ask to celebrate what was reached (``manage.py refresh_celebration_prompts``, e.g. daily)."""

from typing import Any

from django.core.management.base import BaseCommand

from samen.successes.prompts import refresh_all


class Command(BaseCommand):
    help = "Maakt aanleidingen om te vieren voor bereikte resultaten, vastgestelde doelen en gehaalde mijlpalen."

    def handle(self, *args: Any, **options: Any) -> None:
        created = refresh_all()
        self.stdout.write(f"{created} nieuwe aanleiding(en) om te vieren.")
