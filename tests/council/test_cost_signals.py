"""Early cost signals (Deel ervaringen) beside the key figures of their regeling and year, both ways."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from samen.council.figures import save_key_figures
from samen.experiences.services import signals
from tests.health import builders as b

pytestmark = pytest.mark.django_db


def figures(demo, year: int, result: str) -> None:
    save_key_figures(
        collaboration=demo.collaboration,
        by=demo.facilitator,
        year=year,
        basis="jaarrekening",
        values={"equity_end": Decimal(1_180_000), "result": Decimal(result)},
        partners={
            demo.utrecht: {"amount": Decimal(600_000)},
            demo.zeist: {"amount": Decimal(250_000)},
            demo.de_bilt: {"amount": Decimal(150_000)},
        },
    )


def signal(demo, day: datetime.date, subject: str, *, kind="kosten_hoger", amount=None, addressee="iedereen"):
    with time_machine.travel(b.at(day), tick=False):
        return signals.raise_signal(
            collaboration=demo.collaboration,
            by=demo.zeist_beleidsmedewerker,
            from_partner=demo.zeist,
            kind=kind,
            subject=subject,
            text="Zie de kwartaalcijfers.",
            addressee=addressee,
            amount=amount,
        )


def year_section(page, year: int) -> str:
    text = page.content.decode()
    start = text.index(f'id="jaar-{year}"')
    end = text.find("<h4", start + 1)
    return text[start : end if end > 0 else None]


@pytest.fixture
def signalled(demo):
    figures(demo, 2025, "-40000")
    found = {
        "ict": signal(demo, datetime.date(2025, 5, 12), "Kosten ICT hoger dan begroot", amount="42.000"),
        "compliment": signal(demo, datetime.date(2025, 6, 2), "Goede samenwerking", kind="compliment"),
        "private": signal(
            demo,
            datetime.date(2026, 2, 3),
            "Wij betalen te veel voor inspecties",
            kind="te_veel_betalen",
            addressee="facilitator",
        ),
        "old": signal(demo, datetime.date(2024, 9, 9), "Huur hoger"),
    }
    figures(demo, 2026, "10000")
    return found


def test_the_figures_page_shows_each_years_cost_signals_beside_its_figures(demo, signalled, client_for):
    page = client_for(demo.facilitator).get(reverse("council:figures", args=[demo.collaboration.pk]))
    in_2025 = year_section(page, 2025)
    assert "Kosten ICT hoger dan begroot" in in_2025
    assert "€ 42.000,00" in in_2025
    assert reverse("experiences:signal", args=[demo.collaboration.pk, signalled["ict"].pk]) in in_2025
    assert "Goede samenwerking" not in page.content.decode()  # a compliment is no cost signal
    assert "Wij betalen te veel voor inspecties" in year_section(page, 2026)
    assert '<a class="utrecht-link" href="#jaar-2025">1 signaal</a>' in page.content.decode()


def test_a_contact_sees_only_the_cost_signals_shared_with_their_partner_or_everyone(demo, signalled, client_for):
    page = client_for(demo.de_bilt_beleidsmedewerker).get(reverse("council:figures", args=[demo.collaboration.pk]))
    assert "Kosten ICT hoger dan begroot" in year_section(page, 2025)
    assert "Wij betalen te veel voor inspecties" not in page.content.decode()  # to the facilitator only
    assert "Geen kostensignalen in dit jaar." in year_section(page, 2026)


def test_a_reader_sees_the_figures_but_no_signals(demo, signalled, client_for):
    page = client_for(demo.raadslid).get(reverse("council:figures", args=[demo.collaboration.pk]))
    text = page.content.decode()
    assert "€ 1.180.000,00" in text
    assert "Kosten ICT hoger dan begroot" not in text  # Deel ervaringen is for contacts and the facilitator
    assert 'id="jaar-2025"' not in text


def test_a_cost_signal_shows_the_figures_of_its_regeling_in_its_year(demo, signalled, client_for):
    url = reverse("experiences:signal", args=[demo.collaboration.pk, signalled["ict"].pk])
    text = client_for(demo.zeist_beleidsmedewerker).get(url).content.decode()
    assert "Kengetallen van de regeling in 2025" in text
    assert "<dt>Bijdragen van de deelnemers (jaarrekening)</dt><dd>€ 1.000.000,00</dd>" in text
    assert "<dt>Resultaat (jaarrekening)</dt><dd>€ -40.000,00</dd>" in text
    assert f'href="{reverse("council:figures", args=[demo.collaboration.pk])}#jaar-2025"' in text


def test_a_cost_signal_of_a_year_without_figures_says_they_are_missing(demo, signalled, client_for):
    url = reverse("experiences:signal", args=[demo.collaboration.pk, signalled["old"].pk])
    text = client_for(demo.zeist_beleidsmedewerker).get(url).content.decode()
    assert "Voor 2024 zijn nog geen kengetallen ingevoerd." in text


def test_a_signal_about_something_else_shows_no_figures(demo, signalled, client_for):
    url = reverse("experiences:signal", args=[demo.collaboration.pk, signalled["compliment"].pk])
    text = client_for(demo.zeist_beleidsmedewerker).get(url).content.decode()
    assert "Goede samenwerking" in text
    assert "Kengetallen van de regeling" not in text


def test_the_figures_page_asks_the_same_number_of_queries_however_many_signals(
    demo, client_for, django_assert_num_queries
):
    figures(demo, 2025, "0")
    facilitator = client_for(demo.facilitator)
    url = reverse("council:figures", args=[demo.collaboration.pk])
    facilitator.get(url)
    signal(demo, datetime.date(2025, 3, 3), "Eerste")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        facilitator.get(url)
    for n in range(5):
        signal(demo, datetime.date(2025, 4, 1 + n), f"Signaal {n}")
    with CaptureQueriesContext(connection) as six:
        facilitator.get(url)
    assert len(six) == len(one)
