"""``manage.py import_register``: load the national GR register from data/ (all or nothing, idempotent)."""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from tqdm import tqdm

from samen.collaborations.register import STEPS, RegisterError, import_register


class Command(BaseCommand):
    help = _(
        "Leest het landelijke register van gemeenschappelijke regelingen (ROO) in: gemeenten, provincies, "
        "waterschappen, GR-organen en de actuele regelingen met hun deelnemers. Een tweede keer verandert niets."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=None,
            help=_("Map met gemeenten_2025.csv en roo/ (standaard: data/ in het project)."),
        )

    def handle(self, *args: Any, data_dir: Path | None = None, verbosity: int = 1, **options: Any) -> None:
        show_bar = verbosity > 0 and sys.stderr.isatty()
        with tqdm(total=len(STEPS), desc=_("Register"), unit=_("stap"), file=sys.stderr, disable=not show_bar) as bar:

            def step(label: str) -> None:
                bar.set_postfix_str(label)
                bar.update(1)

            try:
                report = import_register(data_dir, progress=step)
            except RegisterError as error:
                raise CommandError(str(error)) from error
        if verbosity > 0:
            self.stdout.write("\n".join(report.lines()))
