"""A register purpose keeps the list structure of the original text (real purposes from data/roo)."""

import csv

import pytest
from django.urls import reverse

from samen.collaborations.models import Collaboration, CollaborationKind
from samen.collaborations.purpose import as_html
from samen.settings import DATA_DIR


def register_purpose(starts_with: str) -> str:
    with open(DATA_DIR / "roo" / "gr_regelingen.csv", encoding="utf-8") as handle:
        return next(row["doel"] for row in csv.DictReader(handle) if row["doel"].startswith(starts_with))


def test_lettered_items_of_a_veiligheidsregio_become_a_list():
    html = str(as_html(register_purpose("Veiligheidsregio Zeeland behartigt")))
    assert "terreinen:</p>" in html
    assert '<ol class="utrecht-ordered-list" type="a"><li>brandweerzorg;</li>' in html
    assert "<li>geneeskundige hulpverlening.</li></ol>" in html


def test_numbered_paragraphs_become_an_ordered_list_and_abbreviations_stay_text():
    html = str(as_html("1. Het lichaam behartigt o.a. de zorg.2. Het lichaam kan:a. deelnemen;b. lenen.3. Slot."))
    assert html == (
        '<ol class="utrecht-ordered-list"><li>Het lichaam behartigt o.a. de zorg.</li>'
        '<li>Het lichaam kan:<ol class="utrecht-ordered-list" type="a"><li>deelnemen;</li><li>lenen.</li></ol></li>'
        "<li>Slot.</li></ol>"
    )


def test_a_plain_purpose_stays_one_escaped_paragraph():
    assert (
        str(as_html("Samen <sterk> in de regio."))
        == '<p class="utrecht-paragraph">Samen &lt;sterk&gt; in de regio.</p>'
    )
    assert str(as_html("")) == ""


@pytest.mark.django_db
def test_the_overview_shows_the_purpose_as_a_list(demo, client_for):
    regeling = Collaboration.objects.create(
        name="Veiligheidsregio (test)",
        kind=CollaborationKind.GR,
        roo_id="99990001",  # a register collaboration: its facts are public
        purpose=register_purpose("Veiligheidsregio Zeeland behartigt"),
    )
    page = client_for(demo.zeist_beleidsmedewerker).get(reverse("collaborations:detail", args=[regeling.pk])).text
    assert "<li>rampenbestrijding en crisisbeheersing;</li>" in page
    assert "gemeenten op de volgende terreinen:a." not in page
