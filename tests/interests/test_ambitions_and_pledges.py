"""Ambitions, pledges with their history, and what the matrix flags."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from samen.audit.models import AuditEvent
from samen.core.services import ConcurrentEditError
from samen.interests.matrix import matrix_for
from samen.interests.models import Ambition, Pledge
from samen.interests.services import create_ambition, pledge, update_ambition

pytestmark = pytest.mark.django_db


@pytest.fixture
def ambition(demo):
    return create_ambition(
        collaboration=demo.collaboration,
        by=demo.facilitator,
        title="Eén omgevingsloket",
        description="Inwoners en bedrijven kunnen bij één loket terecht.",
        horizon_year=2028,
        needed_hours_per_month=400,
        needed_budget_euros=Decimal("250000"),
    )


def test_a_partner_pledges_and_a_change_keeps_the_history(demo, ambition):
    first = pledge(
        ambition=ambition,
        partner=demo.utrecht,
        by=demo.utrecht_beleidsmedewerker,
        urgency=4,
        hours_per_month=80,
        budget_euros=100000,
    )
    second = pledge(
        ambition=ambition,
        partner=demo.utrecht,
        by=demo.utrecht_wethouder,
        urgency=5,
        fte="1",
        budget_euros=120000,
        replaces=first.pk,
    )

    first.refresh_from_db()
    assert first.superseded_at is not None
    assert second.superseded_at is None
    assert list(Pledge.objects.current().values_list("urgency", flat=True)) == [5]
    assert Pledge.objects.history_of(ambition).count() == 2
    assert second.total_hours == Decimal("156")
    assert AuditEvent.objects.filter(action="interests.pledged").count() == 2


def test_the_same_pledge_sent_twice_changes_nothing(demo, ambition):
    values = {
        "ambition": ambition,
        "partner": demo.zeist,
        "by": demo.zeist_beleidsmedewerker,
        "urgency": 3,
        "hours_per_month": "20",
    }
    pledge(**values)
    pledge(**values)

    assert Pledge.objects.count() == 1


def test_two_people_changing_one_pledge_at_once_do_not_overwrite_each_other(demo, ambition):
    first = pledge(ambition=ambition, partner=demo.zeist, by=demo.zeist_beleidsmedewerker, urgency=3)
    pledge(ambition=ambition, partner=demo.zeist, by=demo.zeist_wethouder, urgency=4, replaces=first.pk)

    with pytest.raises(ConcurrentEditError):
        pledge(ambition=ambition, partner=demo.zeist, by=demo.zeist_beleidsmedewerker, urgency=2, replaces=first.pk)
    assert Pledge.objects.current().get().urgency == 4


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"hours_per_month": "-8"}, "hours_per_month", "Het aantal uren per maand kan niet negatief zijn."),
        ({"fte": "-0.5"}, "fte", "Het aantal fte kan niet negatief zijn."),
        ({"budget_euros": "-1000"}, "budget_euros", "Een budget in euro kan niet negatief zijn."),
        ({"urgency": 0}, "urgency", "Kies een urgentie van 1 (nauwelijks) tot en met 5 (zeer)."),
        ({"urgency": 6}, "urgency", "Kies een urgentie van 1 (nauwelijks) tot en met 5 (zeer)."),
        ({"urgency": "hoog"}, "urgency", "Kies een urgentie van 1 (nauwelijks) tot en met 5 (zeer)."),
    ],
)
def test_bad_pledges_get_a_dutch_message_and_change_nothing(demo, ambition, values, field, message):
    with pytest.raises(ValidationError) as refused:
        pledge(ambition=ambition, partner=demo.utrecht, by=demo.utrecht_beleidsmedewerker, **{"urgency": 3, **values})

    assert refused.value.message_dict[field] == [message]
    assert not Pledge.objects.exists()
    assert not AuditEvent.objects.filter(action="interests.pledged").exists()


def test_nobody_pledges_for_a_partner_they_do_not_act_for(demo, ambition):
    with pytest.raises(PermissionDenied, match="U handelt niet namens De Bilt"):
        pledge(ambition=ambition, partner=demo.de_bilt, by=demo.zeist_wethouder, urgency=5)
    with pytest.raises(PermissionDenied):
        pledge(ambition=ambition, partner=demo.utrecht, by=demo.raadslid, urgency=5)

    assert not Pledge.objects.exists()


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        (
            {"needed_hours_per_month": "-1"},
            "needed_hours_per_month",
            "Het aantal benodigde uren kan niet negatief zijn.",
        ),
        ({"needed_budget_euros": "-5"}, "needed_budget_euros", "Het benodigde budget kan niet negatief zijn."),
        ({"title": "  "}, "title", "Geef de ambitie een titel."),
        ({"horizon_year": 1850}, "horizon_year", "Kies als horizon een jaartal tussen 2000 en 2100."),
    ],
)
def test_bad_ambitions_get_a_dutch_message_and_change_nothing(demo, values, field, message):
    with pytest.raises(ValidationError) as refused:
        create_ambition(collaboration=demo.collaboration, by=demo.facilitator, **{"title": "Samen inkopen", **values})

    assert refused.value.message_dict[field] == [message]
    assert not Ambition.objects.exists()


def test_an_ambition_edited_by_two_people_at_once_keeps_the_first_change(demo, ambition):
    values = {
        "title": "Eén loket",
        "description": "",
        "horizon_year": 2029,
        "needed_hours_per_month": 400,
        "needed_budget_euros": 250000,
    }
    update_ambition(ambition=ambition, by=demo.utrecht_beleidsmedewerker, expected_version=1, **values)

    with pytest.raises(ConcurrentEditError):
        update_ambition(
            ambition=ambition,
            by=demo.zeist_beleidsmedewerker,
            expected_version=1,
            **{**values, "title": "Twee loketten"},
        )
    ambition.refresh_from_db()
    assert ambition.title == "Eén loket"


def test_a_reader_cannot_add_ambitions(demo):
    with pytest.raises(PermissionDenied):
        create_ambition(collaboration=demo.collaboration, by=demo.raadslid, title="Meer geld")


def test_the_matrix_flags_an_urgency_gap_missing_pledges_empty_pledges_and_shortfalls(demo, ambition):
    pledge(
        ambition=ambition,
        partner=demo.utrecht,
        by=demo.utrecht_beleidsmedewerker,
        urgency=5,
        hours_per_month=120,
        budget_euros=50000,
    )
    pledge(ambition=ambition, partner=demo.zeist, by=demo.zeist_beleidsmedewerker, urgency=1)

    matrix = matrix_for(demo.collaboration, demo.utrecht_beleidsmedewerker)

    [row] = matrix.rows
    texts = [f.text for f in matrix.findings]
    assert (
        "Urgentiekloof bij Eén omgevingsloket: Zeist (1) geeft een lage urgentie, "
        "terwijl Utrecht (5) haar hoog inschat." in texts
    )
    assert "De Bilt heeft nog geen inzet opgegeven voor Eén omgevingsloket." in texts
    assert "Zeist geeft urgentie 1, maar zegt voor Eén omgevingsloket geen uren, fte of geld toe." in texts
    assert "Voor Eén omgevingsloket is 120 uur per maand toegezegd van de 400 die nodig zijn (30%)." in texts
    assert "Voor Eén omgevingsloket is € 50.000 toegezegd van de € 250.000 die nodig is (20%)." in texts
    cells = {str(c.partner): c for c in row.cells}
    assert cells["Zeist"].urgency_gap
    assert not cells["Utrecht"].urgency_gap
    assert cells["Utrecht"].can_pledge
    assert not cells["Zeist"].can_pledge
    assert (row.hours.status, row.budget.status) == ("zorg", "zorg")


def test_the_matrix_page_shows_pledges_and_findings(demo, ambition, client_for):
    pledge(
        ambition=ambition,
        partner=demo.utrecht,
        by=demo.utrecht_beleidsmedewerker,
        urgency=5,
        hours_per_month="12.5",
        budget_euros=20000,
    )

    response = client_for(demo.raadslid).get(reverse("interests:ambitions", args=[demo.collaboration.pk]))

    assert response.status_code == 200
    assert "12,5 u/mnd" in response.text
    assert "€ 20.000" in response.text
    assert "De Bilt en Zeist hebben nog geen inzet opgegeven voor Eén omgevingsloket." in response.text


def test_the_pledge_form_shows_the_dutch_message_for_negative_hours_and_saves_nothing(demo, ambition, client_for):
    url = reverse("interests:pledge", args=[demo.collaboration.pk, ambition.pk, demo.utrecht.pk])
    response = client_for(demo.utrecht_beleidsmedewerker).post(url, {"urgency": "4", "hours_per_month": "-10"})

    assert response.status_code == 400
    assert "Het aantal uren per maand kan niet negatief zijn." in response.text
    assert not Pledge.objects.exists()


def test_the_pledge_form_refuses_an_urgency_outside_one_to_five(demo, ambition, client_for):
    url = reverse("interests:pledge", args=[demo.collaboration.pk, ambition.pk, demo.utrecht.pk])
    response = client_for(demo.utrecht_beleidsmedewerker).post(url, {"urgency": "9"})

    assert response.status_code == 400
    assert "Kies een urgentie van 1 (nauwelijks) tot en met 5 (zeer)." in response.text
    assert not Pledge.objects.exists()


def test_the_pledge_form_accepts_dutch_decimals(demo, ambition, client_for):
    url = reverse("interests:pledge", args=[demo.collaboration.pk, ambition.pk, demo.utrecht.pk])
    response = client_for(demo.utrecht_beleidsmedewerker).post(url, {"urgency": "4", "fte": "0,5", "basis": ""})

    assert response.status_code == 302
    assert Pledge.objects.get().fte == Decimal("0.5")


def test_the_pledge_form_of_another_partner_is_refused_in_dutch(demo, ambition, client_for):
    url = reverse("interests:pledge", args=[demo.collaboration.pk, ambition.pk, demo.zeist.pk])
    response = client_for(demo.utrecht_beleidsmedewerker).post(url, {"urgency": "4"})

    assert response.status_code == 403
    assert "U handelt niet namens Zeist" in response.text
    assert not Pledge.objects.exists()


def test_the_pledge_csv_has_one_row_per_ambition_and_partner(demo, ambition, client_for):
    pledge(ambition=ambition, partner=demo.utrecht, by=demo.utrecht_beleidsmedewerker, urgency=5, fte="0.5")

    response = client_for(demo.zeist_beleidsmedewerker).get(
        reverse("interests:matrix_csv", args=[demo.collaboration.pk])
    )

    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Ambitie;Partner;Urgentie")
    assert (
        "Eén omgevingsloket;Utrecht;5;;0,50;"
        in lines[1:][next(i for i, line in enumerate(lines[1:]) if ";Utrecht;" in line)]
    )
    assert len(lines) == 4


def test_editing_an_ambition_someone_changed_meanwhile_shows_both_and_keeps_my_text(demo, ambition, client_for):
    url = reverse("interests:ambition_edit", args=[demo.collaboration.pk, ambition.pk])
    values = {"title": "Eén loket", "needed_hours_per_month": "400", "needed_budget_euros": "250000", "version": "1"}
    client_for(demo.utrecht_beleidsmedewerker).post(url, values)

    response = client_for(demo.zeist_beleidsmedewerker).post(url, {**values, "title": "Twee loketten"})

    assert response.status_code == 400
    assert "Intussen opgeslagen:" in response.text
    assert "Twee loketten" in response.text
    ambition.refresh_from_db()
    assert ambition.title == "Eén loket"
    assert 'name="version" value="2"' in response.text
