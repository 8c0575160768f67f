"""Drafts stay inside the partner, in pages and in exports; shared declarations are seen by every partner."""

import io

import pypdf
import pytest
from django.urls import reverse

from samen.interests.models import Declaration, DeclarationStatus
from samen.interests.services import record_go_decision
from tests.documents import download
from tests.interests.conftest import declare, declare_and_share

pytestmark = pytest.mark.django_db

SECRET = "GEHEIMCONCEPT"


@pytest.fixture
def round_with_a_draft(demo, honesty_round):
    """Utrecht has only a draft (with secrets in every field); Zeist and De Bilt have shared."""
    declare(
        honesty_round,
        demo.utrecht,
        demo.utrecht_beleidsmedewerker,
        {"kostenbesparing": (5, f"{SECRET} bezuiniging"), "innovatie": 4},
        red_lines=[(f"{SECRET} rode lijn", "kwaliteit_dienstverlening")],
        intentions=f"{SECRET} intentie",
    )
    declare_and_share(
        honesty_round,
        demo.zeist,
        demo.zeist_beleidsmedewerker,
        demo.zeist_wethouder,
        {"kwaliteit_dienstverlening": (4, "Inwoners verdienen beter.")},
        intentions="Zeist wil kwaliteit",
    )
    declare_and_share(
        honesty_round, demo.de_bilt, demo.de_bilt_beleidsmedewerker, demo.de_bilt_wethouder, {"nabijheid": 5}
    )
    record_go_decision(
        honesty_round=honesty_round,
        partner=demo.de_bilt,
        by=demo.de_bilt_wethouder,
        decision="voorwaarden",
        reasons="Een loket in Bilthoven blijft open.",
    )
    return honesty_round


def pages(demo, honesty_round):
    args = [demo.collaboration.pk, honesty_round.pk]
    return {
        "ronde": reverse("interests:round", args=args),
        "rondes": reverse("interests:rounds", args=[demo.collaboration.pk]),
        "verklaring": reverse("interests:declaration", args=[*args, demo.utrecht.pk]),
        "analyse": reverse("interests:analysis", args=args),
        "agenda": reverse("interests:agenda", args=args),
        "afdrukken": reverse("interests:agenda_print", args=args),
        "markdown": reverse("interests:agenda_markdown", args=args),
    }


def pdf_text(client, demo, honesty_round) -> str:
    response, content = download(
        client, reverse("interests:agenda_pdf", args=[demo.collaboration.pk, honesty_round.pk])
    )
    assert response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize(
    "persona",
    ["zeist_beleidsmedewerker", "zeist_wethouder", "de_bilt_wethouder", "facilitator", "raadslid"],
)
def test_a_draft_is_invisible_to_everyone_outside_the_partner_in_pages_and_exports(
    demo, round_with_a_draft, client_for, persona
):
    client = client_for(getattr(demo, persona))

    for name, url in pages(demo, round_with_a_draft).items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert SECRET not in response.content.decode(), name
    assert SECRET not in pdf_text(client, demo, round_with_a_draft)
    page = client.get(pages(demo, round_with_a_draft)["verklaring"]).text
    assert "Utrecht heeft de verklaring voor deze ronde nog niet gedeeld." in page


def test_the_round_shows_others_only_that_a_partner_has_not_shared_yet(demo, round_with_a_draft, client_for):
    page = client_for(demo.zeist_wethouder).get(pages(demo, round_with_a_draft)["ronde"]).text

    assert "concept" not in page.split("Wie heeft gedeeld")[1].split("</table>")[0]
    assert page.count("nog niet gedeeld") == 1


def test_the_partners_own_contacts_see_their_draft_but_the_analysis_and_exports_leave_it_out(
    demo, round_with_a_draft, client_for
):
    for person in (demo.utrecht_beleidsmedewerker, demo.utrecht_wethouder):
        client = client_for(person)
        urls = pages(demo, round_with_a_draft)
        assert f"{SECRET} bezuiniging" in client.get(urls["verklaring"]).text
        assert "(alleen zichtbaar voor uw organisatie)" in client.get(urls["ronde"]).text
        for name in ("analyse", "agenda", "afdrukken", "markdown"):
            assert SECRET not in client.get(urls[name]).content.decode(), name
        assert SECRET not in pdf_text(client, demo, round_with_a_draft)


def test_shared_declarations_are_visible_to_every_partner_and_to_readers(demo, round_with_a_draft, client_for):
    url = reverse("interests:declaration", args=[demo.collaboration.pk, round_with_a_draft.pk, demo.zeist.pk])

    for person in (demo.utrecht_beleidsmedewerker, demo.de_bilt_wethouder, demo.raadslid, demo.facilitator):
        page = client_for(person).get(url).text
        assert "Inwoners verdienen beter." in page
        assert "Zeist wil kwaliteit" in page


def test_an_outsider_sees_nothing_of_the_round(demo, round_with_a_draft, client_for):
    client = client_for(demo.amersfoort_beleidsmedewerker)

    for name, url in pages(demo, round_with_a_draft).items():
        assert client.get(url).status_code == 404, name


def test_a_reopened_declaration_disappears_from_the_other_partners_view(demo, round_with_a_draft, client_for):
    client_for(demo.zeist_wethouder).post(
        reverse("interests:declaration_reopen", args=[demo.collaboration.pk, round_with_a_draft.pk, demo.zeist.pk])
    )

    assert Declaration.objects.get(partner=demo.zeist).status == DeclarationStatus.DRAFT
    url = reverse("interests:declaration", args=[demo.collaboration.pk, round_with_a_draft.pk, demo.zeist.pk])
    assert "Inwoners verdienen beter." not in client_for(demo.utrecht_wethouder).get(url).text
    assert "Inwoners verdienen beter." in client_for(demo.zeist_beleidsmedewerker).get(url).text


def test_the_exports_hold_tensions_conditions_and_who_has_not_shared(demo, round_with_a_draft, client_for):
    client = client_for(demo.utrecht_wethouder)
    markdown = client.get(pages(demo, round_with_a_draft)["markdown"])

    assert markdown["Content-Type"] == "text/markdown; charset=utf-8"
    assert "attachment;" in markdown["Content-Disposition"]
    text = markdown.content.decode()
    assert "## 4. Voorwaarden en bezwaren" in text
    assert "Een loket in Bilthoven blijft open." in text
    assert "Wanneer deelt Utrecht de belangen, intenties en rode lijnen?" in text
    pdf = pdf_text(client, demo, round_with_a_draft)
    assert "Gespreksagenda" in pdf
    assert "Bilthoven" in pdf
