"""The article splitter on every real text in data/, on each quirk, and on junk."""

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samen.experiences import splitter
from samen.experiences.splitter import SplitError, split, split_excerpts, split_members
from tests.experiences.conftest import RHC_MD, RHC_TXT, ROO_EXCERPTS, WGR_MD


def source_article_numbers(path, pattern):
    """The article numbers as the source itself marks its article headings."""
    return [m.group(1) for m in re.finditer(pattern, path.read_text(encoding="utf-8"), re.M)]


def alnum(text):
    return re.sub(r"\W", "", text)


# --- the real texts ------------------------------------------------------------------------


def test_rhc_markdown_has_the_41_articles_of_the_source():
    numbers = source_article_numbers(RHC_MD, r"^### Artikel\s+(\S+)\s*$")
    document = split(RHC_MD.read_text(encoding="utf-8"))
    assert len(numbers) == 41
    assert [a.number for a in document.articles] == numbers
    assert document.format == splitter.FORMAT_MARKDOWN
    assert document.title == "Regeling Regionaal Historisch Centrum in Noord-Holland"


def test_rhc_plain_text_has_the_41_articles_of_the_source():
    numbers = source_article_numbers(RHC_TXT, r"^Artikel (\d+)$")
    document = split(RHC_TXT.read_text(encoding="utf-8"))
    assert len(numbers) == 41
    assert [a.number for a in document.articles] == numbers
    assert document.format == splitter.FORMAT_TEXT


def test_rhc_markdown_and_plain_text_split_into_the_same_articles():
    markdown = split(RHC_MD.read_text(encoding="utf-8"))
    text = split(RHC_TXT.read_text(encoding="utf-8"))
    assert [(a.number, a.title, a.body) for a in markdown.articles] == [
        (a.number, a.title, a.body) for a in text.articles
    ]
    assert [(s.kind, s.number, s.title) for s in markdown.sections] == [
        (s.kind, s.number, s.title) for s in text.sections
    ]


def test_rhc_chapters_take_their_title_from_the_next_heading():
    document = split(RHC_MD.read_text(encoding="utf-8"))
    chapters = [(s.label, s.title) for s in document.sections if s.kind == "hoofdstuk"]
    assert len(chapters) == 17
    assert chapters[0] == ("Hoofdstuk I", "Begripsbepalingen")
    assert chapters[-1] == ("Hoofdstuk XVII", "Slotbepalingen")
    bijlage = document.sections[-1]
    assert bijlage.kind == "bijlage"
    assert bijlage.title.startswith("Financiële bijlage")
    assert "€ 1.857.000" in bijlage.text


def test_rhc_members_and_items_match_the_numbered_lines_of_the_source():
    source = RHC_MD.read_text(encoding="utf-8")
    document = split(source)
    assert document.member_count == len(re.findall(r"(?m)^\s*\d+\.\s", source)) == 88
    assert document.item_count == len(re.findall(r"(?m)^\s*[a-z]\.\s", source)) == 19
    article_4 = document.articles[3]
    assert [m.number for m in article_4.members] == [str(n) for n in range(1, 13)]
    assert [i.label for i in article_4.members[2].items] == ["a", "b"]


def test_the_wet_gemeenschappelijke_regelingen_has_its_220_articles():
    numbers = source_article_numbers(WGR_MD, r"^### Artikel\s+(\S+)\s*$")
    document = split(WGR_MD.read_text(encoding="utf-8"))
    assert len(numbers) == 220
    assert [a.number for a in document.articles] == numbers
    assert {"10a", "32ja", "50daa", "141"} <= set(numbers)


def test_the_wet_splits_into_chapters_afdelingen_and_paragraphs():
    document = split(WGR_MD.read_text(encoding="utf-8"))
    kinds = {s.kind for s in document.sections}
    assert kinds == {"hoofdstuk", "afdeling", "§"}
    article_8 = next(a for a in document.articles if a.number == "8")
    assert document.section_path(article_8.section) == "Hoofdstuk I · Afdeling 2 · § 1"
    plusregios = next(s for s in document.sections if s.title == "Plusregio's")
    assert plusregios.text == "Vervallen per 01-01-2015"


def test_a_body_line_starting_with_artikel_is_not_a_heading():
    """Wgr art. 18 begins "Artikel 16 is van overeenkomstige toepassing…": no new article."""
    document = split(WGR_MD.read_text(encoding="utf-8"))
    assert [a.number for a in document.articles].count("16") == 1
    article = next(a for a in document.articles if a.number == "18")
    assert article.body.startswith("Artikel 16 is van overeenkomstige toepassing")


def test_the_wet_keeps_its_members_and_sub_items():
    source = WGR_MD.read_text(encoding="utf-8")
    document = split(source)
    assert document.member_count == len(re.findall(r"(?m)^\s*\d+\.\s", source))
    article_13 = next(a for a in document.articles if a.number == "13")
    assert [m.number for m in article_13.members] == [str(n) for n in range(1, 11)]


def test_every_roo_excerpt_becomes_one_article_with_members_in_sequence():
    rows = [json.loads(line) for line in ROO_EXCERPTS.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) == 1074
    for row in rows:
        document = split_excerpts(row["artikelen"])
        assert document.article_count == len(row["artikelen"]), row["roo_id"]
        for parsed, excerpt in zip(document.articles, row["artikelen"], strict=True):
            numbers = [m.number for m in parsed.members if m.number]
            assert numbers == [str(n) for n in range(1, len(numbers) + 1)], row["roo_id"]
            # Nothing lost: the body is the source, less a heading it repeated at its start.
            source = alnum(excerpt["inhoud_artikel"])
            assert source.endswith(alnum(parsed.body)), row["roo_id"]
            assert alnum(parsed.body) or parsed.title


def test_roo_members_that_run_together_are_split():
    """ROO text: "…overgedragen.2. Onverminderd…"."""
    document = split_excerpts(
        [
            {
                "kop_artikel": "Artikel 5 Bevoegdheden",
                "inhoud_artikel": (
                    "1. Aan het bestuur worden geen publiekrechtelijke bevoegdheden overgedragen.2. Onverminderd het "
                    "bepaalde in artikel 10:4 van de Algemene wet bestuursrecht bevorderen de deelnemers dat mandaat "
                    "wordt verleend."
                ),
            }
        ]
    )
    (parsed,) = document.articles
    assert (parsed.number, parsed.title) == ("5", "Bevoegdheden")
    assert [m.number for m in parsed.members] == ["1", "2"]
    assert parsed.members[0].text.endswith("overgedragen.")
    assert parsed.members[1].text.startswith("Onverminderd het bepaalde in artikel 10:4")


def test_roo_items_that_run_together_are_split():
    members = split_members(
        "1. De regio heeft tot taak de belangen te behartigen;a. Economie, Onderwijs en Arbeidsmarkt;"
        "b. Natuur, Water en Recreatie;c. Wonen.2. Het bestuur stelt een programma vast."
    )
    assert [m.number for m in members] == ["1", "2"]
    assert [(i.label, i.text) for i in members[0].items] == [
        ("a", "Economie, Onderwijs en Arbeidsmarkt;"),
        ("b", "Natuur, Water en Recreatie;"),
        ("c", "Wonen."),
    ]


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Artikel 5 Bevoegdheden", ("5", "Bevoegdheden")),
        ("Artikel 6: Taken en bevoegdheden", ("6", "Taken en bevoegdheden")),
        ("Artikel 7. Bevoegdheden", ("7", "Bevoegdheden")),
        ("Artikel 8 – Bevoegdheden", ("8", "Bevoegdheden")),
        ("Artikel  9", ("9", "")),
        ("Taken en bevoegdheden Artikel 4", ("4", "Taken en bevoegdheden")),
        ("artikel 7: Bevoegdheden GGD Drenthe", ("7", "Bevoegdheden GGD Drenthe")),
        ("Artikel 8.1 Bevoegdheden algemeen", ("8.1", "Bevoegdheden algemeen")),
        ("3 Taken en bevoegdheden", ("3", "Taken en bevoegdheden")),
        ("6", ("6", "")),
        ("Artikel\u200b 12 Mandaat", ("12", "Mandaat")),
        (
            "Register van gemeenschappelijke regelingen Provincie Zeeland",
            ("", "Register van gemeenschappelijke regelingen Provincie Zeeland"),
        ),
    ],
)
def test_roo_headings_in_several_styles(heading, expected):
    assert splitter.parse_excerpt_heading(heading) == expected


def test_a_roo_excerpt_without_heading_takes_it_from_its_text():
    document = split_excerpts(
        [
            {
                "kop_artikel": None,
                "inhoud_artikel": "Artikel 5 ‐ Bevoegdheden1. Het college kan mandaat verlenen.2. De burgemeester ook.",
            }
        ]
    )
    (parsed,) = document.articles
    assert (parsed.number, parsed.title) == ("5", "Bevoegdheden")
    assert [m.number for m in parsed.members] == ["1", "2"]


# --- quirks --------------------------------------------------------------------------------


def test_zero_width_characters_are_removed_and_reported():
    text = "\ufeffArti\u200bkel 1 Begrip\u200dsbepalingen\n1. Een\u00a0lid\u200b.\n2. Nog een lid."
    document = split(text)
    (article,) = document.articles
    assert (article.number, article.title) == ("1", "Begripsbepalingen")
    assert article.body == "1. Een lid.\n2. Nog een lid."
    assert any("onzichtbare tekens" in note for note in document.notes)


def test_treedt_in_werking_artefact_lines_are_dropped_and_reported():
    text = (
        "Hoofdstuk I\n\nBegripsbepalingen\n\nTreedt in werking op een nader te bepalen tijdstip\n\n"
        "Artikel 1\nTreedt in werking op een nader te bepalen tijdstip\n\nIn deze regeling wordt verstaan onder:\n"
        "a. de minister: de minister van OCW."
    )
    document = split(text)
    assert document.sections[0].title == "Begripsbepalingen"
    assert "Treedt in werking" not in document.articles[0].body
    assert document.articles[0].title == ""
    assert any("2 regels" in note for note in document.notes)


@pytest.mark.parametrize(
    ("text", "number", "title"),
    [
        ("### Artikel  3  \nDe kosten.", "3", ""),
        ("###Artikel 3\n####Kosten\nDe kosten.", "3", "Kosten"),
        ("**Artikel 3 Kosten**\nDe kosten.", "3", "Kosten"),
        ("ARTIKEL 3 - KOSTEN\nDe kosten.", "3", "KOSTEN"),
        ("Art. 3 Kosten\nDe kosten.", "3", "Kosten"),
        ("Artikel 3: Kosten\nDe kosten.", "3", "Kosten"),
        ("Artikel 3.\nDe kosten.", "3", ""),
        ("Artikel 3a (Kosten)\nDe kosten.", "3a", "(Kosten)"),
        ("<h2>Artikel 3</h2><h3>Kosten</h3><p>De kosten.</p>", "3", "Kosten"),
    ],
)
def test_article_headings_in_several_styles(text, number, title):
    (article,) = split(text).articles
    assert (article.number, article.title) == (number, title)
    assert article.body == "De kosten."


def test_section_headings_in_several_styles():
    text = (
        "HOOFDSTUK 2 ALGEMENE BEPALINGEN\nAfdeling 1. Bestuur\n§ 1 Samenstelling\nParagraaf 2 - Werkwijze\n"
        "Artikel 1\nTekst.\nBijlage 1 Tarieven\nTarief A."
    )
    document = split(text)
    assert [(s.kind, s.number, s.title, s.level) for s in document.sections] == [
        ("hoofdstuk", "2", "ALGEMENE BEPALINGEN", 1),
        ("afdeling", "1", "Bestuur", 2),
        ("§", "1", "Samenstelling", 3),
        ("paragraaf", "2", "Werkwijze", 3),
        ("bijlage", "1", "Tarieven", 1),
    ]
    assert document.section_path(document.articles[0].section) == "Hoofdstuk 2 · Afdeling 1 · Paragraaf 2"
    assert document.sections[-1].text == "Tarief A."


def test_amounts_and_references_are_not_split_as_members():
    (article,) = split(
        "Artikel 1\n1. De bijdrage is € 1.857.000 per jaar, zie artikel 10:4 van de Awb. 3. Niet een lid.\n"
        "2. Het tweede lid."
    ).articles
    assert [m.number for m in article.members] == ["1", "2"]
    assert "3. Niet een lid." in article.members[0].text


def test_html_is_sanitised_and_scripts_never_survive():
    html = (
        "<html><head><script>alert('x')</script><style>p{}</style></head><body>"
        '<h2 onclick="steal()">Artikel 1 Kosten</h2><p>1. De kosten<img src=x onerror=alert(1)> zijn gedeeld.</p>'
        '<p>2. <a href="javascript:alert(2)">Klik</a> hier.</p><script>document.cookie</script></body></html>'
    )
    document = split(html)
    (article,) = document.articles
    assert article.body == "1. De kosten zijn gedeeld.\n2. Klik hier."
    everything = json.dumps([article.body, article.title, document.title, document.preamble, document.notes])
    for bad in ("alert", "script", "onerror", "onclick", "javascript", "cookie", "steal"):
        assert bad not in everything.replace("Scripts en andere actieve inhoud", "")
    assert any("Scripts" in note for note in document.notes)


def test_script_tags_in_plain_text_or_markdown_are_removed_too():
    document = split("# Regeling\n\n## Artikel 1\n<script>alert(1)</script>Tekst <b>vet</b>.")
    assert document.articles[0].body == "Tekst vet."


def test_rendered_members_split_back_the_same_way():
    document = split(WGR_MD.read_text(encoding="utf-8"))
    for article in document.articles:
        again = split_members(article.body)
        assert [m.as_dict() for m in again] == [m.as_dict() for m in article.members], article.number


# --- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\t  ", "\u200b\u200b"])
def test_an_empty_text_gets_a_clear_message(text):
    with pytest.raises(SplitError) as error:
        split(text)
    assert error.value.messages[0].startswith("De tekst is leeg") or "geen artikelen" in error.value.messages[0]


def test_a_text_without_articles_gets_a_clear_message():
    with pytest.raises(SplitError, match="In deze tekst vonden we geen artikelen"):
        split("Dit is een notitie over de samenwerking.\nZonder artikelen.")


def test_headings_without_any_text_are_not_an_agreement():
    with pytest.raises(SplitError, match="geen tekst onder de artikelen"):
        split("Artikel 1\nArtikel 2\nArtikel 3")


def test_a_huge_text_gets_a_clear_message():
    with pytest.raises(SplitError, match="De tekst is te groot"):
        split("Artikel 1\n" + "x" * (splitter.MAX_CHARS + 1))


def test_a_huge_upload_gets_a_clear_message():
    with pytest.raises(SplitError, match="Het bestand is te groot"):
        splitter.decode_upload(b"a" * (splitter.MAX_UPLOAD_BYTES + 1), "regeling.txt")


def test_a_binary_upload_gets_a_clear_message():
    with pytest.raises(SplitError, match="kan Samen niet lezen"):
        splitter.decode_upload(b"\x7fELF\x00\x00\x01binary", "regeling.bin")


def test_a_broken_pdf_gets_a_clear_message():
    with pytest.raises(SplitError, match="Deze PDF kon niet worden gelezen"):
        splitter.decode_upload(b"%PDF-1.4\x00\x00\x01binary", "regeling.pdf")


def test_an_upload_in_windows_encoding_is_read():
    text, fmt = splitter.decode_upload("Artikel 1 Begrippen\nDe één.".encode("cp1252"), "regeling.txt")
    assert fmt == splitter.FORMAT_TEXT
    assert split(text, fmt).articles[0].body == "De één."


# --- junk ----------------------------------------------------------------------------------

tokens = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "Artikel ",
            "Artikel 1\n",
            "Hoofdstuk ",
            "§ ",
            "1. ",
            "2. ",
            "a. ",
            "\n",
            "#",
            "<p>",
            "<script>",
            "\u200b",
            "Treedt in werking op een nader te bepalen tijdstip\n",
            "**",
            "|",
            ";b. ",
            ".2. ",
        ]
    ),
)
junk = st.lists(tokens, max_size=60).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=junk, fmt=st.sampled_from(splitter.FORMATS))
def test_junk_never_crashes_the_splitter(text, fmt):
    try:
        document = split(text, fmt)
    except SplitError as exc:
        messages = exc.messages
    else:
        messages = []
    if messages:
        assert all(isinstance(m, str) and m for m in messages)
        return
    assert document.articles
    for article in document.articles:
        assert len(article.number) <= 20
        assert len(article.title) <= splitter.MAX_TITLE
        assert "\x00" not in article.body


@settings(max_examples=150, deadline=None)
@given(st.lists(st.fixed_dictionaries({"kop_artikel": st.one_of(st.none(), junk), "inhoud_artikel": junk}), max_size=4))
def test_junk_excerpts_never_crash_the_splitter(excerpts):
    try:
        document = split_excerpts(excerpts)
    except SplitError:
        return
    assert 1 <= document.article_count <= len(excerpts)


def test_html_lists_become_members_and_items():
    html = (
        "<h2>Artikel 1</h2><ol><li>Het bestuur bestaat uit:<ol><li>de voorzitter;</li><li>twee leden.</li></ol></li>"
        "<li>Het bestuur vergadert.</li></ol><h2>Artikel 2</h2><ol><li>1. Al genummerd.</li><li>2. Ook.</li></ol>"
    )
    first, second = split(html).articles
    assert [m.as_dict() for m in first.members] == [
        {
            "number": "1",
            "text": "Het bestuur bestaat uit:",
            "items": [
                {"label": "a", "text": "de voorzitter;"},
                {"label": "b", "text": "twee leden."},
            ],
        },
        {"number": "2", "text": "Het bestuur vergadert.", "items": []},
    ]
    assert second.body == "1. Al genummerd.\n2. Ook."


# --- numbering, parts and warnings -------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "number"),
    [
        ("Artikel 4a Nadere regels", "4a"),
        ("Artikel 12bis Aanvulling", "12bis"),
        ("Artikel 12 bis Aanvulling", "12bis"),
        ("Artikel 3:2 Mandaat", "3:2"),
        ("Artikel 3.2 Mandaat", "3.2"),
    ],
)
def test_article_numbers_in_every_style(heading, number):
    document = split(f"Artikel 12 Vorig\nTekst van het vorige artikel.\n{heading}\nDe tekst van dit artikel.")
    assert [a.number for a in document.articles] == ["12", number]
    assert document.articles[1].body == "De tekst van dit artikel."


def test_twelve_bis_with_a_space_does_not_merge_into_article_twelve():
    document = split(
        "Artikel 12 Bestuur\nHet bestuur vergadert.\nArtikel 12 bis Aanvulling\nHet bestuur kan aanvullen."
    )
    assert [(a.number, a.title) for a in document.articles] == [("12", "Bestuur"), ("12bis", "Aanvulling")]
    assert not document.warnings


def test_roman_chapters_and_lapsed_articles():
    document = split(
        "Hoofdstuk I Algemeen\nArtikel 1\nDe regeling geldt.\nArtikel 2 (vervalt)\nArtikel 3 [Vervallen]\n"
        "Hoofdstuk II Slot\nArtikel 4\nVervallen.\nArtikel 5\nDeze regeling treedt in werking."
    )
    assert [(a.number, a.lapsed) for a in document.articles] == [
        ("1", False),
        ("2", True),
        ("3", True),
        ("4", True),
        ("5", False),
    ]
    assert [s.number for s in document.chapters] == ["I", "II"]
    assert document.articles[1].title == ""
    assert document.articles[1].body == "(vervalt)"
    assert "3 vervallen artikelen" in document.summary()


def test_a_repeated_article_number_is_warned_about():
    document = split("Artikel 6\nEen.\nArtikel 7\nTwee.\nArtikel 7\nDrie.")
    assert "Artikel 7 komt twee keer voor." in document.warnings


def test_the_summary_uses_dutch_singulars_and_plurals():
    document = split("Hoofdstuk 1 Alles\nArtikel 1\n1. Een lid met:\na. een onderdeel.")
    assert document.summary() == ["1 artikel", "1 hoofdstuk of afdeling", "1 lid", "1 onderdeel"]
    assert document.summary_text == "1 artikel, 1 hoofdstuk of afdeling, 1 lid en 1 onderdeel"
    assert "1 hoofdstukken" not in document.summary_text


def test_a_besluit_with_its_regeling_without_headings_is_two_series_with_a_warning():
    document = split("Artikel 1\nDit besluit stelt de regeling vast.\nArtikel 1\nDe regeling geldt.\nArtikel 2\nSlot.")
    assert document.articles_per_series() == [1, 2]
    assert "Na artikel 1 begint de nummering opnieuw bij 1" in document.warnings[0]


def test_degree_and_roman_items():
    document = split("Artikel 1\nOnder bestuur wordt verstaan:\n1° het algemeen bestuur;\n2° het dagelijks bestuur.")
    assert [i.label for i in document.articles[0].members[0].items] == ["1°", "2°"]
    document = split("Artikel 1\nDe taken zijn:\ni. beheer;\nii. advies.")
    assert [i.label for i in document.articles[0].members[0].items] == ["i", "ii"]


def test_hyphenation_at_line_ends_of_a_pasted_text_is_undone():
    document = split(
        "Artikel 1\nDe gemeenschappelijke regeling wordt getroffen ter behartiging van de samen-\nwerking."
    )
    assert (
        document.articles[0].body
        == "De gemeenschappelijke regeling wordt getroffen ter behartiging van de samenwerking."
    )
    assert any("afgebroken woord" in note for note in document.notes)


# --- corrections ---------------------------------------------------------------------------

THREE = "Artikel 1 Begrippen\nDe begrippen.\nArtikel 2 Taken\nDe taken.\nDe tweede zin.\nArtikel 3 Slot\nHet slot."


def test_merging_an_article_with_the_one_before():
    document = split(THREE, corrections=[["samenvoegen", 1]])
    assert [a.number for a in document.articles] == ["1", "3"]
    assert document.articles[0].body == "De begrippen.\nArtikel 2 Taken\nDe taken.\nDe tweede zin."


def test_splitting_an_article_at_one_of_its_lines():
    document = split(THREE, corrections=[["splitsen", 1, 2]])
    assert [a.number for a in document.articles] == ["1", "2", "", "3"]
    assert document.articles[1].body == "De taken."
    assert document.articles[2].body == "De tweede zin."


def test_marking_an_article_as_toelichting_links_it_to_the_article_before():
    document = split(THREE, corrections=[["toelichting", 2]])
    assert [a.number for a in document.articles] == ["1", "2"]
    assert document.articles[1].explanation == "Artikel 3 Slot\nHet slot."


@pytest.mark.parametrize("correction", [["samenvoegen", 0], ["splitsen", 1, 0], ["toelichting", 9], ["weg", 1], []])
def test_a_correction_that_does_not_fit_gets_a_clear_message(correction):
    with pytest.raises(SplitError, match="Deze correctie past niet bij de tekst"):
        split(THREE, corrections=[correction])


def test_the_table_of_contents_is_a_cross_check_of_the_articles_found():
    document = split(
        "Samenwerkingsovereenkomst\nInhoudsopgave\nArtikel 1 Begrippen 2\nArtikel 2 Taken 2\nArtikel 3 Slot 3\n"
        "Artikel 1 Begrippen\nDe begrippen.\nArtikel 2 Taken\nDe taken."
    )
    assert [a.number for a in document.articles] == ["1", "2"]
    assert document.toc == ["1", "2", "3"]
    assert "De tekst begint met een inhoudsopgave; die is overgeslagen." in document.warnings
    assert "De inhoudsopgave noemt artikelen die Samen niet vond: 3." in document.warnings


# --- items without a full stop, items run into a definition table -------------------------------


def test_items_without_a_full_stop_after_a_colon_are_items_in_sequence():
    from samen.experiences.splitter.numbering import split_items

    lead, items = split_items("de volgende heffingen:\na onroerende zaakbelasting b rioolrechten\nc hondenbelasting")
    assert lead == "de volgende heffingen:"
    assert [(i.label, i.text) for i in items] == [
        ("a", "onroerende zaakbelasting"),
        ("b", "rioolrechten"),
        ("c", "hondenbelasting"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Bij de heffingen als genoemd in het eerste lid onder a tot en met e wordt één aanslagbiljet gebruikt.",
        "Het bestuur besluit:\na priori niets.",  # one 'a' is not a list
        "Zie de stukken; c.q. de bijlage.",
    ],
)
def test_letters_in_running_text_are_not_items(text):
    from samen.experiences.splitter.numbering import split_items

    assert split_items(text)[1] == []


def test_an_item_run_into_the_next_after_a_colon_with_a_capital_is_an_item():
    from samen.experiences.splitter.numbering import split_items

    _lead, items = split_items("a. gemeenten: b.de dienstverlening: c.Awb: de Algemene wet bestuursrecht")
    assert [i.label for i in items] == ["a", "b", "c"]
    assert items[2].text == "Awb: de Algemene wet bestuursrecht"
