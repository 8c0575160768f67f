"""Real register data for raadsgrip tests: Landgraaf (GM0882) and its 19 current regelingen."""

import csv
import datetime
from decimal import Decimal

from samen.collaborations.models import Collaboration, CollaborationKind, Partner
from samen.collaborations.register.files import LEGAL_FORMS
from samen.council.figures import save_key_figures
from samen.settings import DATA_DIR
from tests.personas import municipality, person

LANDGRAAF = "GM0882"


def read(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / "roo" / name, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def landgraaf_regelingen() -> tuple[object, list[Collaboration]]:
    """Landgraaf and every current regeling it takes part in, with its real co-participants from the register."""
    landgraaf = municipality(LANDGRAAF)
    regelingen = {row["roo_id"]: row for row in read("gr_regelingen.csv")}
    participants = [row for row in read("gr_deelnemers.csv") if row["regeling_actueel"] == "ja"]
    own = [row for row in participants if row["deelnemer_cbs_code"] == LANDGRAAF]
    collaborations = []
    for row in own:
        regeling = regelingen[row["regeling_roo_id"]]
        collaboration = Collaboration.objects.create(
            name=regeling["naam"],
            short_name=regeling["citeertitel"],
            kind=CollaborationKind.GR,
            legal_form=LEGAL_FORMS.get(regeling["samenwerkingsvorm"], ""),
            purpose=regeling["doel"],
            roo_id=regeling["roo_id"],
            workspace_active=True,
        )
        Partner.objects.create(
            collaboration=collaboration,
            organisation=landgraaf,
            joined_on=datetime.date.fromisoformat(row["toetredings_datum"]) if row["toetredings_datum"] else None,
            governing_bodies=row["bestuursorganen"],
        )
        others = [
            p
            for p in participants
            if p["regeling_roo_id"] == row["regeling_roo_id"]
            and p["deelnemer_cbs_code"].startswith("GM")
            and p["deelnemer_cbs_code"] != LANDGRAAF
        ][:2]
        for other in others:
            try:
                organisation = municipality(other["deelnemer_cbs_code"])
            except KeyError:  # merged away since the register row was written
                continue
            Partner.objects.get_or_create(collaboration=collaboration, organisation=organisation)
        collaborations.append(collaboration)
    return landgraaf, collaborations


def fill_figures(collaboration: Collaboration, by, year: int, landgraaf, index: int) -> None:
    """Figures of one regeling for ``year``: Landgraaf pays 100.000 + index × 1.000 for a 20% share, 1 of 3 votes."""
    parts = {}
    for partner in collaboration.partners.all():
        mine = partner.organisation_id == landgraaf.pk
        parts[partner] = {
            "amount": Decimal(100_000 + index * 1_000) if mine else Decimal(250_000),
            "share": Decimal(20) if mine else Decimal(40),
            "votes": 1 if mine else 2,
        }
    save_key_figures(
        collaboration=collaboration,
        by=by,
        year=year,
        basis="begroting",
        values={
            "equity_start": Decimal(1_000_000),
            "equity_end": Decimal(1_100_000),
            "debt_start": Decimal(500_000),
            "debt_end": Decimal(450_000),
            "result": Decimal(100_000),
            "reserves": Decimal(900_000),
            "risks": "Loonindexatie boven de raming.",
        },
        partners=parts,
    )


def staff(email: str = "beheer@samen.example"):
    someone = person(email, "Bea Beheer", None)
    someone.is_staff = True
    someone.save()
    return someone
