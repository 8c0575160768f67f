"""``manage.py demo``: four real GRs from the register as living workspaces, with demo people to log in as.

The Veiligheidsregio Utrecht, the GGD regio Utrecht and the Omgevingsdienst regio Utrecht get three
years of history, the RDWI Kromme Rijn Heuvelrug has just started (see ``samen.demo``). Idempotent:
a second run finds everything in place and changes nothing. Every change goes through the services
of the areas, so the demo's history shows up in the audit log like any other.
"""

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from samen.collaborations.models import Collaboration, RoleKind
from samen.demo.history import SCENARIOS, build, demo_collaborations
from samen.demo.people import DEMO_PASSWORD, DEMO_ROO_ID, DEMO_TOTP_SECRET, PERSONAS, URL, Cast, People, Persona

__all__ = ["DEMO_PASSWORD", "DEMO_ROO_ID", "DEMO_TOTP_SECRET", "PERSONAS", "URL", "Command", "Persona"]


class Command(BaseCommand):
    help = _(
        "Maakt van vier regelingen uit het register levende werkplaatsen met drie jaar geschiedenis en "
        "demo-personen (facilitators, ambtelijke en bestuurlijke contacten van drie gemeenten, een raadslid) "
        "en toont hun logins."
    )

    def handle(self, *args: Any, verbosity: int = 1, **options: Any) -> None:
        if not Collaboration.objects.filter(roo_id__isnull=False).exists():
            self.stdout.write(_("Het register is nog leeg; eerst importeren."))
            call_command("import_register", verbosity=verbosity, stdout=self.stdout, stderr=self.stderr)
        demo_collaborations()
        people = People()
        casts = [build(scenario, people)[0] for scenario in SCENARIOS]
        if verbosity > 0:
            self._print(casts, people.changes)

    def _print(self, casts: list[Cast], changes: int) -> None:
        roles = dict(RoleKind.choices)
        organisations = {}
        for cast in casts:
            organisations[cast.facilitator.email] = str(cast.collaboration.body)
            for person in [*cast.officials.values(), *cast.executives.values(), *cast.readers]:
                organisations.setdefault(person.email, str(person.organisation))
        header = (_("e-mailadres"), _("wachtwoord"), _("rol"), _("organisatie"), _("naam, functie"))
        rows = [
            (
                p.email,
                DEMO_PASSWORD,
                str(roles[p.kind]),
                organisations.get(p.email, ""),
                f"{p.full_name}, {p.job_title}",
            )
            for p in PERSONAS
        ]
        widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]

        def line(cells: tuple[str, ...]) -> str:
            return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()

        out = [
            "",
            _("Demo klaar: %(names)s zijn actieve werkplaatsen.")
            % {
                "names": ", ".join(
                    f"{c.collaboration.short_name or c.collaboration.name} ({len(c.partners)})" for c in casts
                )
            },
            _("%(count)s wijzigingen gemaakt.") % {"count": changes}
            if changes
            else _("Alles stond al klaar; niets gewijzigd."),
            "",
            _("Open %(url)s en log in als:") % {"url": URL},
            "",
            line(header),
            line(tuple("-" * width for width in widths)),
            *[line(row) for row in rows],
            "",
            _(
                "De andere partners hebben ambtelijk@<gemeente>.example en bestuurlijk@<gemeente>.example, "
                "met hetzelfde wachtwoord."
            ),
            _("De facilitator logt in met twee stappen. Geheime sleutel voor uw authenticator-app: %(secret)s")
            % {"secret": DEMO_TOTP_SECRET},
            f"otpauth://totp/Samen:{PERSONAS[0].email}?secret={DEMO_TOTP_SECRET}&issuer=Samen",
            "",
        ]
        self.stdout.write("\n".join(out))
