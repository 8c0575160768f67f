"""``manage.py import_collaboration <file> --by <e-mail>``: read a complete export, all or nothing."""

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from samen.reports.transfer import import_collaboration


class Command(BaseCommand):
    help = _("Leest een volledige export van een samenwerking in. Past het bestand niet, dan wordt niets opgeslagen.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("Het exportbestand (JSON)."))
        parser.add_argument(
            "--by", required=True, help=_("E-mailadres van de beheerder die inleest (voor het auditlog).")
        )

    def handle(self, *args: Any, file: str, by: str, **options: Any) -> None:
        person = get_user_model().objects.filter(email=by.lower(), is_staff=True).first()
        if person is None:
            raise CommandError(_("%(email)s is geen beheerder van deze installatie.") % {"email": by})
        try:
            collaboration = import_collaboration(raw=Path(file).read_bytes(), by=person)
        except (ValidationError, PermissionDenied) as error:
            raise CommandError(" ".join(getattr(error, "messages", [str(error)]))) from error
        except OSError as error:
            raise CommandError(_("Kan %(file)s niet lezen: %(error)s") % {"file": file, "error": error}) from error
        self.stdout.write(_("Ingelezen: %(name)s (%(id)s).") % {"name": collaboration.name, "id": collaboration.pk})
