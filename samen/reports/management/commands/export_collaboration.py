"""``manage.py export_collaboration <id> <file>``: the complete JSON export of one collaboration."""

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from samen.collaborations.models import Collaboration
from samen.reports.transfer import dumps, export_data


class Command(BaseCommand):
    help = _("Schrijft de volledige export van een samenwerking (JSON) naar een bestand, of naar de uitvoer met -.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("collaboration", help=_("Id van de samenwerking."))
        parser.add_argument("file", help=_("Doelbestand, of - voor de uitvoer."))

    def handle(self, *args: Any, collaboration: str, file: str, **options: Any) -> None:
        try:
            found = Collaboration.objects.get(pk=collaboration)
        except (Collaboration.DoesNotExist, ValueError, ValidationError) as exc:
            raise CommandError(_("Geen samenwerking met id %(id)s.") % {"id": collaboration}) from exc
        content = dumps(export_data(found))
        if file == "-":
            self.stdout.write(content.decode("utf-8"), ending="")
        else:
            Path(file).write_bytes(content)
