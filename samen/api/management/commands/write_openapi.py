from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samen.api.schema import COMMITTED_DOCUMENT, document_text


class Command(BaseCommand):
    help = "Write the OpenAPI document of /api/v1 to samen/api/openapi.json (or --check that it is up to date)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="Fail when the committed document differs.")

    def handle(self, *args: Any, check: bool = False, **options: Any) -> None:
        text = document_text()
        current = COMMITTED_DOCUMENT.read_text(encoding="utf-8") if COMMITTED_DOCUMENT.exists() else ""
        if check:
            if current != text:
                raise CommandError("samen/api/openapi.json is out of date: run `manage.py write_openapi`.")
            self.stdout.write("samen/api/openapi.json is up to date.")
            return
        COMMITTED_DOCUMENT.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {COMMITTED_DOCUMENT.name} ({len(text)} characters).")
