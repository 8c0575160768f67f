"""The splitter on real published texts (tests/experiences/corpus, sources in its README).

The expected counts were written down from reading each source: its article, chapter and
toelichting headings, and its leden and onderdelen (counted in the source and checked per article).
"""

import io
from pathlib import Path

import pytest

from samen.experiences import splitter
from samen.experiences.splitter.layouts import read_lines
from samen.experiences.splitter.structure import Builder
from tests.experiences.conftest import RHC_MD

CORPUS = Path(__file__).parent / "corpus"

KORENDIJK = "Convenant_2015_Korendijk_Dorpsvereniging_De_Coorndijk.txt"
BERGEN_ALKMAAR = "DVO_Samenwerking_Belastingen_Bergen_Alkmaar.txt"
HELMOND_LAARBEEK = "Samenwerkingsovereenkomst_2009_Helmond_Laarbeek_werk_en_inkomen.txt"
MRA = "Convenant_Versterking_samenwerking_Metropoolregio_Amsterdam.txt"

# file: (articles per series, chapters, leden, onderdelen, toelichting parts, bijlagen)
EXPECTED = {
    RHC_MD: ([41], 17, 88, 19, 0, 1),
    CORPUS / "BWBR0016929_RHC_Limburg.md": ([3, 39], 15, 82, 17, 0, 0),
    CORPUS / "BWBR0018068_RHC_Drents_Archief.md": ([3, 39], 15, 80, 17, 21, 1),
    CORPUS / "BWBR0013738_GR_Letterhoeke.md": ([3, 33], 14, 108, 16, 0, 0),
    CORPUS / "BWBR0011304_Zeeuws_Archief.md": ([3, 40], 16, 83, 17, 0, 0),
    CORPUS / "BWBR0011484_Historisch_Centrum_Overijssel.md": ([3, 40], 16, 85, 16, 0, 0),
    CORPUS / "BWBR0009989_GR_Schadeschap_Schiphol.md": ([29], 12, 76, 24, 0, 0),
    CORPUS / "BWBR0011744_Overeenkomst_bestuurlijke_samenwerking.md": ([6], 0, 0, 0, 0, 0),
    CORPUS / "CVDR723690_GR_Ondersteuning_Bestuurlijke_Samenwerking_Westfriesland.txt": ([1], 1, 3, 1, 0, 0),
    CORPUS / "CVDR754796_Centrumgemeenteregeling_De_Connectie.txt": ([1], 1, 0, 8, 0, 0),
    CORPUS / "stcrt-2018-57003_Meervoudige_Centrumregeling_Noord-Veluwe.txt": ([1], 1, 0, 11, 0, 0),
    CORPUS / "bgr-2025-2438_Dienstverleningshandvest_RMN_2025.txt": ([2], 2, 1, 14, 0, 0),
    CORPUS / "Dienstverleningshandvest_centrumregeling_sociaal_domein_Flevoland_2014.txt": ([1], 0, 0, 9, 0, 0),
    CORPUS / KORENDIJK: ([2], 0, 4, 0, 0, 0),
    CORPUS / BERGEN_ALKMAAR: ([2], 0, 5, 5, 0, 0),
    CORPUS / HELMOND_LAARBEEK: ([1], 0, 0, 3, 0, 0),
}


def counts(document):
    return (
        document.articles_per_series(),
        document.chapter_count,
        document.member_count,
        document.item_count,
        document.explanation_count,
        document.annex_count,
    )


@pytest.mark.parametrize("path", list(EXPECTED), ids=lambda p: p.stem)
def test_each_real_text_splits_into_the_parts_its_source_has(path):
    assert counts(splitter.split(path.read_text(encoding="utf-8"))) == EXPECTED[path]


def article(document, number, series=None):
    return next(a for a in document.articles if a.number == number and series in (None, a.series))


def test_a_besluit_and_the_regeling_it_sets_are_two_series_with_their_own_signatures():
    document = splitter.split((CORPUS / "BWBR0016929_RHC_Limburg.md").read_text(encoding="utf-8"))
    assert document.series == ["", "Regeling Regionaal Historisch Centrum Limburg"]
    assert article(document, "2", 0).body == (
        "De uit de gemeenschappelijke regeling voortvloeiende structurele kosten worden onder aftrek van inkomsten "
        "door de minister en de gemeente Maastricht gedragen volgens de verdeling:rijk € 2.985.000 en gemeente "
        "Maastricht € 815.000."
    )
    assert article(document, "5", 1).body == (
        "1. Het voorzitterschap van het algemeen bestuur wordt bij toerbeurt vervuld door een door de gemeente "
        "aangewezen lid, onderscheidenlijk door een daartoe door de minister aangewezen lid, volgens een door het "
        "algemeen bestuur vastgesteld rooster.\n2. Het algemeen bestuur regelt de vervanging van de voorzitter."
    )
    assert [m.number for m in article(document, "4", 1).members] == [str(n) for n in range(1, 11)]
    assert document.closing[0].text == "De\nStaatssecretaris van Onderwijs, Cultuur en Wetenschap,\nM.C. van der Laan"
    assert not any("M.C. van der Laan" in a.body for a in document.articles)
    assert not any("nummering opnieuw" in w for w in document.warnings)


def test_the_toelichting_per_article_goes_to_its_article_of_the_regeling_and_is_never_an_article():
    document = splitter.split((CORPUS / "BWBR0018068_RHC_Drents_Archief.md").read_text(encoding="utf-8"))
    regeling_12 = article(document, "12", 1)
    assert regeling_12.body == "Het dagelijks bestuur stelt regels voor zijn vergaderingen vast."
    assert regeling_12.explanation.startswith("Artikel 12\nHet dagelijks bestuur stelt zelf de regels")
    assert not article(document, "1", 0).explanations
    assert article(document, "1", 1).explanations
    assert document.explanation.startswith("Toelichting bij de Regeling RHC Drents Archief\nAlgemeen")
    assert document.annexes[0].title == "Financiële bijlage bij de Regeling RHC Drents Archief"
    assert "Na artikel 39 volgt een toelichting; die is bij de artikelen gezet" in " ".join(document.warnings)


def test_a_bare_number_heading_is_an_article():
    """The Zeeuws Archief export heads article 19 of the regeling as '###19'."""
    document = splitter.split((CORPUS / "BWBR0011304_Zeeuws_Archief.md").read_text(encoding="utf-8"))
    assert article(document, "19", 1).body == (
        "Met betrekking tot wijzigingen van de begroting is artikel 18 voor zoveel mogelijk van overeenkomstige "
        "toepassing."
    )


def test_inserted_leden_3a_to_3f_are_leden():
    document = splitter.split((CORPUS / "BWBR0009989_GR_Schadeschap_Schiphol.md").read_text(encoding="utf-8"))
    members = article(document, "9").members
    assert [m.number for m in members] == ["1", "2", "3a", "3b", "3c", "3d", "3e", "3f"]
    assert [i.label for i in members[1].items] == ["a", "b", "c"]


def test_the_overheid_nl_page_loses_its_furniture_and_keeps_its_lone_markers():
    path = CORPUS / "CVDR723690_GR_Ondersteuning_Bestuurlijke_Samenwerking_Westfriesland.txt"
    document = splitter.split(path.read_text(encoding="utf-8"))
    assert document.title == "Gemeenschappelijke regeling Ondersteuning Bestuurlijke Samenwerking Westfriesland"
    body = article(document, "1").body
    assert body.startswith("1. De raden en de colleges van burgemeester en wethouders van de gemeenten Drechterland")
    assert body.endswith("Dit zijn de volgende drie bestuurlijke overleggen:\na. Algemeen Bestuurlijke Zaken (ABZ)")
    assert "- 1." not in body
    assert "Permanente link" not in document.preamble
    dropped = [line.text for part in document.parts if part.kind == "weggelaten" for line in part.lines]
    assert "Permanente link" in dropped
    assert "http://lokaleregelgeving.overheid.nl/CVDR723690" in dropped


def test_a_centrumregeling_with_bullets_keeps_its_items():
    document = splitter.split((CORPUS / "CVDR754796_Centrumgemeenteregeling_De_Connectie.txt").read_text("utf-8"))
    first = article(document, "1")
    assert first.title == "Begripsbepalingen"
    assert (
        first.members[0].items[-1].text
        == "DVO: in het kader van deze regeling afgesloten dienstverleningsovereenkomst."
    )
    assert "Overwegende dat" in document.preamble


def test_a_heading_run_into_the_text_of_a_pdf_copy_is_found():
    path = CORPUS / "Dienstverleningshandvest_centrumregeling_sociaal_domein_Flevoland_2014.txt"
    document = splitter.split(path.read_text(encoding="utf-8"))
    first = article(document, "1")
    assert first.title == "begripsbepalingen"
    assert [i.label for i in first.members[0].items] == list("abcdefghi")
    assert first.members[0].items[1].text == "Almere: de gemeente Almere in haar hoedanigheid van centrumgemeente;"
    assert "stond midden in de tekst; daar begint nu een artikel" in " ".join(document.warnings)
    assert "verklaren het volgende te zijn overeengekomen" in document.preamble


def test_a_table_of_contents_is_skipped_and_never_becomes_articles():
    """The DVO Wijdemeren as it comes out of its PDF: a table of contents with page numbers, a
    'Pagina 2 van 11' footer and the list of parties; the excerpt stops before article 1."""
    text = (CORPUS / "DVO_2015_gastgemeente_Wijdemeren.txt").read_text(encoding="utf-8")
    with pytest.raises(splitter.SplitError, match="In deze tekst vonden we geen artikelen"):
        splitter.split(text)
    lines, cleaning, _fmt = read_lines(splitter.normalise(text)[0], splitter.FORMAT_TEXT)
    document = Builder().build(lines)
    assert document.toc == [str(n) for n in range(1, 17)]
    assert not document.articles
    assert "Pagina 2 van 11" in [line.text for line in cleaning.dropped]
    toc = next(p for p in document.parts if p.kind == "inhoudsopgave")
    assert toc.lines[0].text == "Inhoudsopgave HOOFDSTUK 1: ALGEMENE BEPALINGEN"
    assert "De tekst begint met een inhoudsopgave; die is overgeslagen." in document.warnings


# --- uploads made from real texts at test time ------------------------------------------------


def test_a_docx_upload_splits_like_its_source():
    """A Word file made with python-docx from the Schadeschap Schiphol text: headings as Word headings."""
    import docx

    source = CORPUS / "BWBR0009989_GR_Schadeschap_Schiphol.md"
    document = docx.Document()
    for line in source.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            document.add_heading(stripped.lstrip("#").strip(), level=2)
        elif stripped and not stripped.startswith("<meta"):
            document.add_paragraph(stripped)
    buffer = io.BytesIO()
    document.save(buffer)
    text, fmt = splitter.decode_upload(buffer.getvalue(), "schadeschap.docx")
    assert fmt == splitter.FORMAT_DOCX
    split = splitter.split(text, fmt)
    assert counts(split) == EXPECTED[source]
    assert split.format == splitter.FORMAT_DOCX
    assert [m.number for m in article(split, "9").members] == ["1", "2", "3a", "3b", "3c", "3d", "3e", "3f"]


OVERIJSSEL = CORPUS / "BWBR0011484_Historisch_Centrum_Overijssel.md"


def overijssel_pdf() -> bytes:
    """A PDF printed with WeasyPrint from the Historisch Centrum Overijssel text, with a running header,
    'Pagina n van m' footers and Dutch hyphenation at line ends."""
    import markdown
    from weasyprint import HTML

    body = markdown.markdown(OVERIJSSEL.read_text(encoding="utf-8").replace("<meta", "<!-- ").replace("/>", "-->", 1))
    style = (
        "@page { size: A5; margin: 2cm 1.5cm; @top-center { content: 'Regeling Historisch Centrum Overijssel' }"
        " @bottom-center { content: 'Pagina ' counter(page) ' van ' counter(pages) } }"
        " body { font-size: 10pt; hyphens: auto; text-align: justify } li { list-style-position: inside }"
    )
    return bytes(HTML(string=f"<html lang='nl'><style>{style}</style><body>{body}</body></html>").write_pdf())


def test_a_pdf_upload_with_a_text_layer_splits_like_its_source():
    source = OVERIJSSEL
    text, fmt = splitter.decode_upload(overijssel_pdf(), "overijssel.pdf")
    assert fmt == splitter.FORMAT_PDF
    split = splitter.split(text, fmt)
    assert counts(split) == EXPECTED[source]
    assert article(split, "12", 1).body == "Het dagelijks bestuur stelt regels voor zijn vergaderingen vast."
    assert not any("Pagina" in a.body for a in split.articles)
    assert not any(line == "Regeling Historisch Centrum Overijssel" for a in split.articles for line in a.lines)


def test_the_gazette_furniture_of_a_staatscourant_page_is_dropped():
    path = CORPUS / "stcrt-2018-57003_Meervoudige_Centrumregeling_Noord-Veluwe.txt"
    document = splitter.split(path.read_text(encoding="utf-8"))
    dropped = [line.text for part in document.parts if part.kind == "weggelaten" for line in part.lines]
    assert "Staatscourant van het Koninkrijk der Nederlanden" in dropped
    assert "Logo Elburg" in dropped
    assert document.title == ""
    assert document.preamble.startswith("Het college van burgemeester en wethouders van Elburg;")
    assert article(document, "1").members[0].items[-1].text == "Wet: Wet gemeenschappelijke regelingen."


# --- convenanten and DVO's -------------------------------------------------------------------


@pytest.mark.parametrize("name", [KORENDIJK, BERGEN_ALKMAAR, HELMOND_LAARBEEK])
def test_a_convenant_and_dvos_as_published_split_without_doubts(name):
    """Read one by one, nothing in these texts is ambiguous: the preview has no warnings."""
    assert splitter.split((CORPUS / name).read_text(encoding="utf-8")).warnings == []


def test_a_convenant_of_a_municipality_with_a_village_association():
    document = splitter.split((CORPUS / KORENDIJK).read_text(encoding="utf-8"))
    assert document.title == "Convenant"
    assert document.preamble.startswith("tussen College van Burgemeester en Wethouders van de gemeente Korendijk")
    assert "Komen overeen daartoe het volgende convenant op te stellen:" in document.preamble
    first = article(document, "1")
    assert (first.title, [m.number for m in first.members]) == ("", ["1", "2", "3"])
    assert (
        first.members[2].text
        == "Het college overlegt tenminste twee maal per jaar met het bestuur van de dorpsvereniging."
    )
    assert article(document, "2").body == (
        "1. De dorpsvereniging heeft het recht om gevraagd of ongevraagd inbreng te hebben bij al het gemeentelijk "
        "beleid – zowel in de voorbereidende als de uitvoerende fase – dat raakvlakken heeft met het algemeen "
        "dorpsbelang van Goudswaard."
    )


def test_a_dvo_with_items_without_full_stops_keeps_them_as_items():
    """ "…de volgende heffingen:\na onroerende zaakbelasting … b onroerende-zaakbelastingen …": items a to e
    without a full stop, two to a line, as the DVO Bergen–Alkmaar is published."""
    document = splitter.split((CORPUS / BERGEN_ALKMAAR).read_text(encoding="utf-8"))
    assert document.title == "Dienstverleningsovereenkomst (DVO)"
    heffingen = article(document, "2")
    assert heffingen.title == "Heffingen"
    assert [(i.label, i.text) for i in heffingen.members[0].items] == [
        ("a", "onroerende zaakbelasting eigenaren woningen en niet-woningen"),
        ("b", "onroerende-zaakbelastingen gebruikers niet-woningen"),
        ("c", "afvalstoffenheffing en reinigingsrechten"),
        ("d", "rioolrechten"),
        ("e", "hondenbelasting"),
    ]
    # "onder a tot en met e" in the next lid is a reference, not a list.
    assert heffingen.members[1].items == []
    assert heffingen.members[1].text.startswith("Bij de heffing van de heffingen als genoemd in het eerste lid onder a")


def test_a_definition_table_run_into_the_heading_keeps_its_title_and_items():
    """The samenwerkingsovereenkomst Helmond–Laarbeek copied from its PDF: "Artikel 1 Definities a. gemeenten:
    b.de dienstverlening: c.Awb:" on one line (the table's left column)."""
    document = splitter.split((CORPUS / HELMOND_LAARBEEK).read_text(encoding="utf-8"))
    first = article(document, "1")
    assert first.title == "Definities"
    assert [(i.label, i.text) for i in first.members[0].items] == [
        ("a", "gemeenten:"),
        ("b", "de dienstverlening:"),
        ("c", "Awb:"),
    ]
    assert "gelet op artikel 1 en artikel 8 van de Wet gemeenschappelijke regelingen;" in document.preamble


def test_a_convenant_whose_excerpt_ends_in_its_list_of_parties_is_refused_and_the_parties_are_no_articles():
    """The MRA convenant as its docplayer copy begins: 33 numbered parties run together, then the excerpt
    ends. The numbers of the parties are never read as articles."""
    text = (CORPUS / MRA).read_text(encoding="utf-8")
    with pytest.raises(splitter.SplitError, match="In deze tekst vonden we geen artikelen"):
        splitter.split(text)
    lines, _cleaning, _fmt = read_lines(splitter.normalise(text)[0], splitter.FORMAT_TEXT)
    document = Builder().build(lines)
    assert document.articles == []
    assert document.toc == []
