"""The agreements register: import all or nothing, the preview, ROO as a start, edits with versions, readings."""

import datetime

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from samen.audit.models import AuditEvent
from samen.collaborations.models import CollaborationKind, Partner
from samen.core.services import ConcurrentEditError
from samen.experiences import roo, services, splitter
from samen.experiences.models import Agreement, AgreementKind, Article, ArticleVersion, Chapter, Interpretation, Stance
from tests.experiences.conftest import RHC_MD, SMALL_AGREEMENT, WGR_MD, article, import_text
from tests.personas import build_demo

pytestmark = pytest.mark.django_db


def counts():
    return (Agreement.objects.count(), Chapter.objects.count(), Article.objects.count(), ArticleVersion.objects.count())


# --- import ----------------------------------------------------------------------------------


def test_importing_the_wet_saves_all_220_articles_with_their_chapters(demo):
    agreement = import_text(demo, WGR_MD.read_text(encoding="utf-8"), title="Wet gemeenschappelijke regelingen")
    assert agreement.articles.count() == 220
    assert agreement.chapters.filter(kind="hoofdstuk").count() == 13
    article_8 = article(agreement, "8")
    assert str(article_8.chapter) == "§ 1 Inhoud van de regeling"
    assert article_8.chapter.parent.parent.number == "I"
    assert [m["number"] for m in article_8.members] == ["1", "2", "3", "4"]
    assert ArticleVersion.objects.filter(article__agreement=agreement, version=1).count() == 220
    event = AuditEvent.objects.get(action="agreement.imported")
    assert event.after["articles"] == 220
    assert event.collaboration_id == demo.collaboration.pk


def test_the_rhc_regeling_imports_with_its_41_articles(demo):
    agreement = import_text(demo, RHC_MD.read_text(encoding="utf-8"), title="Regeling RHC Noord-Holland")
    assert agreement.articles.count() == 41
    assert agreement.source_format == splitter.FORMAT_MARKDOWN
    assert "Gelet op de artikelen 96 en 97" in agreement.preamble
    assert agreement.chapters.get(kind="bijlage").text.count("€") >= 10


def test_a_text_that_cannot_be_split_saves_nothing(demo):
    before = counts()
    with pytest.raises(ValidationError, match="geen artikelen"):
        import_text(demo, "Een losse notitie zonder artikelen.")
    assert counts() == before
    assert not AuditEvent.objects.filter(action="agreement.imported").exists()


def test_an_empty_text_saves_nothing(demo):
    with pytest.raises(ValidationError, match="De tekst is leeg"):
        import_text(demo, "  ")
    assert counts() == (0, 0, 0, 0)


def test_a_huge_text_saves_nothing(demo):
    with pytest.raises(ValidationError, match="te groot"):
        import_text(demo, "Artikel 1\n" + "tekst " * 200_000)
    assert counts() == (0, 0, 0, 0)


def test_a_tampered_preview_token_saves_nothing(demo):
    token = services.make_import_token(SMALL_AGREEMENT, "auto")
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    with pytest.raises(ValidationError, match="ongeldig of gewijzigd"):
        services.import_agreement(
            collaboration=demo.collaboration,
            by=demo.utrecht_beleidsmedewerker,
            token=forged,
            kind=AgreementKind.COVENANT,
            title="X",
            parties=[],
        )
    assert counts() == (0, 0, 0, 0)


def test_an_expired_preview_token_saves_nothing(demo, monkeypatch):
    token = services.make_import_token(SMALL_AGREEMENT, "auto")
    monkeypatch.setattr(services.agreements, "TOKEN_MAX_AGE", -1)
    with pytest.raises(ValidationError, match="verlopen"):
        services.import_agreement(
            collaboration=demo.collaboration,
            by=demo.utrecht_beleidsmedewerker,
            token=token,
            kind=AgreementKind.COVENANT,
            title="X",
            parties=[],
        )
    assert counts() == (0, 0, 0, 0)


def test_bad_details_save_nothing(demo):
    token = services.make_import_token(SMALL_AGREEMENT, "auto")
    other_partner = demo.other_collaboration.partners.first()
    with pytest.raises(ValidationError) as error:
        services.import_agreement(
            collaboration=demo.collaboration,
            by=demo.utrecht_beleidsmedewerker,
            token=token,
            kind="onzin",
            title=" ",
            parties=[other_partner],
            effective_from=datetime.date(2026, 1, 1),
            effective_until=datetime.date(2025, 1, 1),
        )
    assert set(error.value.message_dict) == {"kind", "title", "parties", "effective_until"}
    assert error.value.message_dict["effective_until"] == ["De einddatum ligt vóór de ingangsdatum."]
    assert counts() == (0, 0, 0, 0)


def test_readers_and_outsiders_cannot_import(demo):
    for person in (demo.raadslid, demo.amersfoort_beleidsmedewerker):
        with pytest.raises(PermissionDenied):
            import_text(demo, by=person)
    assert counts() == (0, 0, 0, 0)


def test_html_with_scripts_is_stored_without_them(demo):
    agreement = import_text(
        demo,
        "<h1>Convenant</h1><h2>Artikel 1</h2><p>1. Tekst.<script>alert('x')</script></p>"
        "<p onmouseover='steal()'>2. Meer tekst.</p>",
    )
    stored = " ".join(Article.objects.filter(agreement=agreement).values_list("text", flat=True))
    assert stored == "1. Tekst.\n2. Meer tekst."


class JunkImport(HypothesisTestCase):
    """Junk is imported whole or not at all; it never crashes and never leaves part of an import."""

    @classmethod
    def setUpTestData(cls):
        cls.demo = build_demo()

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        text=st.lists(
            st.one_of(
                st.text(max_size=10),
                st.sampled_from(
                    [
                        "Artikel 1\n",
                        "Artikel 2 Titel\n",
                        "1. ",
                        "2. ",
                        "\n",
                        "Hoofdstuk I\n",
                        "<p>",
                        "a. ",
                        "\u200b",
                        "\x00",
                    ]
                ),
            ),
            max_size=40,
        ).map("".join),
        fmt=st.sampled_from(
            [splitter.FORMAT_AUTO, splitter.FORMAT_TEXT, splitter.FORMAT_MARKDOWN, splitter.FORMAT_HTML]
        ),
    )
    def test_junk_imports_whole_or_not_at_all(self, text, fmt):
        before = counts()
        try:
            agreement = import_text(self.demo, text, fmt)
        except ValidationError as exc:
            messages = exc.messages
        else:
            messages = []
        if messages:
            assert counts() == before
            return
        document = splitter.split(text, fmt)
        assert agreement.articles.count() == document.article_count
        assert agreement.chapters.count() == document.chapter_count
        assert Agreement.objects.count() == before[0] + 1


# --- the import pages ------------------------------------------------------------------------


def test_the_preview_shows_the_split_and_saves_nothing(demo, client_for):
    client = client_for(demo.zeist_beleidsmedewerker)
    url = reverse("experiences:agreement_import", args=[demo.collaboration.pk])
    upload = SimpleUploadedFile("wgr.md", WGR_MD.read_bytes(), content_type="text/markdown")
    response = client.post(url, {"stap": "voorbeeld", "kind": "regeling", "format": "auto", "upload": upload})
    assert response.status_code == 200
    assert "Samen vond 220 artikelen" in response.text
    assert "Er is nog niets opgeslagen." in response.text
    assert counts() == (0, 0, 0, 0)
    token = response.context["token_form"]["token"].value()
    details = {"kind": "regeling", "title": "Wet gemeenschappelijke regelingen", "parties": [str(demo.zeist.pk)]}
    response = client.post(url, {"stap": "opslaan", "token": token, **details})
    agreement = Agreement.objects.get()
    assert response.status_code == 302
    assert response.url.endswith(str(agreement.pk))
    assert agreement.articles.count() == 220
    assert list(agreement.parties.all()) == [demo.zeist]


def test_the_preview_takes_the_title_from_the_text(demo, client_for):
    client = client_for(demo.zeist_beleidsmedewerker)
    url = reverse("experiences:agreement_import", args=[demo.collaboration.pk])
    response = client.post(url, {"stap": "voorbeeld", "kind": "convenant", "format": "auto", "text": SMALL_AGREEMENT})
    assert response.context["details"]["title"].value() == "Convenant Samen Sterk"


@pytest.mark.parametrize(
    ("post", "message"),
    [
        ({"text": ""}, "De tekst is leeg. Plak de tekst van de afspraak of kies een bestand."),
        ({"text": "Geen artikelen hier."}, "In deze tekst vonden we geen artikelen."),
    ],
)
def test_bad_text_on_the_import_page_gets_a_clear_message(demo, client_for, post, message):
    client = client_for(demo.zeist_beleidsmedewerker)
    url = reverse("experiences:agreement_import", args=[demo.collaboration.pk])
    response = client.post(url, {"stap": "voorbeeld", "kind": "convenant", "format": "auto", **post})
    assert response.status_code == 400
    assert message in response.text
    assert counts() == (0, 0, 0, 0)


def test_a_huge_upload_on_the_import_page_gets_a_clear_message(demo, client_for):
    client = client_for(demo.zeist_beleidsmedewerker)
    url = reverse("experiences:agreement_import", args=[demo.collaboration.pk])
    upload = SimpleUploadedFile("groot.txt", b"Artikel 1\n" + b"x" * splitter.MAX_UPLOAD_BYTES)
    response = client.post(url, {"stap": "voorbeeld", "kind": "convenant", "format": "auto", "upload": upload})
    assert response.status_code == 400
    assert "Het bestand is te groot. Het maximum is 2 MB" in response.text
    assert counts() == (0, 0, 0, 0)


def test_a_confirmation_with_a_forged_token_gets_a_clear_message(demo, client_for):
    client = client_for(demo.zeist_beleidsmedewerker)
    url = reverse("experiences:agreement_import", args=[demo.collaboration.pk])
    forged = signing.dumps({"t": SMALL_AGREEMENT, "f": "auto", "n": ""}, salt="iets anders", compress=True)
    response = client.post(url, {"stap": "opslaan", "token": forged, "kind": "convenant", "title": "X"})
    assert response.status_code == 400
    assert "De voorvertoning is ongeldig of gewijzigd." in response.text
    assert counts() == (0, 0, 0, 0)


def test_the_preview_escapes_html_from_the_text(demo, client_for):
    client = client_for(demo.zeist_beleidsmedewerker)
    url = reverse("experiences:agreement_import", args=[demo.collaboration.pk])
    text = "Artikel 1\n&lt;script&gt;alert(1)&lt;/script&gt; <img src=x onerror=alert(2)>Tekst."
    response = client.post(url, {"stap": "voorbeeld", "kind": "convenant", "format": "tekst", "text": text})
    assert response.status_code == 200
    assert "<script>alert" not in response.text
    assert "onerror" not in response.text


def test_a_register_gr_is_offered_its_roo_articles_as_a_start(demo, client_for):
    collaboration = demo.collaboration
    collaboration.roo_id = "27763231"
    collaboration.kind = CollaborationKind.GR
    collaboration.save()
    client = client_for(demo.de_bilt_beleidsmedewerker)
    page = client.get(reverse("experiences:agreements", args=[collaboration.pk]))
    assert "Begin met het artikel uit het landelijk register" in page.text
    response = client.get(reverse("experiences:agreement_from_roo", args=[collaboration.pk]))
    assert response.status_code == 200
    assert response.context["document"].article_count == len(roo.excerpts_for("27763231")) == 1
    assert counts() == (0, 0, 0, 0)
    token = response.context["token_form"]["token"].value()
    client.post(
        reverse("experiences:agreement_import", args=[collaboration.pk]),
        {"stap": "opslaan", "token": token, "kind": "regeling", "title": response.context["details"]["title"].value()},
    )
    stored = Article.objects.get()
    assert (stored.number, stored.title) == ("5", "Bevoegdheden")
    assert stored.text.startswith("1. Aan het bestuur van het Mobiliteitsbureau")
    assert "\n2. Onverminderd" in stored.text
    assert Agreement.objects.get().source_format == "roo"


def test_a_collaboration_outside_the_register_is_not_offered_roo_articles(demo, client_for):
    client = client_for(demo.de_bilt_beleidsmedewerker)
    page = client.get(reverse("experiences:agreements", args=[demo.collaboration.pk]))
    assert "landelijk register" not in page.text
    response = client.get(reverse("experiences:agreement_from_roo", args=[demo.collaboration.pk]))
    assert response.status_code == 302


def test_outsiders_do_not_see_the_agreements(demo, client_for, agreement):
    client = client_for(demo.amersfoort_beleidsmedewerker)
    for url in (
        reverse("experiences:agreements", args=[demo.collaboration.pk]),
        reverse("experiences:agreement", args=[demo.collaboration.pk, agreement.pk]),
        reverse("experiences:article", args=[demo.collaboration.pk, article(agreement, "1").pk]),
    ):
        assert client.get(url).status_code == 404


def test_readers_read_agreements_but_not_readings(demo, client_for, agreement):
    services.record_reading(
        article=article(agreement, "2"),
        partner=demo.zeist,
        by=demo.zeist_beleidsmedewerker,
        stance=Stance.DIFFERENT,
        text="Naar rato van afname, niet van inwoners.",
    )
    client = client_for(demo.raadslid)
    page = client.get(reverse("experiences:article", args=[demo.collaboration.pk, article(agreement, "2").pk]))
    assert page.status_code == 200
    assert "De partners dragen de kosten" in page.text
    assert "Naar rato van afname" not in page.text
    assert client.get(reverse("experiences:signals", args=[demo.collaboration.pk])).status_code == 404


# --- editing articles --------------------------------------------------------------------------


def test_editing_an_article_keeps_the_previous_version(demo, agreement):
    kosten = article(agreement, "2")
    services.edit_article(
        article=kosten,
        by=demo.zeist_beleidsmedewerker,
        expected_version=1,
        number="2",
        title="Kosten en facturen",
        text="1. De partners dragen de kosten naar rato van afname.2. Het bureau factureert per maand.",
        note="Besluit AB 12 maart",
    )
    kosten.refresh_from_db()
    assert kosten.version == 2
    assert kosten.text == "1. De partners dragen de kosten naar rato van afname.\n2. Het bureau factureert per maand."
    assert [m["number"] for m in kosten.members] == ["1", "2"]
    versions = list(kosten.versions.order_by("version").values_list("version", "title", "note"))
    assert versions == [(1, "Kosten", "Ingelezen"), (2, "Kosten en facturen", "Besluit AB 12 maart")]
    assert "naar rato van het aantal inwoners" in kosten.versions.get(version=1).text
    assert AuditEvent.objects.filter(action="article.edited", object_id=str(kosten.pk)).exists()


def test_two_people_editing_the_same_article_cannot_overwrite_each_other(demo, agreement):
    kosten = article(agreement, "2")
    services.edit_article(
        article=kosten,
        by=demo.zeist_beleidsmedewerker,
        expected_version=1,
        number="2",
        title="Kosten",
        text="Eerste wijziging.",
    )
    stale = Article.objects.get(pk=kosten.pk)
    stale.version = 1
    with pytest.raises(ConcurrentEditError):
        services.edit_article(
            article=stale,
            by=demo.utrecht_beleidsmedewerker,
            expected_version=1,
            number="2",
            title="Kosten",
            text="Tweede wijziging.",
        )
    kosten.refresh_from_db()
    assert kosten.text == "Eerste wijziging."
    assert kosten.versions.count() == 2


def test_a_concurrent_edit_on_the_page_keeps_the_typed_text(demo, agreement, client_for):
    kosten = article(agreement, "2")
    services.edit_article(
        article=kosten,
        by=demo.zeist_beleidsmedewerker,
        expected_version=1,
        number="2",
        title="Kosten",
        text="Eerste wijziging.",
    )
    client = client_for(demo.utrecht_beleidsmedewerker)
    response = client.post(
        reverse("experiences:article_edit", args=[demo.collaboration.pk, kosten.pk]),
        {"number": "2", "title": "Kosten", "text": "Mijn eigen tekst.", "version": "1"},
    )
    assert response.status_code == 400
    assert "Iemand anders heeft dit intussen opgeslagen" in response.text
    assert "Mijn eigen tekst." in response.text
    assert "Eerste wijziging." in response.text


def test_an_empty_article_text_is_refused(demo, agreement):
    kosten = article(agreement, "2")
    with pytest.raises(ValidationError) as error:
        services.edit_article(
            article=kosten,
            by=demo.zeist_beleidsmedewerker,
            expected_version=1,
            number="2",
            title="Kosten",
            text="  \u200b ",
        )
    assert error.value.message_dict == {"text": ["Een artikel heeft tekst nodig."]}
    assert Article.objects.get(pk=kosten.pk).version == 1


# --- readings ----------------------------------------------------------------------------------


def test_wij_lezen_dit_anders_flags_a_difference_in_reading(demo, agreement):
    kosten = article(agreement, "2")
    services.record_reading(
        article=kosten,
        partner=demo.utrecht,
        by=demo.utrecht_beleidsmedewerker,
        stance=Stance.AS_WRITTEN,
        text="Naar rato van inwoners, zoals er staat.",
    )
    assert not Article.objects.filter(pk=kosten.pk).with_reading_counts().get().is_read_differently
    services.record_reading(
        article=kosten,
        partner=demo.zeist,
        by=demo.zeist_wethouder,
        stance=Stance.DIFFERENT,
        text="Wij betalen naar afname.",
    )
    flagged = Article.objects.filter(pk=kosten.pk).with_reading_counts().get()
    assert flagged.is_read_differently
    assert flagged.reading_count == 2
    assert list(Article.objects.of_collaboration(demo.collaboration).flagged()) == [kosten]
    assert Agreement.objects.register_for(demo.collaboration).get().flagged_count == 1


def test_different_answers_flag_a_difference_even_without_wij_lezen_dit_anders(demo, agreement):
    kosten = article(agreement, "2")
    services.record_reading(
        article=kosten,
        partner=demo.utrecht,
        by=demo.utrecht_beleidsmedewerker,
        stance=Stance.AS_WRITTEN,
        text="Zoals er staat.",
    )
    services.record_reading(
        article=kosten,
        partner=demo.de_bilt,
        by=demo.de_bilt_beleidsmedewerker,
        stance=Stance.OWN_READING,
        text="Wij rekenen met het inwonertal van vorig jaar.",
    )
    assert list(Article.objects.of_collaboration(demo.collaboration).flagged()) == [kosten]


def test_one_reading_per_partner_that_a_later_one_replaces(demo, agreement):
    kosten = article(agreement, "2")
    first = services.record_reading(
        article=kosten, partner=demo.zeist, by=demo.zeist_beleidsmedewerker, stance=Stance.DIFFERENT, text="Anders."
    )
    services.record_reading(
        article=kosten,
        partner=demo.zeist,
        by=demo.zeist_wethouder,
        stance=Stance.AS_WRITTEN,
        text="Toch zoals er staat.",
        expected_version=first.version,
    )
    reading = Interpretation.objects.get()
    assert (reading.stance, reading.version, reading.written_by) == (Stance.AS_WRITTEN, 2, demo.zeist_wethouder)


def test_only_a_partners_own_contacts_record_its_reading(demo, agreement):
    kosten = article(agreement, "2")
    for person in (demo.utrecht_beleidsmedewerker, demo.raadslid, demo.facilitator):
        with pytest.raises(PermissionDenied):
            services.record_reading(article=kosten, partner=demo.zeist, by=person, stance=Stance.DIFFERENT, text="x")
    assert not Interpretation.objects.exists()


def test_a_reading_needs_a_stance_and_a_text(demo, agreement):
    with pytest.raises(ValidationError) as error:
        services.record_reading(
            article=article(agreement, "2"),
            partner=demo.zeist,
            by=demo.zeist_beleidsmedewerker,
            stance="misschien",
            text=" ",
        )
    assert set(error.value.message_dict) == {"stance", "text"}
    assert not Interpretation.objects.exists()


def test_the_reading_form_on_the_article_page(demo, agreement, client_for):
    kosten = article(agreement, "2")
    client = client_for(demo.zeist_beleidsmedewerker)
    url = reverse("experiences:article", args=[demo.collaboration.pk, kosten.pk])
    response = client.post(url, {"partner": str(demo.zeist.pk), "stance": "anders", "text": ""})
    assert response.status_code == 400
    assert "Beschrijf in een paar zinnen hoe uw organisatie dit artikel leest." in response.text
    response = client.post(url, {"partner": str(demo.utrecht.pk), "stance": "anders", "text": "Anders."})
    assert response.status_code == 400
    assert "U handelt niet namens deze partner." in response.text
    assert not Interpretation.objects.exists()
    response = client.post(url, {"partner": str(demo.zeist.pk), "stance": "anders", "text": "Naar afname."})
    assert response.status_code == 302
    assert Interpretation.objects.get().partner == demo.zeist


def test_articles_of_another_collaboration_are_not_found(demo, client_for):
    other = import_text(demo, collaboration=demo.other_collaboration, by=demo.amersfoort_beleidsmedewerker)
    client = client_for(demo.zeist_beleidsmedewerker)
    url = reverse("experiences:article", args=[demo.collaboration.pk, article(other, "1").pk])
    assert client.get(url).status_code == 404


def test_a_former_partner_no_longer_records_readings(demo, agreement):
    Partner.objects.filter(pk=demo.de_bilt.pk).update(left_on=datetime.date(2024, 1, 1))
    demo.de_bilt.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.record_reading(
            article=article(agreement, "1"),
            partner=demo.de_bilt,
            by=demo.de_bilt_beleidsmedewerker,
            stance=Stance.AS_WRITTEN,
            text="x",
        )


def test_a_paste_too_large_to_send_gets_a_clear_message(demo, client_for, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client = client_for(demo.zeist_beleidsmedewerker)
    url = reverse("experiences:agreement_import", args=[demo.collaboration.pk])
    response = client.post(url, {"stap": "voorbeeld", "kind": "convenant", "format": "auto", "text": "x" * 20_000})
    assert response.status_code == 400
    assert "De tekst is te groot om te versturen." in response.text
    assert counts() == (0, 0, 0, 0)


def test_changing_the_agreement_details_detects_a_concurrent_change(demo, agreement, client_for):
    url = reverse("experiences:agreement_edit", args=[demo.collaboration.pk, agreement.pk])
    details = {"kind": "convenant", "title": "Convenant Samen Sterker", "parties": [str(demo.utrecht.pk)]}
    client = client_for(demo.de_bilt_wethouder)
    assert client.post(url, {**details, "version": "1"}).status_code == 302
    agreement.refresh_from_db()
    assert (agreement.title, agreement.version, list(agreement.parties.all())) == (
        "Convenant Samen Sterker",
        2,
        [demo.utrecht],
    )
    response = client_for(demo.zeist_wethouder).post(url, {**details, "title": "Oud", "version": "1"})
    assert response.status_code == 400
    assert "Iemand anders heeft dit intussen opgeslagen" in response.text
    assert Agreement.objects.get().title == "Convenant Samen Sterker"
    event = AuditEvent.objects.get(action="agreement.updated")
    assert event.before["title"] == "Convenant Samen Sterk"
    assert event.after["title"] == "Convenant Samen Sterker"
