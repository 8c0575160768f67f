"""``manage.py demo``: one real GR from the register as an active workspace, with demo people to log in as.

Idempotent: a second run finds everything in place and changes nothing. Every change goes through the
collaboration services, so the demo's own history shows up in the audit log like any other.
"""

from dataclasses import dataclass
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from samen.accounts.models import Person
from samen.audit.services import record
from samen.collaborations import services
from samen.collaborations.models import Collaboration, Organisation, Partner, Role, RoleKind

# Gemeenschappelijke regeling Veiligheidsregio Utrecht: an openbaar lichaam of all 26 Utrecht municipalities.
DEMO_ROO_ID = "28426877"
DEMO_PASSWORD = "samen-demo-2026"  # noqa: S105 - printed for the local demo on purpose
# Base32, so it can be typed into any authenticator app; only for the local demo.
DEMO_TOTP_SECRET = "SAMENDEMOVEILIGHEIDSREGIOUTRECHT"  # noqa: S105
URL = "http://localhost:8000"


@dataclass(frozen=True)
class Persona:
    email: str
    full_name: str
    job_title: str
    kind: str
    gm_code: str | None  # None: the facilitator, who works for the GR body itself


PERSONAS = (
    Persona("facilitator@vru.example", "Fenna Brouwer", "Programmamanager samenwerking", RoleKind.FACILITATOR, None),
    Persona("ambtelijk@utrecht.example", "Umar Bakker", "Adviseur openbare orde", RoleKind.OFFICIAL, "GM0344"),
    Persona("bestuurlijk@utrecht.example", "Ingrid van Dam", "Burgemeester", RoleKind.EXECUTIVE, "GM0344"),
    Persona("ambtelijk@zeist.example", "Zoë Smit", "Adviseur veiligheid", RoleKind.OFFICIAL, "GM0355"),
    Persona("bestuurlijk@zeist.example", "Koen Mulder", "Burgemeester", RoleKind.EXECUTIVE, "GM0355"),
    Persona("ambtelijk@debilt.example", "Bram de Jong", "Adviseur integrale veiligheid", RoleKind.OFFICIAL, "GM0310"),
    Persona("bestuurlijk@debilt.example", "Eva Visser", "Burgemeester", RoleKind.EXECUTIVE, "GM0310"),
    Persona("raadslid@utrecht.example", "Rik Jansen", "Gemeenteraadslid", RoleKind.READER, "GM0344"),
)  # fmt: skip


class Command(BaseCommand):
    help = _(
        "Maakt van de Veiligheidsregio Utrecht uit het register een actieve werkplaats met demo-personen "
        "(facilitator, ambtelijke en bestuurlijke contacten van drie gemeenten, een raadslid) en toont hun logins."
    )

    def handle(self, *args: Any, verbosity: int = 1, **options: Any) -> None:
        if not Collaboration.objects.filter(roo_id__isnull=False).exists():
            self.stdout.write(_("Het register is nog leeg; eerst importeren."))
            call_command("import_register", verbosity=verbosity, stdout=self.stdout, stderr=self.stderr)
        collaboration = Collaboration.objects.select_related("body").filter(roo_id=DEMO_ROO_ID).first()
        if collaboration is None or collaboration.body is None:
            raise CommandError(
                _("De demo-regeling (ROO-id %(id)s) staat niet in het register. Draai eerst import_register.")
                % {"id": DEMO_ROO_ID}
            )
        partners = {p.organisation.code: p for p in collaboration.partners.current().select_related("organisation")}
        missing = {p.gm_code for p in PERSONAS if p.gm_code} - set(partners)
        if missing:
            raise CommandError(
                _("Deze gemeenten zijn geen partner van %(name)s: %(codes)s.")
                % {"name": collaboration, "codes": ", ".join(sorted(missing))}
            )
        with transaction.atomic():
            changes = self._build(collaboration, partners)
        if verbosity > 0:
            self._print(collaboration, partners, changes)

    def _build(self, collaboration: Collaboration, partners: dict[str | None, Partner]) -> int:
        """Create what is missing; return how many things changed."""
        changes = 0
        body = collaboration.body
        assert body is not None
        people: dict[str, Person] = {}
        for persona in PERSONAS:
            organisation = partners[persona.gm_code].organisation if persona.gm_code else body
            people[persona.email], created = self._person(persona, organisation, collaboration)
            changes += created
        facilitator = people[PERSONAS[0].email]
        if not Authenticator.objects.filter(user=facilitator, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(facilitator, DEMO_TOTP_SECRET)
            record(None, "person.totp_activated", facilitator, collaboration=collaboration, after={"demo": True})
            changes += 1
        if not collaboration.workspace_active:
            services.activate_workspace(collaboration=collaboration, by=facilitator)
            changes += 1
        elif not Role.objects.filter(
            person=facilitator, collaboration=collaboration, kind=RoleKind.FACILITATOR
        ).exists():
            # Someone else started this workspace: they make the demo facilitator a facilitator too.
            other = Role.objects.filter(collaboration=collaboration, kind=RoleKind.FACILITATOR).first()
            if other is None:
                raise CommandError(_("Deze werkplaats heeft geen facilitator die de demo kan inrichten."))
            services.assign_role(
                collaboration=collaboration,
                person=facilitator,
                kind=RoleKind.FACILITATOR,
                partner=None,
                by=other.person,
            )
            changes += 1
        for persona in PERSONAS[1:]:
            person, partner = people[persona.email], partners[persona.gm_code]
            if not Role.objects.filter(
                person=person, collaboration=collaboration, partner=partner, kind=persona.kind
            ).exists():
                services.assign_role(
                    collaboration=collaboration, person=person, kind=persona.kind, partner=partner, by=facilitator
                )
                changes += 1
        return changes

    def _person(self, persona: Persona, organisation: Organisation, collaboration: Collaboration) -> tuple[Person, int]:
        person = Person.objects.filter(email=persona.email).first()
        if person is None:
            person = Person.objects.create_user(
                persona.email,
                DEMO_PASSWORD,
                full_name=persona.full_name,
                organisation=organisation,
                job_title=persona.job_title,
            )
            record(
                None, "person.created", person, collaboration=collaboration, after={"email": person.email, "demo": True}
            )
            return person, 1
        if person.organisation_id != organisation.pk or not person.check_password(DEMO_PASSWORD):
            # Keep the printed logins true: the demo people belong where the table says, with its password.
            person.organisation = organisation
            person.set_password(DEMO_PASSWORD)
            person.save(update_fields=["organisation", "password"])
            record(
                None,
                "person.demo_reset",
                person,
                collaboration=collaboration,
                after={"organisation": organisation.name},
            )
            return person, 1
        return person, 0

    def _print(self, collaboration: Collaboration, partners: dict[str | None, Partner], changes: int) -> None:
        body = collaboration.body
        roles = dict(RoleKind.choices)
        header = (_("e-mailadres"), _("wachtwoord"), _("rol"), _("organisatie"), _("naam, functie"))
        rows = [
            (
                p.email,
                DEMO_PASSWORD,
                str(roles[p.kind]),
                str(partners[p.gm_code].organisation if p.gm_code else body),
                f"{p.full_name}, {p.job_title}",
            )
            for p in PERSONAS
        ]
        widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]

        def line(cells: tuple[str, ...]) -> str:
            return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()

        out = [
            "",
            _("Demo klaar: %(name)s (%(partners)s partners) is een actieve werkplaats.")
            % {"name": collaboration.name, "partners": len(partners)},
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
            _("De facilitator logt in met twee stappen. Geheime sleutel voor uw authenticator-app: %(secret)s")
            % {"secret": DEMO_TOTP_SECRET},
            f"otpauth://totp/Samen:{PERSONAS[0].email}?secret={DEMO_TOTP_SECRET}&issuer=Samen",
            "",
        ]
        self.stdout.write("\n".join(out))
