"""The success brief: only public successes, ever — on the page, in the PDF and in the text."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from samen.successes.brief import build_brief
from tests.documents import download
from tests.successes.builders import make_goal, make_result, record

pytestmark = pytest.mark.django_db

PUBLIC_TITLE = "Handhavingsteam vindt 40 illegale bouwwerken"
PUBLIC_STORY = "Het gezamenlijke team controleerde het buitengebied van de drie gemeenten."
INTERNAL_TITLE = "Geheime meevaller in de begroting"
INTERNAL_STORY = "Dit mag nog niet naar buiten."


@pytest.fixture
def successes(demo):
    goal = make_goal(demo, "Veilig buitengebied")
    result = make_result(demo, goal, current="95")
    record(
        demo,
        by=demo.zeist_wethouder,
        is_public=True,
        title=PUBLIC_TITLE,
        story=PUBLIC_STORY,
        result=result,
        people=[demo.de_bilt_beleidsmedewerker],
        teams="Team Toezicht Zeist",
        date=timezone.localdate() - datetime.timedelta(days=10),
    )
    record(demo, title=INTERNAL_TITLE, story=INTERNAL_STORY, people=[demo.utrecht_wethouder], teams="Team Geheim")
    return demo


def brief_url(name, demo):
    today = timezone.localdate()
    query = f"?van={(today - datetime.timedelta(days=365)).isoformat()}&tot={today.isoformat()}"
    return reverse(f"successes:{name}", args=[demo.collaboration.pk]) + query


def assert_only_public(text):
    assert PUBLIC_TITLE in text
    assert "Bram de Bilt" in text
    assert "Team Toezicht Zeist" in text
    assert INTERNAL_TITLE not in text
    assert INTERNAL_STORY not in text
    assert "Team Geheim" not in text
    assert "Wendy Wethouder" not in text


def test_the_brief_holds_only_public_successes(successes):
    brief = build_brief(
        successes.collaboration, timezone.localdate() - datetime.timedelta(days=30), timezone.localdate()
    )
    assert [s.title for s in brief.successes] == [PUBLIC_TITLE]
    assert brief.partners == [("Utrecht", 1), ("Zeist", 1)]
    assert brief.results == [("Veilig buitengebied", "Vergunningen binnen termijn")]
    assert "boekte Regionale Uitvoeringsdienst Utrecht-Oost (test) 1 succes, samen met Utrecht en Zeist." in brief.lead


def test_the_brief_page_shows_only_public_successes(successes, client_for):
    response = client_for(successes.utrecht_beleidsmedewerker).get(brief_url("brief", successes))
    assert response.status_code == 200
    assert_only_public(response.text)
    assert "Veilig buitengebied" in response.text


def test_the_text_download_holds_only_public_successes(successes, client_for):
    response = client_for(successes.utrecht_beleidsmedewerker).get(brief_url("brief_text", successes))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    text = response.content.decode()
    assert text.startswith("# Successen van Regionale Uitvoeringsdienst Utrecht-Oost (test)")
    assert f"### {PUBLIC_TITLE}" in text
    assert PUBLIC_STORY in text
    assert_only_public(text)


def test_the_pdf_opens_is_tagged_and_holds_only_public_successes(successes, client_for):
    response, content = download(client_for(successes.raadslid), brief_url("brief_pdf", successes))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="successenbrief-')
    reader = PdfReader(io.BytesIO(content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Successen van Regionale Uitvoeringsdienst Utrecht-Oost (test)" in text
    assert "Handhavingsteam vindt 40 illegale bouwwerken" in text
    assert "Het gezamenlijke team controleerde het buitengebied" in text
    assert_only_public(text)
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "nl"
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    assert reader.metadata.title.startswith("Successen van Regionale Uitvoeringsdienst")


def test_an_empty_period_says_so(successes, client_for):
    response = client_for(successes.utrecht_beleidsmedewerker).get(
        reverse("successes:brief", args=[successes.collaboration.pk]) + "?van=2020-01-01&tot=2020-12-31"
    )
    assert "geen openbare successen" in response.text
    assert PUBLIC_TITLE not in response.text


def test_a_period_that_ends_before_it_starts_is_refused(successes, client_for):
    response = client_for(successes.utrecht_beleidsmedewerker).get(
        reverse("successes:brief", args=[successes.collaboration.pk]) + "?van=2026-12-31&tot=2026-01-01"
    )
    assert response.status_code == 400
    assert "De begindatum ligt na de einddatum" in response.text


def test_outsiders_get_no_brief(successes, client_for):
    response = client_for(successes.amersfoort_beleidsmedewerker).get(brief_url("brief_pdf", successes))
    assert response.status_code == 404
