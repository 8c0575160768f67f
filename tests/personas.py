"""Named people and organisations for tests, built from the real municipality data in data/.

The demo collaboration has three real partner municipalities (Utrecht, Zeist, De Bilt),
each with an ambtelijk and a bestuurlijk contact, a facilitator and a councillor (raadslid)
of Utrecht who reads. Amersfoort is in another collaboration and must see nothing here.
"""

import csv
import datetime
from dataclasses import dataclass
from functools import cache

from allauth.mfa.totp.internal.auth import TOTP

from samen.accounts.models import Person
from samen.collaborations.models import (
    Collaboration,
    CollaborationKind,
    LegalForm,
    Organisation,
    OrganisationKind,
    Partner,
    Role,
    RoleKind,
)
from samen.settings import DATA_DIR

PASSWORD = "samen-test-wachtwoord"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@cache
def municipality_rows() -> dict[str, dict[str, str]]:
    with open(DATA_DIR / "gemeenten_2025.csv", encoding="utf-8") as handle:
        return {row["gm_code"]: row for row in csv.DictReader(handle)}


def municipality(gm_code: str) -> Organisation:
    """The real municipality with this GM code, created from data/gemeenten_2025.csv if needed."""
    row = municipality_rows()[gm_code]
    organisation, _ = Organisation.objects.get_or_create(
        code=gm_code,
        defaults={
            "name": row["naam"],
            "kind": OrganisationKind.MUNICIPALITY,
            "cbs_code": row["cbs_gemeentecode"],
            "oin": row["oin"],
            "kvk": row["kvk"],
            "province_code": row["provincie_code"],
            "province_name": row["provincie_naam"],
            "roo_id": row["roo_id"] or None,
        },
    )
    return organisation


def person(email: str, name: str, organisation: Organisation | None) -> Person:
    return Person.objects.create_user(email, PASSWORD, full_name=name, organisation=organisation)


def give_totp(someone: Person) -> None:
    """Facilitators must use two-step login; tests give them a known TOTP secret."""
    TOTP.activate(someone, TOTP_SECRET)


@dataclass
class Demo:
    collaboration: Collaboration
    other_collaboration: Collaboration
    utrecht: Partner
    zeist: Partner
    de_bilt: Partner
    facilitator: Person
    utrecht_beleidsmedewerker: Person
    utrecht_wethouder: Person
    zeist_beleidsmedewerker: Person
    zeist_wethouder: Person
    de_bilt_beleidsmedewerker: Person
    de_bilt_wethouder: Person
    raadslid: Person
    amersfoort_beleidsmedewerker: Person

    @property
    def partners(self) -> list[Partner]:
        return [self.utrecht, self.zeist, self.de_bilt]

    @property
    def everyone(self) -> dict[str, Person]:
        return {
            name: getattr(self, name)
            for name in (
                "facilitator",
                "utrecht_beleidsmedewerker",
                "utrecht_wethouder",
                "zeist_beleidsmedewerker",
                "zeist_wethouder",
                "de_bilt_beleidsmedewerker",
                "de_bilt_wethouder",
                "raadslid",
                "amersfoort_beleidsmedewerker",
            )
        }


def build_demo() -> Demo:
    utrecht_org, zeist_org, de_bilt_org = municipality("GM0344"), municipality("GM0355"), municipality("GM0310")
    amersfoort_org = municipality("GM0307")
    advisor_org, _ = Organisation.objects.get_or_create(name="Regionaal programmabureau", kind=OrganisationKind.OTHER)
    collaboration = Collaboration.objects.create(
        name="Regionale Uitvoeringsdienst Utrecht-Oost (test)",
        kind=CollaborationKind.GR,
        legal_form=LegalForm.PUBLIC_BODY,
        purpose="Samen uitvoeren van vergunningverlening en toezicht.",
        workspace_active=True,
        start_date=datetime.date(2020, 1, 1),
    )
    other = Collaboration.objects.create(
        name="Convenant Eemland (test)", kind=CollaborationKind.COVENANT, workspace_active=True
    )
    utrecht = Partner.objects.create(
        collaboration=collaboration, organisation=utrecht_org, joined_on=datetime.date(2020, 1, 1)
    )
    zeist = Partner.objects.create(
        collaboration=collaboration, organisation=zeist_org, joined_on=datetime.date(2020, 1, 1)
    )
    de_bilt = Partner.objects.create(
        collaboration=collaboration, organisation=de_bilt_org, joined_on=datetime.date(2020, 1, 1)
    )
    amersfoort = Partner.objects.create(collaboration=other, organisation=amersfoort_org)
    Partner.objects.create(collaboration=other, organisation=zeist_org)

    facilitator = person("facilitator@programmabureau.example", "Fatima Facilitator", advisor_org)
    give_totp(facilitator)
    people = {
        "utrecht_beleidsmedewerker": person("beleid@utrecht.example", "Umar Utrecht", utrecht_org),
        "utrecht_wethouder": person("wethouder@utrecht.example", "Wendy Wethouder", utrecht_org),
        "zeist_beleidsmedewerker": person("beleid@zeist.example", "Zoë Zeist", zeist_org),
        "zeist_wethouder": person("wethouder@zeist.example", "Zeger Wethouder", zeist_org),
        "de_bilt_beleidsmedewerker": person("beleid@debilt.example", "Bram de Bilt", de_bilt_org),
        "de_bilt_wethouder": person("wethouder@debilt.example", "Bea Wethouder", de_bilt_org),
        "raadslid": person("raadslid@utrecht.example", "Rik Raadslid", utrecht_org),
        "amersfoort_beleidsmedewerker": person("beleid@amersfoort.example", "Anna Amersfoort", amersfoort_org),
    }
    Role.objects.create(person=facilitator, collaboration=collaboration, kind=RoleKind.FACILITATOR)
    for partner, prefix in ((utrecht, "utrecht"), (zeist, "zeist"), (de_bilt, "de_bilt")):
        Role.objects.create(
            person=people[f"{prefix}_beleidsmedewerker"],
            collaboration=collaboration,
            partner=partner,
            kind=RoleKind.OFFICIAL,
        )
        Role.objects.create(
            person=people[f"{prefix}_wethouder"], collaboration=collaboration, partner=partner, kind=RoleKind.EXECUTIVE
        )
    Role.objects.create(person=people["raadslid"], collaboration=collaboration, partner=utrecht, kind=RoleKind.READER)
    Role.objects.create(
        person=people["amersfoort_beleidsmedewerker"], collaboration=other, partner=amersfoort, kind=RoleKind.OFFICIAL
    )
    return Demo(
        collaboration=collaboration,
        other_collaboration=other,
        utrecht=utrecht,
        zeist=zeist,
        de_bilt=de_bilt,
        facilitator=facilitator,
        **people,
    )
