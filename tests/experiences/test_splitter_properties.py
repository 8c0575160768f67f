"""Properties of the splitter on generated documents: every input line ends up in exactly one part
(nothing lost, nothing duplicated), and the only error is a Dutch SplitError."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samen.experiences import splitter

WORDS = (
    "de het een gemeente bestuur regeling deelnemers kosten begroting jaarlijks taken uitvoering "
    "algemeen dagelijks voorzitter archief bijdrage minister college raad besluit"
)
words = st.sampled_from(WORDS.split())
sentence = st.lists(words, min_size=3, max_size=14).map(lambda w: " ".join(w).capitalize() + ".")
title = st.lists(words, min_size=1, max_size=4).map(lambda w: " ".join(w).capitalize())
NUMBER_STYLES = ("{n}", "{n}a", "{n} bis", "{n}:1", "{n}.2")


@st.composite
def article(draw, number):
    style = draw(st.sampled_from(NUMBER_STYLES))
    head = f"Artikel {style.format(n=number)}"
    lines = [head + (" " + draw(title) if draw(st.booleans()) else "")]
    if draw(st.integers(0, 9)) == 0:
        return [*lines, draw(st.sampled_from(["(vervalt)", "[Vervallen]", "Vervallen."]))]
    members = draw(st.integers(0, 4))
    if not members:
        lines.append(draw(sentence))
    for m in range(1, members + 1):
        lines.append(f"{m}. {draw(sentence)}")
        for label in "abc"[: draw(st.integers(0, 3))]:
            lines.append(f"{label}. {draw(sentence)[:-1]};")
    return lines


@st.composite
def document(draw):
    lines = [draw(title), draw(sentence), "Besluit:"]
    if draw(st.booleans()):
        lines += ["Inhoudsopgave", "Artikel 1 Begrippen 3", "Artikel 2 Taken 4"]
    number = 0
    for chapter in range(1, draw(st.integers(1, 4)) + 1):
        lines.append(f"Hoofdstuk {chapter} {draw(title)}")
        for _ in range(draw(st.integers(1, 4))):
            number += 1
            lines += draw(article(number))
            if draw(st.integers(0, 6)) == 0:
                lines.append(f"Pagina {number} van 40")
    if draw(st.booleans()):
        lines += ["De voorzitter,", "De secretaris,"]
    if draw(st.booleans()):
        lines += ["Toelichting", draw(sentence)]
        for explained in draw(st.lists(st.integers(1, number), max_size=3, unique=True)):
            lines += [f"Artikel {explained}", draw(sentence)]
    if draw(st.booleans()):
        lines += ["Bijlage 1 Verdeelsleutel", draw(sentence)]
    separator = draw(st.sampled_from(["\n", "\n\n"]))
    return separator.join(lines)


def line_numbers(document):
    return [no for part in document.parts for line in part.lines for no in line.nos]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=document())
def test_every_line_of_a_generated_document_ends_up_in_exactly_one_part(text):
    result = splitter.split(text, splitter.FORMAT_TEXT)
    source = [no for no, line in enumerate(text.split("\n")) if line.strip()]
    assert sorted(line_numbers(result)) == source
    # and each part keeps the text of its lines exactly
    raw = text.split("\n")
    for part in result.parts:
        for line in part.lines:
            if not line.joined:
                assert line.text == re.sub(r" {2,}", " ", raw[line.no]).strip()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=document())
def test_the_same_holds_for_markdown_headings(text):
    markdown = re.sub(r"(?m)^(Artikel|Hoofdstuk|Bijlage|Toelichting)", r"### \1", text)
    result = splitter.split(markdown, splitter.FORMAT_MARKDOWN)
    assert sorted(line_numbers(result)) == [no for no, line in enumerate(markdown.split("\n")) if line.strip()]
    assert result.article_count == splitter.split(text, splitter.FORMAT_TEXT).article_count


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=document(),
    cuts=st.lists(st.integers(0, 10_000), max_size=6),
    fmt=st.sampled_from(splitter.FORMATS),
    corrections=st.lists(
        st.tuples(st.sampled_from(["samenvoegen", "splitsen", "toelichting", "weg"]), st.integers(-1, 30)).map(list)
        | st.tuples(st.just("splitsen"), st.integers(-1, 30), st.integers(-1, 8)).map(list),
        max_size=4,
    ),
)
def test_a_mangled_document_or_a_wild_correction_only_ever_raises_a_dutch_split_error(text, cuts, fmt, corrections):
    for cut in cuts:
        at = cut % (len(text) + 1)
        text = text[:at] + text[at + 7 :]
    try:
        result = splitter.split(text, fmt, corrections)
    except splitter.SplitError as error:
        messages = error.messages
    else:
        messages = []
    if messages:
        assert all(isinstance(m, str) and m[:1].isupper() for m in messages)
        return
    source = [no for no, line in enumerate(splitter.normalise(text)[0].split("\n")) if line.strip()]
    assert len(line_numbers(result)) >= 1
    assert set(line_numbers(result)) <= set(source)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    head=st.sampled_from([b"%PDF-1.7\n", b"PK\x03\x04", b"", b"\xef\xbb\xbf"]),
    data=st.binary(max_size=2000),
    name=st.sampled_from(["regeling.pdf", "regeling.docx", "regeling.txt", "regeling", "regeling.html"]),
)
def test_a_broken_upload_only_ever_raises_a_dutch_split_error(head, data, name):
    try:
        text, fmt = splitter.decode_upload(head + data, name)
    except splitter.SplitError as error:
        messages = error.messages
    else:
        messages = []
        assert isinstance(text, str)
        assert fmt in splitter.FORMATS
    assert all(m[:1].isupper() for m in messages)
