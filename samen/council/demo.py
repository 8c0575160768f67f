"""A full year of the P&C cycle for a demo collaboration, made through the services (so audited and notified).

The demo command calls ``build_cycle_year`` per regeling and year; only what has happened by ``today``
is created (a document is never sent in the future), so the current year shows a cycle under way.
"""

import datetime
from collections.abc import Collection, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from samen.collaborations.models import Collaboration, Partner
from samen.council import figures, services
from samen.council.models import Basis, Document, DocumentKind, OwnMoment, Stance

OWN_MOMENT = "Voorjaarsnota in het algemeen bestuur"

if TYPE_CHECKING:
    from samen.accounts.models import Person

STANCES = [Stance.POSITIVE, Stance.REMARKS, Stance.NEGATIVE, Stance.REMARKS]
THEMES = [["indexatie"], ["indexatie", "reserves"], ["personeel", "indexatie"], ["risico's"]]
TEXTS = {
    Stance.POSITIVE: "De raad kan zich vinden in de ontwerpbegroting.",
    Stance.REMARKS: "De raad stemt in, maar vraagt de indexatie te beperken en de reserves te benutten.",
    Stance.NEGATIVE: "De raad vindt de stijging van de bijdrage te groot en vraagt een sobere begroting.",
}


def _document(
    collaboration: Collaboration,
    by: "Person",
    year: int,
    kind: str,
    title: str,
    sent_on: datetime.date,
    today: datetime.date,
) -> Document | None:
    if sent_on > today:
        return None
    slug = title.lower().replace(" ", "-")
    return services.record_document(
        collaboration=collaboration,
        by=by,
        year=year,
        kind=kind,
        title=title,
        sent_on=sent_on,
        link=f"https://www.example.org/{slug}.pdf",
    )


def _zienswijzen(
    document: Document,
    contacts: Mapping[Partner, Any],
    facilitator: "Person",
    today: datetime.date,
    deciding: Collection[Partner],
) -> None:
    """Every council gives its view a few weeks before the period ends; ``deciding`` keep a draft while it runs."""
    assert document.zienswijze_until is not None
    decided = min(document.zienswijze_until - datetime.timedelta(days=10), today)
    running = document.zienswijze_until >= today
    for index, (partner, contact) in enumerate(contacts.items()):
        stance = STANCES[index % len(STANCES)]
        zienswijze = services.save_zienswijze(
            document=document,
            partner=partner,
            by=contact,
            stance=stance,
            text=TEXTS[stance],
            themes=THEMES[index % len(THEMES)],
            decided_on=decided,
        )
        if running and partner in deciding:
            continue
        services.adopt_zienswijze(zienswijze=zienswijze, by=contact)
        if not running:
            services.respond_to_zienswijze(
                zienswijze=zienswijze,
                by=facilitator,
                response="Het algemeen bestuur heeft de indexatie beperkt tot de raming van het Centraal Planbureau."
                if stance != Stance.POSITIVE
                else "Het algemeen bestuur dankt de raad voor de instemming.",
            )


def has_cycle_year(collaboration: Collaboration, year: int) -> bool:
    """Whether the year's cycle was written before (the demo writes each year once)."""
    return (
        Document.objects.filter(collaboration=collaboration, year=year).exists()
        or OwnMoment.objects.filter(
            collaboration=collaboration, due_on=datetime.date(year, 3, 1), title=OWN_MOMENT
        ).exists()
    )


def build_cycle_year(
    collaboration: Collaboration,
    year: int,
    *,
    facilitator: "Person",
    contacts: Mapping[Partner, Any],
    today: datetime.date | None = None,
    deciding: Collection[Partner] | None = None,
) -> list[Document]:
    """Create the year's cycle: an own moment, the Wgr documents, every council's zienswijze and the figures.

    ``contacts``: per partner a person who may write its zienswijze (a contact or its griffie).
    ``deciding``: the councils whose zienswijze is still a draft while a period runs (default: the last).
    """
    today = today or timezone.localdate()
    deciding = list(contacts)[-1:] if deciding is None else deciding
    services.add_own_moment(
        collaboration=collaboration,
        by=facilitator,
        title=OWN_MOMENT,
        due_on=datetime.date(year, 3, 1),
    )
    created = [
        _document(
            collaboration,
            facilitator,
            year,
            DocumentKind.KADERBRIEF,
            f"Kaderbrief {year + 1}",
            datetime.date(year, 1, 20),
            today,
        ),
        _document(
            collaboration,
            facilitator,
            year,
            DocumentKind.PROVISIONAL_ACCOUNTS,
            f"Voorlopige jaarrekening {year - 1}",
            datetime.date(year, 3, 25),
            today,
        ),
    ]
    draft = _document(
        collaboration,
        facilitator,
        year,
        DocumentKind.DRAFT_BUDGET,
        f"Ontwerpbegroting {year + 1}",
        datetime.date(year, 3, 2),
        today,
    )
    if draft is not None:
        _zienswijzen(draft, contacts, facilitator, today, deciding)
    created.append(draft)
    created.append(
        _document(
            collaboration,
            facilitator,
            year,
            DocumentKind.ANNUAL_ACCOUNTS,
            f"Jaarstukken {year - 1}",
            datetime.date(year, 7, 1),
            today,
        )
    )
    amendment = _document(
        collaboration,
        facilitator,
        year,
        DocumentKind.BUDGET_AMENDMENT,
        f"Eerste begrotingswijziging {year}",
        datetime.date(year, 9, 15),
        today,
    )
    if amendment is not None:
        _zienswijzen(amendment, contacts, facilitator, today, deciding)
    created.append(amendment)
    partners = list(contacts)
    total = Decimal(1_500_000 + (year % 10) * 50_000)
    for basis, equity in ((Basis.BUDGET, Decimal(1_100_000)), (Basis.ACCOUNTS, Decimal(1_180_000))):
        figures.save_key_figures(
            collaboration=collaboration,
            by=facilitator,
            year=year,
            basis=basis,
            values={
                "equity_start": Decimal(1_000_000),
                "equity_end": equity,
                "debt_start": Decimal(600_000),
                "debt_end": Decimal(550_000),
                "result": equity - Decimal(1_000_000),
                "reserves": equity - Decimal(100_000),
                "risks": "Loon- en prijsindexatie boven de raming; uitvoering nieuwe wettelijke taken.",
            },
            partners={
                partner: {
                    "amount": (total / len(partners)).quantize(Decimal("0.01")),
                    "share": (Decimal(100) / len(partners)).quantize(Decimal("0.001")),
                    "votes": 1,
                }
                for partner in partners
            },
        )
    return [document for document in created if document is not None]
