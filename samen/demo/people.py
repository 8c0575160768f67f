"""The demo's people: the personas that are printed, and a contact pair for every other partner.

The personas of Utrecht, Zeist and De Bilt act in every demo collaboration their municipality
takes part in; each collaboration has its own facilitator from the GR body. Every other partner
municipality gets an ambtelijk and a bestuurlijk contact (``ambtelijk@<gemeente>.example``,
``bestuurlijk@<gemeente>.example``), so that consent rounds, check-ins and raadsbrieven can be
completed by every partner, as they are in a real collaboration.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.hashers import check_password, make_password
from django.core.management.base import CommandError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samen.accounts.models import Person
from samen.audit.services import record
from samen.collaborations import services
from samen.collaborations.models import Collaboration, Organisation, Partner, Role, RoleKind

DEMO_PASSWORD = "samen-demo-2026"  # noqa: S105 - printed for the local demo on purpose
# Base32, so it can be typed into any authenticator app; only for the local demo.
DEMO_TOTP_SECRET = "SAMENDEMOVEILIGHEIDSREGIOUTRECHT"  # noqa: S105
URL = "http://localhost:8000"

VRU = "28426877"  # Veiligheidsregio Utrecht
GGD = "30102542"  # GGD regio Utrecht
ODRU = "29479827"  # Omgevingsdienst regio Utrecht
RDWI = "29529958"  # Regionale Dienst Werk en Inkomen Kromme Rijn Heuvelrug
DEMO_ROO_ID = VRU
DEMO_ROO_IDS = (VRU, GGD, ODRU, RDWI)
EVERY = DEMO_ROO_IDS
FACILITATOR = RoleKind.FACILITATOR


@dataclass(frozen=True)
class Persona:
    email: str
    full_name: str
    job_title: str
    kind: str
    gm_code: str | None  # None: a facilitator, who works for the GR body itself
    roo_ids: tuple[str, ...] = EVERY  # the demo collaborations this persona acts in (where its partner is)


PERSONAS = (
    Persona("facilitator@vru.example", "Fenna Brouwer", "Programmamanager samenwerking", FACILITATOR, None, (VRU,)),
    Persona("facilitator@ggdru.example", "Sanne Hendriks", "Adviseur bestuurszaken", FACILITATOR, None, (GGD,)),
    Persona("facilitator@odru.example", "Mark van Leeuwen", "Strateeg opdrachtgever", FACILITATOR, None, (ODRU,)),
    Persona("facilitator@rdwi.example", "Noor El Amrani", "Kwartiermaker samenwerking", FACILITATOR, None, (RDWI,)),
    Persona("ambtelijk@utrecht.example", "Umar Bakker", "Adviseur openbare orde", RoleKind.OFFICIAL, "GM0344"),
    Persona("bestuurlijk@utrecht.example", "Ingrid van Dam", "Burgemeester", RoleKind.EXECUTIVE, "GM0344"),
    Persona("ambtelijk@zeist.example", "Zoë Smit", "Adviseur veiligheid", RoleKind.OFFICIAL, "GM0355"),
    Persona("bestuurlijk@zeist.example", "Koen Mulder", "Burgemeester", RoleKind.EXECUTIVE, "GM0355"),
    Persona("ambtelijk@debilt.example", "Bram de Jong", "Adviseur integrale veiligheid", RoleKind.OFFICIAL, "GM0310"),
    Persona("bestuurlijk@debilt.example", "Eva Visser", "Burgemeester", RoleKind.EXECUTIVE, "GM0310"),
    Persona("raadslid@utrecht.example", "Rik Jansen", "Gemeenteraadslid", RoleKind.READER, "GM0344", (VRU, GGD)),
)  # fmt: skip

# A third contact for these partners, so that their check-in answers reach the anonymity threshold.
EXTRA_RESPONDENTS = ("GM0344", "GM0355", "GM0310", "GM0307")

FIRST_NAMES = (
    "Anouk", "Bas", "Chantal", "Daan", "Esther", "Freek", "Gert-Jan", "Hanneke", "Ilse", "Jeroen", "Karin", "Lars",
    "Marieke", "Niels", "Olga", "Pieter", "Quinten", "Renate", "Sander", "Tessa", "Ugur", "Vera", "Willem", "Yvonne",
    "Arjen", "Bianca", "Cor", "Dewi", "Erik", "Fatma", "Gijs", "Hester", "Joost", "Kim", "Lotte", "Maarten",
)  # fmt: skip
LAST_NAMES = (
    "de Vries", "van den Berg", "Bos", "Dekker", "Hoekstra", "Kok", "Meijer", "de Graaf", "Peters", "Vermeulen",
    "van Dijk", "Scholten", "Koster", "Prins", "Willems", "de Haan", "Postma", "Kuipers", "Verhoeven", "Huisman",
    "van Wijk", "Brouwers", "Jacobs", "Veenstra", "Schouten", "Hermans", "van Vliet", "Smits", "Gerritsen", "Lammers",
)  # fmt: skip


@dataclass
class Cast:
    """Who acts in one demo collaboration."""

    collaboration: Collaboration
    facilitator: Person
    partners: list[Partner]
    officials: dict[Any, Person] = field(default_factory=dict)  # partner id -> ambtelijk contact
    executives: dict[Any, Person] = field(default_factory=dict)  # partner id -> bestuurlijk contact
    extras: dict[Any, list[Person]] = field(default_factory=dict)  # partner id -> further ambtelijk contacts
    readers: list[Person] = field(default_factory=list)

    def partner(self, gm_code: str) -> Partner | None:
        return next((p for p in self.partners if p.organisation.code == gm_code), None)

    def contacts(self, partner: Partner) -> list[Person]:
        return [self.officials[partner.pk], self.executives[partner.pk], *self.extras.get(partner.pk, [])]


def slug(organisation: Organisation) -> str:
    return slugify(organisation.name).replace("-", "")


class People:
    """Creates (once) and finds the demo people; counts what it changed."""

    def __init__(self, *, domain: str = "", facilitator: Person | None = None) -> None:
        """``domain``: generated contacts get ``<kind>.<code>@<domain>`` (the benchmarks' national data set);
        ``facilitator``: one facilitator of every collaboration instead of the personas."""
        self.changes = 0
        self.domain = domain
        self.facilitator = facilitator
        self._hash: str | None = None

    def _password(self, person: Person | None = None) -> str:
        """One hash of the demo password for everyone (hashing costs a noticeable fraction of a second)."""
        if self._hash is None:
            if person is not None and check_password(DEMO_PASSWORD, person.password):
                self._hash = person.password
            else:
                self._hash = make_password(DEMO_PASSWORD)
        return self._hash

    def person(self, email: str, full_name: str, job_title: str, organisation: Organisation) -> Person:
        person: Person | None = Person.objects.filter(email=email).first()
        if person is None:
            person = Person.objects.create(
                email=email,
                full_name=full_name,
                job_title=job_title,
                organisation=organisation,
                password=self._password(),
            )
            record(None, "person.created", person, after={"email": email, "demo": True})
            self.changes += 1
            return person
        known = self._password(person)
        if person.organisation_id != organisation.pk or (
            person.password != known and not check_password(DEMO_PASSWORD, person.password)
        ):
            # Keep the printed logins true: the demo people belong where the table says, with its password.
            person.organisation = organisation
            person.password = known
            person.save(update_fields=["organisation", "password"])
            record(None, "person.demo_reset", person, after={"organisation": organisation.name})
            self.changes += 1
        return person

    def second_factor(self, facilitator: Person, collaboration: Collaboration) -> None:
        if not Authenticator.objects.filter(user=facilitator, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(facilitator, DEMO_TOTP_SECRET)
            record(None, "person.totp_activated", facilitator, collaboration=collaboration, after={"demo": True})
            self.changes += 1

    def role(
        self, collaboration: Collaboration, person: Person, kind: str, partner: Partner | None, by: "Person"
    ) -> None:
        if not Role.objects.filter(person=person, collaboration=collaboration, partner=partner, kind=kind).exists():
            services.assign_role(collaboration=collaboration, person=person, kind=kind, partner=partner, by=by)
            self.changes += 1

    def email(self, prefix: str, organisation: Organisation) -> str:
        if self.domain:
            return f"{prefix}.{slugify(key(organisation))}@{self.domain}"
        return f"{prefix}@{slug(organisation)}.example"

    def cast(self, collaboration: Collaboration, generated: dict[str, tuple[str, str, str]]) -> Cast:
        """Everyone of ``collaboration``, with the workspace active and every role in place."""
        body = collaboration.body
        partners = list(collaboration.partners.current().select_related("organisation").order_by("organisation__name"))
        by_code = {p.organisation.code: p for p in partners}
        roo_id = collaboration.roo_id or ""
        facilitator = self.facilitator
        if facilitator is None:
            if body is None:
                raise CommandError(
                    _("%(name)s heeft geen eigen organisatie in het register.") % {"name": collaboration}
                )
            persona = next(p for p in PERSONAS if p.kind == RoleKind.FACILITATOR and roo_id in p.roo_ids)
            facilitator = self.person(persona.email, persona.full_name, persona.job_title, body)
            self.second_factor(facilitator, collaboration)
        if not collaboration.workspace_active:
            services.activate_workspace(collaboration=collaboration, by=facilitator)
            self.changes += 1
        elif not Role.objects.filter(
            person=facilitator, collaboration=collaboration, kind=RoleKind.FACILITATOR
        ).exists():
            # Someone else started this workspace: they make the demo facilitator a facilitator too.
            other = Role.objects.filter(collaboration=collaboration, kind=RoleKind.FACILITATOR).first()
            if other is None:
                raise CommandError(_("Deze werkplaats heeft geen facilitator die de demo kan inrichten."))
            self.role(collaboration, facilitator, RoleKind.FACILITATOR, None, other.person)
        cast = Cast(collaboration=collaboration, facilitator=facilitator, partners=partners)
        personas: dict[tuple[str | None, str], Persona] = {
            (p.gm_code, p.kind): p for p in PERSONAS if p.gm_code and roo_id in p.roo_ids and not self.domain
        }
        for partner in partners:
            organisation = partner.organisation
            for kind, prefix, title in (
                (RoleKind.OFFICIAL, "ambtelijk", "Beleidsadviseur"),
                (RoleKind.EXECUTIVE, "bestuurlijk", "Wethouder"),
            ):
                acting = personas.get((organisation.code, kind))
                if acting is not None:
                    person = self.person(acting.email, acting.full_name, acting.job_title, organisation)
                else:
                    name = generated[key(organisation)][0 if kind == RoleKind.OFFICIAL else 1]
                    person = self.person(self.email(prefix, organisation), name, title, organisation)
                self.role(collaboration, person, kind, partner, facilitator)
                (cast.officials if kind == RoleKind.OFFICIAL else cast.executives)[partner.pk] = person
            if organisation.code in EXTRA_RESPONDENTS and not self.domain:
                name = generated[key(organisation)][2]
                extra = self.person(self.email("beleid", organisation), name, "Beleidsmedewerker", organisation)
                self.role(collaboration, extra, RoleKind.OFFICIAL, partner, facilitator)
                cast.extras[partner.pk] = [extra]
        for persona in PERSONAS:
            if persona.kind == RoleKind.READER and roo_id in persona.roo_ids and persona.gm_code in by_code:
                partner = by_code[persona.gm_code]
                reader = self.person(persona.email, persona.full_name, persona.job_title, partner.organisation)
                self.role(collaboration, reader, RoleKind.READER, partner, facilitator)
                cast.readers.append(reader)
        return cast


def key(organisation: Organisation) -> str:
    return organisation.code or str(organisation.pk)


def generated_names(codes: list[str]) -> dict[str, tuple[str, str, str]]:
    """Three made-up names per organisation code (see ``key``), the same on every run."""
    names = {}
    for n, code in enumerate(sorted(codes)):
        names[code] = tuple(
            f"{FIRST_NAMES[(3 * n + k) % len(FIRST_NAMES)]} {LAST_NAMES[(7 * n + 11 * k) % len(LAST_NAMES)]}"
            for k in range(3)
        )
    return names  # type: ignore[return-value]


def start_of(today: datetime.date, years: float) -> datetime.date:
    return today - datetime.timedelta(days=round(365.25 * years))
