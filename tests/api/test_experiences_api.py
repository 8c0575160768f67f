"""Deel ervaringen through the API: agreements for everyone in the workspace; readings, signals and
deviations for the people who work in it; check-ins as aggregates only, never one answer."""

import pytest
from django.utils import timezone

from samen.experiences import services
from samen.experiences.models import AgreementKind, Interpretation, Signal
from tests.api.conftest import assert_problem

pytestmark = pytest.mark.django_db

CONVENANT = """Convenant Samen Sterk

Artikel 1 Kosten
1. De partners dragen de kosten naar rato van het aantal inwoners.
2. Het bureau stuurt elk kwartaal een factuur.

Artikel 2 Inwerkingtreding
Dit convenant treedt in werking op 1 januari 2026.
"""
SCORES = {"progress": 4, "trust": 4, "openness": 3, "fair_share": 2, "heard": 5, "ownership": 4}


@pytest.fixture
def agreement(demo):
    return services.import_agreement(
        collaboration=demo.collaboration,
        by=demo.utrecht_beleidsmedewerker,
        token=services.make_import_token(CONVENANT, "auto"),
        kind=AgreementKind.COVENANT,
        title="Convenant Samen Sterk",
        parties=list(demo.collaboration.current_partners()),
    )


def test_everyone_in_the_workspace_reads_the_agreements_and_articles(demo, api_for, agreement):
    raadslid = api_for(demo.raadslid, scope="lezen")
    agreements = raadslid.get(f"/samenwerkingen/{demo.collaboration.pk}/overeenkomsten").json()["results"]
    assert [(a["titel"], a["aantalArtikelen"]) for a in agreements] == [("Convenant Samen Sterk", 2)]
    articles = raadslid.get(f"/overeenkomsten/{agreement.pk}/artikelen").json()["results"]
    assert [a["nummer"] for a in articles] == ["1", "2"]
    assert_problem(raadslid.get(f"/artikelen/{articles[0]['id']}/lezingen"), 404)
    outsider = api_for(demo.amersfoort_beleidsmedewerker)
    assert_problem(outsider.get(f"/samenwerkingen/{demo.collaboration.pk}/overeenkomsten"), 404)
    assert_problem(outsider.get(f"/overeenkomsten/{agreement.pk}/artikelen"), 404)


def test_a_partner_records_its_reading_and_a_difference_is_flagged(demo, api_for, agreement):
    article = agreement.articles.get(number="1")
    path = f"/artikelen/{article.pk}/lezingen"
    body = {"deelnemer": str(demo.utrecht.pk), "houding": "anders", "tekst": "Wij lezen: naar rato van gebruik."}
    assert_problem(api_for(demo.zeist_beleidsmedewerker).post(path, body), 403)
    response = api_for(demo.utrecht_beleidsmedewerker).post(path, body)
    assert response.status_code == 201, response.content
    assert response.json()["houding"] == "anders"
    articles = api_for(demo.facilitator).get(f"/overeenkomsten/{agreement.pk}/artikelen").json()["results"]
    assert [(a["nummer"], a["verschilInLezing"], a["aantalLezingen"]) for a in articles] == [
        ("1", True, 1),
        ("2", False, 0),
    ]
    assert [r["deelnemer"] for r in api_for(demo.zeist_wethouder).get(path).json()["results"]] == [str(demo.utrecht.pk)]
    assert Interpretation.objects.count() == 1


def test_a_signal_to_one_partner_is_seen_by_the_two_partners_and_the_facilitator(demo, api_for, agreement):
    body = {
        "vanDeelnemer": str(demo.zeist.pk),
        "soort": "kosten_hoger",
        "onderwerp": "Factuur Q1 hoger dan begroot",
        "toelichting": "De factuur is 12% hoger dan de begroting.",
        "aan": "partner",
        "aanDeelnemer": str(demo.utrecht.pk),
        "artikel": str(agreement.articles.get(number="1").pk),
        "bedrag": 12500.5,
    }
    response = api_for(demo.zeist_beleidsmedewerker).post(f"/samenwerkingen/{demo.collaboration.pk}/signalen", body)
    assert response.status_code == 201, response.content
    assert (response.json()["bedrag"], response.json()["status"]) == (12500.5, "open")
    path = f"/samenwerkingen/{demo.collaboration.pk}/signalen"
    for persona, count in (("utrecht_wethouder", 1), ("facilitator", 1), ("de_bilt_beleidsmedewerker", 0)):
        assert api_for(getattr(demo, persona)).get(path).json()["totalItems"] == count, persona
    assert_problem(api_for(demo.raadslid).get(path), 404)
    problem = assert_problem(
        api_for(demo.zeist_beleidsmedewerker).post(path, {**body, "aanDeelnemer": str(demo.zeist.pk)}), 400
    )
    assert problem["invalidParams"][0]["name"] == "aanDeelnemer"
    assert Signal.objects.count() == 1


def test_a_partner_announces_a_deviation(demo, api_for, agreement):
    body = {
        "deelnemer": str(demo.de_bilt.pk),
        "artikel": str(agreement.articles.get(number="2").pk),
        "reden": "Onze raad besluit pas in maart.",
        "vanaf": timezone.localdate().isoformat(),
    }
    path = f"/samenwerkingen/{demo.collaboration.pk}/afwijkingen"
    assert_problem(api_for(demo.zeist_wethouder).post(path, body), 403)
    response = api_for(demo.de_bilt_wethouder).post(path, body)
    assert response.status_code == 201, response.content
    listed = api_for(demo.utrecht_beleidsmedewerker).get(path).json()["results"]
    assert [(d["deelnemer"], d["geldtNu"], d["kennisGenomenDoor"]) for d in listed] == [
        (str(demo.de_bilt.pk), True, [])
    ]
    problem = assert_problem(api_for(demo.de_bilt_wethouder).post(path, {**body, "vanaf": "gisteren"}), 400)
    assert problem["invalidParams"][0]["name"] == "vanaf"


def test_check_ins_show_aggregates_only_and_only_once_closed(demo, api_for):
    (checkin,) = services.schedule_checkins(
        collaboration=demo.collaboration, by=demo.facilitator, first_opens_on=timezone.localdate()
    )
    for person, partner, comment in (
        (demo.utrecht_beleidsmedewerker, demo.utrecht, "Geheim antwoord een"),
        (demo.utrecht_wethouder, demo.utrecht, "Geheim antwoord twee"),
        (demo.zeist_wethouder, demo.zeist, "Geheim antwoord drie"),
    ):
        services.answer_checkin(checkin=checkin, by=person, partner=partner, scores=SCORES, sticking=comment)
    api = api_for(demo.zeist_beleidsmedewerker, scope="lezen")
    path = f"/samenwerkingen/{demo.collaboration.pk}/check-ins"
    open_one = api.get(path).json()["results"][0]
    assert (open_one["status"], open_one["respondenten"], open_one["gemiddelden"], open_one["perDeelnemer"]) == (
        "open",
        3,
        None,
        [],
    )
    checkin.refresh_from_db()
    services.close_checkin(checkin=checkin, by=demo.facilitator)
    response = api.get(path)
    closed = response.json()["results"][0]
    assert closed["status"] == "gesloten"
    assert closed["gemiddelden"]["respondenten"] == 3
    assert closed["gemiddelden"]["eerlijkeVerdeling"] == 2.0
    # Two Utrecht answers and one of Zeist: no partner reaches three, so no partner's figures are shown.
    assert {row["deelnemer"]: row["gemiddelden"] for row in closed["perDeelnemer"]} == {
        str(p.pk): None for p in demo.partners
    }
    assert "Geheim antwoord" not in response.text
    assert_problem(api_for(demo.raadslid).get(path), 404)
    assert_problem(api_for(demo.amersfoort_beleidsmedewerker).get(path), 404)


def test_the_conversation_about_a_signal_and_taking_note_of_a_deviation(demo, api_for, agreement):
    signal = services.raise_signal(
        collaboration=demo.collaboration,
        by=demo.zeist_wethouder,
        from_partner=demo.zeist,
        kind="zorg",
        subject="Zorg over de planning",
        text="De planning schuift steeds op.",
        addressee="partner",
        addressee_partner=demo.utrecht,
    )
    reply = api_for(demo.utrecht_beleidsmedewerker).post(
        f"/signalen/{signal.pk}/reacties", {"tekst": "Klopt, we pakken het op."}
    )
    assert reply.status_code == 201, reply.content
    assert reply.json()["namens"] == str(demo.utrecht.pk)
    assert_problem(api_for(demo.de_bilt_wethouder).post(f"/signalen/{signal.pk}/reacties", {"tekst": "?"}), 404)
    done = api_for(demo.utrecht_wethouder).post(
        f"/signalen/{signal.pk}/statuswijzigingen", {"status": "afgerond", "uitkomst": "Nieuwe planning afgesproken."}
    )
    assert done.status_code == 201, done.content
    assert (done.json()["status"], done.json()["aantalReacties"]) == ("afgerond", 1)

    deviation = services.announce_deviation(
        collaboration=demo.collaboration,
        by=demo.de_bilt_wethouder,
        partner=demo.de_bilt,
        article=agreement.articles.get(number="2"),
        reason="Raadsbesluit volgt later.",
        starts_on=timezone.localdate(),
    )
    path = f"/afwijkingen/{deviation.pk}/kennisnames"
    assert_problem(api_for(demo.de_bilt_wethouder).post(path, {"deelnemer": str(demo.de_bilt.pk)}), 400)
    noted = api_for(demo.zeist_beleidsmedewerker).post(path, {"deelnemer": str(demo.zeist.pk), "opmerking": "Gezien."})
    assert noted.status_code == 201, noted.content
    assert noted.json()["kennisGenomenDoor"] == [str(demo.zeist.pk)]
    assert_problem(api_for(demo.raadslid).post(path, {"deelnemer": str(demo.utrecht.pk)}), 404)


GR_TEXT = """Gemeenschappelijke regeling Omgevingsdienst (test)

Hoofdstuk 1 Algemene bepalingen

Artikel 1 Begripsbepalingen
In deze regeling wordt verstaan onder:
a. dienst: de Omgevingsdienst;
b. deelnemers: de colleges van de deelnemende gemeenten.

Artikel 2 Belang
1. De dienst behartigt de belangen van de deelnemers op het gebied van vergunningverlening.
2. De dienst voert de taken uit die de deelnemers hem opdragen.
"""


def test_a_contact_imports_an_agreement_and_corrects_an_article(demo, api_for):
    api = api_for(demo.utrecht_beleidsmedewerker)
    response = api.post(
        f"/samenwerkingen/{demo.collaboration.pk}/overeenkomsten",
        {
            "soort": "regeling",
            "titel": "GR Omgevingsdienst",
            "tekst": GR_TEXT,
            "partijen": [str(p.pk) for p in demo.partners],
        },
    )
    assert response.status_code == 201, response.content
    assert response.json()["aantalArtikelen"] == 2
    articles = api.get(f"/overeenkomsten/{response.json()['id']}/artikelen").json()["results"]
    assert [a["nummer"] for a in articles] == ["1", "2"]

    from samen.experiences.models import Article

    article = Article.objects.get(number="2")
    changed = api.put(
        f"/artikelen/{article.pk}",
        {"nummer": "2", "titel": "Belang", "tekst": "De dienst behartigt de belangen van de deelnemers.",
         "versie": article.version},
    )  # fmt: skip
    assert changed.status_code == 200, changed.content
    assert changed.json()["tekst"].startswith("De dienst behartigt")
    late = api.put(f"/artikelen/{article.pk}", {"nummer": "2", "titel": "X", "tekst": "Y", "versie": article.version})
    assert late.status_code == 409


def test_a_text_without_articles_imports_nothing(demo, api_for):
    from samen.experiences.models import Agreement

    response = api_for(demo.facilitator).post(
        f"/samenwerkingen/{demo.collaboration.pk}/overeenkomsten",
        {"soort": "convenant", "titel": "Leeg", "tekst": "Alleen een zin zonder artikelen.", "partijen": []},
    )
    assert response.status_code == 400
    assert not Agreement.objects.exists()


def test_a_reader_cannot_import_an_agreement(demo, api_for):
    response = api_for(demo.raadslid).post(
        f"/samenwerkingen/{demo.collaboration.pk}/overeenkomsten",
        {"soort": "convenant", "titel": "X", "tekst": GR_TEXT, "partijen": []},
    )
    assert response.status_code == 403
