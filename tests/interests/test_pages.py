"""The pages of Ben eerlijk: they render for the people who may see them, forms give Dutch messages,
and the matrix and analysis pages need the same number of queries for 3 or 12 partners."""

from itertools import islice

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samen.interests.models import (
    Declaration,
    DeclarationStatus,
    GoDecision,
    HonestyRound,
    Interest,
    Pledge,
    RedLine,
)
from samen.interests.services import create_ambition, pledge
from tests.interests.conftest import declare, declare_and_share
from tests.personas import municipality, municipality_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def ambition(demo):
    return create_ambition(
        collaboration=demo.collaboration, by=demo.facilitator, title="Samen handhaven", needed_hours_per_month=300
    )


def every_page(demo, honesty_round, ambition):
    c, r = demo.collaboration.pk, honesty_round.pk
    return [
        reverse("interests:ambitions", args=[c]),
        reverse("interests:ambition_create", args=[c]),
        reverse("interests:ambition", args=[c, ambition.pk]),
        reverse("interests:ambition_edit", args=[c, ambition.pk]),
        reverse("interests:pledge", args=[c, ambition.pk, demo.utrecht.pk]),
        reverse("interests:catalogue", args=[c]),
        reverse("interests:rounds", args=[c]),
        reverse("interests:round", args=[c, r]),
        reverse("interests:declaration", args=[c, r, demo.utrecht.pk]),
        reverse("interests:decision", args=[c, r, demo.utrecht.pk]),
        reverse("interests:analysis", args=[c, r]),
        reverse("interests:agenda", args=[c, r]),
        reverse("interests:agenda_print", args=[c, r]),
        reverse("interests:agenda_markdown", args=[c, r]),
    ]


def test_every_page_renders_for_the_partners_and_is_hidden_from_outsiders(demo, honesty_round, ambition, client_for):
    declare_and_share(
        honesty_round,
        demo.utrecht,
        demo.utrecht_beleidsmedewerker,
        demo.utrecht_wethouder,
        {"kostenbesparing": 5},
        red_lines=[("Geen extra kosten", "kwaliteit_dienstverlening")],
    )
    declare_and_share(
        honesty_round, demo.zeist, demo.zeist_beleidsmedewerker, demo.zeist_wethouder, {"kwaliteit_dienstverlening": 4}
    )
    urls = every_page(demo, honesty_round, ambition)
    utrecht = client_for(demo.utrecht_wethouder)
    outsider = client_for(demo.amersfoort_beleidsmedewerker)

    for url in urls:
        assert utrecht.get(url).status_code == 200, url
        assert outsider.get(url).status_code == 404, url


def test_the_tab_leads_to_ambitions_and_interests(demo, client_for):
    page = client_for(demo.raadslid).get(reverse("collaborations:detail", args=[demo.collaboration.pk])).text

    assert reverse("interests:ambitions", args=[demo.collaboration.pk]) in page
    assert "Ambities en belangen" in page


def test_the_analysis_page_shows_the_articles_tension_with_its_question(demo, honesty_round, client_for):
    declare_and_share(
        honesty_round,
        demo.utrecht,
        demo.utrecht_beleidsmedewerker,
        demo.utrecht_wethouder,
        {"kostenbesparing": (5, "Wij moeten bezuinigen.")},
    )
    declare_and_share(
        honesty_round,
        demo.zeist,
        demo.zeist_beleidsmedewerker,
        demo.zeist_wethouder,
        {"kwaliteit_dienstverlening": (4, "Wachttijden omlaag.")},
    )

    page = (
        client_for(demo.de_bilt_beleidsmedewerker)
        .get(reverse("interests:analysis", args=[demo.collaboration.pk, honesty_round.pk]))
        .text
    )

    assert "Kostenbesparing ↔ kwaliteit van dienstverlening" in page
    assert "Kostenbesparing is een belang van Utrecht (gewicht 5)" in page
    assert "Kunnen we besparen zonder dat de dienstverlening aan inwoners achteruitgaat?" in page
    assert "Nog niet gedeeld: De Bilt." in page


def declaration_url(demo, honesty_round, partner):
    return reverse("interests:declaration", args=[demo.collaboration.pk, honesty_round.pk, partner.pk])


def test_the_declaration_form_saves_a_draft(demo, honesty_round, client_for):
    response = client_for(demo.utrecht_beleidsmedewerker).post(
        declaration_url(demo, honesty_round, demo.utrecht),
        {
            "version": "0",
            "intentions": "Minder kwetsbaar worden.",
            "weight_continuiteit": "4",
            "explanation_continuiteit": "Eén specialist per taak is te weinig.",
            "redline_0_text": "Geen gedwongen ontslagen",
            "redline_0_motive": "kostenbesparing",
        },
    )

    assert response.status_code == 302
    declaration = Declaration.objects.get()
    assert declaration.status == DeclarationStatus.DRAFT
    assert list(declaration.interests.values_list("motive", "weight")) == [("continuiteit", 4)]
    assert list(declaration.red_lines.values_list("text", "motive")) == [
        ("Geen gedwongen ontslagen", "kostenbesparing")
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"weight_innovatie": "7"}, "Kies bij Innovatie een gewicht van 1 tot en met 5, of geen belang."),
        ({"explanation_innovatie": "Waarom niet?"}, "Geef Innovatie een gewicht, of maak de toelichting leeg."),
        (
            {"weight_innovatie": "3", "redline_0_text": "Geen vliegveld", "redline_0_motive": "vliegveld"},
            "Kies een motief uit de catalogus van deze samenwerking.",
        ),
    ],
)
def test_the_declaration_form_gives_dutch_messages_and_saves_nothing(demo, honesty_round, client_for, data, message):
    response = client_for(demo.utrecht_beleidsmedewerker).post(
        declaration_url(demo, honesty_round, demo.utrecht), {"version": "0", **data}
    )

    assert response.status_code == 400
    assert message in response.text
    assert not Declaration.objects.exists()


def test_someone_of_another_partner_posting_a_declaration_is_refused_in_dutch(demo, honesty_round, client_for):
    response = client_for(demo.zeist_wethouder).post(
        declaration_url(demo, honesty_round, demo.utrecht), {"version": "0", "weight_innovatie": "3"}
    )

    assert response.status_code == 403
    assert "U handelt niet namens Utrecht en kunt dit dus niet namens hen doen." in response.text
    assert not Declaration.objects.exists()


def test_an_ambtelijk_contact_pressing_share_gets_a_dutch_message_and_nothing_is_shared(
    demo, honesty_round, client_for
):
    declare(honesty_round, demo.utrecht, demo.utrecht_beleidsmedewerker, {"innovatie": 3})
    url = reverse("interests:declaration_share", args=[demo.collaboration.pk, honesty_round.pk, demo.utrecht.pk])

    response = client_for(demo.utrecht_beleidsmedewerker).post(url, follow=True)

    assert "Alleen het bestuurlijk contact van Utrecht kan de verklaring bevestigen en delen." in response.text
    assert Declaration.objects.get().status == DeclarationStatus.DRAFT


def test_the_bestuurlijk_contact_shares_from_the_page(demo, honesty_round, client_for):
    draft = declare(honesty_round, demo.utrecht, demo.utrecht_beleidsmedewerker, {"innovatie": 3})
    url = reverse("interests:declaration_share", args=[demo.collaboration.pk, honesty_round.pk, demo.utrecht.pk])

    response = client_for(demo.utrecht_wethouder).post(url, {"version": draft.version}, follow=True)

    assert "is bevestigd en gedeeld met alle partners" in response.text
    assert Declaration.objects.get().status == DeclarationStatus.SHARED


def test_the_decision_form_requires_conditions_in_dutch(demo, honesty_round, client_for):
    url = reverse("interests:decision", args=[demo.collaboration.pk, honesty_round.pk, demo.zeist.pk])

    response = client_for(demo.zeist_wethouder).post(url, {"decision": "voorwaarden", "reasons": ""})

    assert response.status_code == 400
    assert "Schrijf bij go met voorwaarden op welke voorwaarden u stelt." in response.text
    assert not GoDecision.objects.exists()


def test_the_round_form_refuses_a_past_deadline(demo, client_for):
    response = client_for(demo.facilitator).post(
        reverse("interests:round_open", args=[demo.collaboration.pk]), {"title": "Ronde", "deadline": "2001-01-01"}
    )

    assert response.status_code == 400
    assert "De deadline ligt in het verleden." in response.text
    assert not HonestyRound.objects.exists()


# --- query counts ----------------------------------------------------------------------------


def add_partners(demo, honesty_round, ambition, count: int) -> None:
    """``count`` more real municipalities, each with a shared declaration, a pledge and a decision."""
    from samen.collaborations.models import Partner

    taken = {"GM0344", "GM0355", "GM0310", "GM0307"}
    codes = islice((code for code in municipality_rows() if code not in taken), count)
    motives = [
        "kostenbesparing",
        "kwaliteit_dienstverlening",
        "innovatie",
        "nabijheid",
        "zeggenschap",
        "slagvaardigheid",
        "continuiteit",
    ]
    for number, code in enumerate(codes):
        partner = Partner.objects.create(collaboration=demo.collaboration, organisation=municipality(code))
        declaration = Declaration.objects.create(
            round=honesty_round, partner=partner, status=DeclarationStatus.SHARED, intentions="Samen sterker."
        )
        Interest.objects.bulk_create(
            [
                Interest(declaration=declaration, motive=motive, weight=1 + (number + i) % 5, explanation="Omdat.")
                for i, motive in enumerate(motives[number % 3 : number % 3 + 4])
            ]
        )
        RedLine.objects.create(declaration=declaration, text="Geen extra kosten", motive="kwaliteit_dienstverlening")
        Pledge.objects.create(ambition=ambition, partner=partner, urgency=1 + number % 5, hours_per_month=10)
        GoDecision.objects.create(round=honesty_round, partner=partner, decision="go")


def count_queries(client, url: str) -> int:
    client.get(url)  # warm caches that are per process, not per page
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_matrix_and_analysis_need_the_same_number_of_queries_for_3_or_12_partners(
    demo, honesty_round, ambition, client_for
):
    for partner, official, executive in (
        (demo.utrecht, demo.utrecht_beleidsmedewerker, demo.utrecht_wethouder),
        (demo.zeist, demo.zeist_beleidsmedewerker, demo.zeist_wethouder),
    ):
        declare_and_share(
            honesty_round,
            partner,
            official,
            executive,
            {"kostenbesparing": 4, "innovatie": 2},
            red_lines=[("Niet duurder", "kwaliteit_dienstverlening")],
        )
        pledge(ambition=ambition, partner=partner, by=official, urgency=4, hours_per_month=20)
    client = client_for(demo.utrecht_beleidsmedewerker)
    urls = {
        "matrix": reverse("interests:ambitions", args=[demo.collaboration.pk]),
        "analyse": reverse("interests:analysis", args=[demo.collaboration.pk, honesty_round.pk]),
        "ronde": reverse("interests:round", args=[demo.collaboration.pk, honesty_round.pk]),
        "agenda": reverse("interests:agenda", args=[demo.collaboration.pk, honesty_round.pk]),
    }
    small = {name: count_queries(client, url) for name, url in urls.items()}

    add_partners(demo, honesty_round, ambition, 9)
    large = {name: count_queries(client, url) for name, url in urls.items()}

    assert large == small
    assert small["matrix"] <= 10
    assert small["analyse"] <= 14


def test_the_analysis_page_has_a_chart_with_a_text_alternative_and_a_table_twin(demo, honesty_round, client_for):
    declare_and_share(
        honesty_round, demo.utrecht, demo.utrecht_beleidsmedewerker, demo.utrecht_wethouder, {"innovatie": 4}
    )
    declare_and_share(
        honesty_round, demo.zeist, demo.zeist_beleidsmedewerker, demo.zeist_wethouder, {"innovatie": 2, "nabijheid": 3}
    )

    page = (
        client_for(demo.raadslid)
        .get(reverse("interests:analysis", args=[demo.collaboration.pk, honesty_round.pk]))
        .text
    )

    assert '<svg class="interests-chart"' in page
    assert (
        'role="img" aria-label="Staafdiagram: aantal partners per motief, van de 2 die hun verklaring deelden.' in page
    )
    assert "Gewicht per motief en partner (1–5; leeg: geen belang)" in page


def test_the_pairs_page_lists_every_pair_with_its_reason(demo, honesty_round, client_for):
    for partner, official, executive in (
        (demo.utrecht, demo.utrecht_beleidsmedewerker, demo.utrecht_wethouder),
        (demo.zeist, demo.zeist_beleidsmedewerker, demo.zeist_wethouder),
        (demo.de_bilt, demo.de_bilt_beleidsmedewerker, demo.de_bilt_wethouder),
    ):
        declare_and_share(honesty_round, partner, official, executive, {"continuiteit": 4})

    page = (
        client_for(demo.zeist_beleidsmedewerker)
        .get(reverse("interests:pairs", args=[demo.collaboration.pk, honesty_round.pk]))
        .text
    )

    for pair in ("De Bilt – Utrecht", "De Bilt – Zeist", "Utrecht – Zeist"):
        assert pair in page
    assert page.count("Gedeelde belangen: kwetsbaarheid verminderen en continuïteit.") == 3


@pytest.mark.parametrize(
    ("persona", "name", "message"),
    [
        ("raadslid", "interests:ambition_create", "Alleen de facilitator en de contactpersonen"),
        ("utrecht_wethouder", "interests:round_open", "Alleen de facilitator kan een eerlijkheidsronde openen."),
    ],
)
def test_a_form_the_person_may_not_send_says_so_when_it_opens(demo, client_for, persona, name, message):
    response = client_for(getattr(demo, persona)).get(reverse(name, args=[demo.collaboration.pk]))

    assert response.status_code == 403
    assert message in response.text


def test_conditions_over_several_lines_stay_one_item_in_the_markdown(demo, honesty_round, client_for):
    from samen.interests.services import record_go_decision

    record_go_decision(
        honesty_round=honesty_round,
        partner=demo.zeist,
        by=demo.zeist_wethouder,
        decision="voorwaarden",
        reasons="Geen gedwongen ontslagen.\n\nEen loket in Zeist.",
    )

    text = (
        client_for(demo.utrecht_wethouder)
        .get(reverse("interests:agenda_markdown", args=[demo.collaboration.pk, honesty_round.pk]))
        .content.decode()
    )

    assert "   Geen gedwongen ontslagen.\n   Een loket in Zeist." in text


def test_two_people_saving_one_draft_lose_nothing_and_the_second_saves_consciously(demo, honesty_round, client_for):
    draft = declare(
        honesty_round, demo.utrecht, demo.utrecht_beleidsmedewerker, {"innovatie": 3}, intentions="Eerste tekst"
    )
    url = declaration_url(demo, honesty_round, demo.utrecht)
    opened = str(draft.version)
    client_for(demo.utrecht_wethouder).post(
        url, {"version": opened, "weight_innovatie": "4", "intentions": "Tekst van de wethouder"}
    )

    mine = {"version": opened, "weight_innovatie": "5", "intentions": "Tekst van de beleidsmedewerker"}
    second = client_for(demo.utrecht_beleidsmedewerker).post(url, mine)

    assert second.status_code == 400
    assert "Iemand anders heeft dit intussen opgeslagen." in second.text
    assert "Tekst van de wethouder" in second.text
    assert "Tekst van de beleidsmedewerker" in second.text
    assert Declaration.objects.get().intentions == "Tekst van de wethouder"
    current = Declaration.objects.get().version
    assert f'name="version" value="{current}"' in second.text
    again = client_for(demo.utrecht_beleidsmedewerker).post(url, {**mine, "version": str(current)})
    assert again.status_code == 302
    assert Declaration.objects.get().intentions == "Tekst van de beleidsmedewerker"
