"""Each rule of the analysis, on constructed sets of partners (no database needed)."""

from samen.interests.analysis import (
    DeclaredInterest,
    DeclaredRedLine,
    PartnerDeclaration,
    analyse,
    changes,
)
from samen.interests.catalogue import Catalogue, Motive, TensionRule, base_catalogue


def partner(name: str, interests: dict[str, int | tuple[int, str]], red_lines=(), intentions: str = ""):
    return PartnerDeclaration(
        partner_id=name.lower(),
        name=name,
        interests={
            motive: DeclaredInterest(motive, *(value if isinstance(value, tuple) else (value, "")))
            for motive, value in interests.items()
        },
        red_lines=[DeclaredRedLine(text, motive) for text, motive in red_lines],
        intentions=intentions,
    )


def test_the_articles_example_savings_against_service_quality_is_a_tension_with_its_question():
    x = partner("Gemeente X", {"kostenbesparing": (5, "We moeten 2 miljoen bezuinigen.")})
    y = partner("Gemeente Y", {"kwaliteit_dienstverlening": (4, "Inwoners wachten te lang.")})

    analysis = analyse([x, y], base_catalogue())

    [tension] = analysis.tensions
    assert tension.title == "Kostenbesparing ↔ kwaliteit van dienstverlening"
    assert "Kostenbesparing is een belang van Gemeente X (gewicht 5)" in tension.text
    assert "kwaliteit van dienstverlening is een belang van Gemeente Y (gewicht 4)" in tension.text
    assert tension.question.startswith("Kunnen we besparen zonder dat de dienstverlening")
    assert any("Gemeente X" in line and "2 miljoen bezuinigen" in line for line in tension.evidence)
    assert any("Gemeente Y" in line and "wachten te lang" in line for line in tension.evidence)
    assert tension.partners == ["Gemeente X", "Gemeente Y"]


def test_a_tension_needs_two_different_partners():
    torn = partner("Gemeente X", {"kostenbesparing": 5, "kwaliteit_dienstverlening": 5})
    calm = partner("Gemeente Y", {"deskundigheid": 3})

    assert analyse([torn, calm], base_catalogue()).tensions == []


def test_tensions_are_ordered_by_how_heavily_both_sides_weigh_them():
    a = partner("A", {"kostenbesparing": 2, "zeggenschap": 5})
    b = partner("B", {"kwaliteit_dienstverlening": 2, "slagvaardigheid": 5})

    titles = [t.title for t in analyse([a, b], base_catalogue()).tensions]

    assert titles == ["Zeggenschap ↔ slagvaardigheid", "Kostenbesparing ↔ kwaliteit van dienstverlening"]


def test_the_shared_core_holds_what_every_partner_names():
    a = partner("Amersfoort", {"continuiteit": 4, "innovatie": 2})
    b = partner("Baarn", {"continuiteit": 2})
    c = partner("Bunschoten", {"continuiteit": 5, "innovatie": 5})

    analysis = analyse([a, b, c], base_catalogue())

    [core] = analysis.core
    assert core.key == "kern:continuiteit"
    assert core.text == (
        "Alle 3 partners noemen kwetsbaarheid verminderen en continuïteit als belang: Amersfoort (gewicht 4), "
        "Baarn (gewicht 2) en Bunschoten (gewicht 5)."
    )


def test_one_partner_alone_has_no_core_and_no_differences():
    analysis = analyse([partner("A", {"innovatie": 3})], base_catalogue())

    assert analysis.core == []
    assert analysis.differences == []
    assert not analysis.has_enough


def test_a_motive_only_some_partners_hold_is_a_difference_naming_who_does_and_who_does_not():
    a = partner("Utrecht", {"innovatie": 4})
    b = partner("Zeist", {"nabijheid": 3})

    differences = {f.key: f for f in analyse([a, b], base_catalogue()).differences}

    assert (
        differences["verschil:innovatie"].text
        == "Innovatie is een belang van Utrecht (gewicht 4), maar niet van Zeist."
    )
    assert differences["verschil:innovatie"].question


def test_a_shared_motive_with_weights_far_apart_is_a_difference_too():
    a = partner("Utrecht", {"duurzaamheid": 5})
    b = partner("Zeist", {"duurzaamheid": 2})
    c = partner("De Bilt", {"duurzaamheid": 4})

    analysis = analyse([a, b, c], base_catalogue())

    [gap] = [f for f in analysis.differences if f.key == "gewicht:duurzaamheid"]
    assert gap.text == (
        "Alle partners noemen duurzaamheid, maar het gewicht loopt uiteen: "
        "Utrecht (gewicht 5) tegenover Zeist (gewicht 2)."
    )
    assert [f.key for f in analysis.core] == ["kern:duurzaamheid"]


def test_weights_close_together_are_no_difference():
    analysis = analyse([partner("A", {"duurzaamheid": 5}), partner("B", {"duurzaamheid": 3})], base_catalogue())

    assert analysis.differences == []


def test_a_red_line_colliding_with_another_partners_interest_is_named_with_both_declarations():
    zeist = partner("Zeist", {"werkgelegenheid": 4}, red_lines=[("Geen gedwongen ontslagen", "kostenbesparing")])
    utrecht = partner("Utrecht", {"kostenbesparing": (5, "Minder overhead.")})
    de_bilt = partner("De Bilt", {"innovatie": 3})

    [collision] = analyse([zeist, utrecht, de_bilt], base_catalogue()).collisions

    assert collision.text == (
        "De rode lijn van Zeist, “Geen gedwongen ontslagen”, begrenst kostenbesparing, en dat is een belang van "
        "Utrecht (gewicht 5)."
    )
    assert collision.evidence[0] == "Verklaring van Zeist: rode lijn “Geen gedwongen ontslagen”"
    assert "Minder overhead." in collision.evidence[1]
    assert collision.partners == ["Zeist", "Utrecht"]


def test_a_red_line_on_ones_own_interest_or_without_motive_collides_with_nobody():
    a = partner("A", {"kostenbesparing": 3}, red_lines=[("Geen extra kosten", "kostenbesparing"), ("Geen fusie", "")])
    b = partner("B", {"innovatie": 3})

    assert analyse([a, b], base_catalogue()).collisions == []


def test_pairwise_compatibility_is_high_for_the_same_interests_and_low_with_tensions_and_red_lines():
    same_1 = partner("Eens 1", {"continuiteit": 4, "deskundigheid": 3})
    same_2 = partner("Eens 2", {"continuiteit": 4, "deskundigheid": 3})
    saver = partner("Bespaarder", {"kostenbesparing": 5}, red_lines=[("Niet duurder", "kwaliteit_dienstverlening")])
    quality = partner("Kwaliteit", {"kwaliteit_dienstverlening": 5})

    pairs = {(p.first, p.second): p for p in analyse([same_1, same_2, saver, quality], base_catalogue()).pairs}

    twins = pairs[("Eens 1", "Eens 2")]
    assert twins.score == 100
    assert twins.status == "goed"
    assert (
        twins.explanation
        == "Gedeelde belangen: kwetsbaarheid verminderen en continuïteit en deskundigheid en kennisdeling."
    )
    opposites = pairs[("Bespaarder", "Kwaliteit")]
    assert opposites.score == 0
    assert opposites.status == "zorg"
    assert opposites.label == "moeilijk verenigbaar"
    assert "Geen gedeelde belangen." in opposites.explanation
    assert (
        "kostenbesparing van Bespaarder tegenover kwaliteit van dienstverlening van Kwaliteit" in opposites.explanation
    )
    assert "de rode lijn “Niet duurder” van Bespaarder raakt kwaliteit van dienstverlening van Kwaliteit" in (
        opposites.explanation
    )


def test_pairs_come_least_compatible_first():
    a = partner("A", {"innovatie": 5})
    b = partner("B", {"innovatie": 5})
    c = partner("C", {"nabijheid": 5})

    scores = [p.score for p in analyse([a, b, c], base_catalogue()).pairs]

    assert scores == sorted(scores)


def test_a_collaborations_own_tension_counts_like_the_shipped_ones():
    base = base_catalogue()
    catalogue = Catalogue(
        motives={**base.motives, "sportpark": Motive("sportpark", "Eigen sportpark", custom=True)},
        tensions=[*base.tensions, TensionRule("sportpark", "kostenbesparing", "Houden we elk sportpark open?", True)],
    )
    a = partner("A", {"sportpark": 4})
    b = partner("B", {"kostenbesparing": 4})

    [tension] = analyse([a, b], catalogue).tensions

    assert tension.question == "Houden we elk sportpark open?"


def test_per_motive_rows_show_who_holds_it_and_how_strongly_most_widely_held_first():
    a = partner("A", {"innovatie": 2, "nabijheid": 5})
    b = partner("B", {"innovatie": 4})

    analysis = analyse([a, b], base_catalogue())

    first, second = analysis.rows[:2]
    assert (first.motive.code, first.cells, first.holders, first.average) == (
        "innovatie",
        [2, 4],
        [("A", 2), ("B", 4)],
        3,
    )
    assert (second.motive.code, second.cells) == ("nabijheid", [5, None])
    assert "kostenbesparing" in [m.code for m in analysis.unheld]


def test_changes_say_what_each_partner_changed_and_which_findings_came_or_went():
    catalogue = base_catalogue()
    before = [
        partner("Utrecht", {"kostenbesparing": 5, "innovatie": 3}, red_lines=[("Geen fusie", "")], intentions="A"),
        partner("Zeist", {"kwaliteit_dienstverlening": 4}),
        partner("Baarn", {"nabijheid": 3}),
    ]
    after = analyse(
        [
            partner("Utrecht", {"kostenbesparing": 3, "continuiteit": 4}, intentions="B"),
            partner("Zeist", {"continuiteit": 4}),
            partner("De Bilt", {"continuiteit": 2}),
        ],
        catalogue,
    )

    lines = changes(after, before, catalogue)

    assert lines[:4] == [
        "De Bilt deelde in de vorige ronde geen verklaring.",
        "Utrecht: nu ook kwetsbaarheid verminderen en continuïteit (4); niet meer innovatie; ander gewicht: "
        "kostenbesparing van 5 naar 3; rode lijn “Geen fusie” vervallen; intenties aangepast.",
        "Zeist: nu ook kwetsbaarheid verminderen en continuïteit (4); niet meer kwaliteit van dienstverlening.",
        "Baarn deelde in de vorige ronde wel een verklaring, in deze ronde (nog) niet.",
    ]
    assert "Nieuw in de gedeelde kern: Kwetsbaarheid verminderen en continuïteit." in lines
    assert "Spanning verdwenen: Kostenbesparing ↔ kwaliteit van dienstverlening." in lines


def test_a_partner_that_changed_nothing_gets_no_line():
    catalogue = base_catalogue()
    same = [partner("Utrecht", {"innovatie": 3}), partner("Zeist", {"innovatie": 3})]

    assert changes(analyse(same, catalogue), same, catalogue) == []
