"""Zienswijzen per council: a draft stays inside its partner until adopted; the GR body says what it did."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from samen.audit.models import AuditEvent
from samen.council import services
from samen.council.facts import council_facts
from samen.council.models import DocumentKind, Stance, Zienswijze
from samen.notifications.models import Event

pytestmark = pytest.mark.django_db

DECIDED = datetime.date(2026, 5, 20)


@pytest.fixture
def document(demo):
    return services.record_document(
        collaboration=demo.collaboration,
        by=demo.facilitator,
        year=2026,
        kind=DocumentKind.DRAFT_BUDGET,
        title="Ontwerpbegroting 2027",
        sent_on=datetime.date(2026, 3, 9),
        link="https://www.example.org/o.pdf",
    )


def write(document, partner, by, stance=Stance.REMARKS, themes=("indexatie",), decided_on=DECIDED):
    return services.save_zienswijze(
        document=document,
        partner=partner,
        by=by,
        stance=stance,
        text="De raad vraagt om soberheid.",
        themes=themes,
        decided_on=decided_on,
    )


def path(demo, document):
    return f"/samenwerkingen/{demo.collaboration.pk}/pc-stukken/{document.pk}"


def test_a_draft_is_visible_only_to_its_own_partner(demo, document, client_for):
    write(document, demo.zeist, demo.zeist_beleidsmedewerker)
    assert "soberheid" in client_for(demo.zeist_wethouder).get(path(demo, document)).content.decode()
    for other in (demo.utrecht_wethouder, demo.raadslid, demo.facilitator, demo.de_bilt_beleidsmedewerker):
        assert "soberheid" not in client_for(other).get(path(demo, document)).content.decode(), other


def test_once_adopted_every_partner_and_the_reader_sees_it(demo, document, client_for):
    services.adopt_zienswijze(
        zienswijze=write(document, demo.zeist, demo.zeist_beleidsmedewerker), by=demo.zeist_wethouder
    )
    for someone in (demo.utrecht_wethouder, demo.raadslid, demo.facilitator):
        assert "soberheid" in client_for(someone).get(path(demo, document)).content.decode()
    assert client_for(demo.amersfoort_beleidsmedewerker).get(path(demo, document)).status_code == 404


def test_the_griffie_reader_of_a_partner_enters_its_councils_zienswijze(demo, document):
    zienswijze = write(document, demo.utrecht, demo.raadslid)
    assert zienswijze.entered_by == demo.raadslid


def test_nobody_writes_another_councils_zienswijze(demo, document):
    for someone in (demo.zeist_wethouder, demo.raadslid, demo.facilitator):
        with pytest.raises(PermissionDenied):
            write(document, demo.de_bilt, someone)
    assert not Zienswijze.objects.exists()


def test_adopting_needs_the_date_of_the_raadsbesluit_and_then_fixes_it(demo, document):
    draft = write(document, demo.zeist, demo.zeist_beleidsmedewerker, decided_on=None)
    with pytest.raises(ValidationError):
        services.adopt_zienswijze(zienswijze=draft, by=demo.zeist_wethouder)
    draft = write(document, demo.zeist, demo.zeist_beleidsmedewerker)
    services.adopt_zienswijze(zienswijze=draft, by=demo.zeist_wethouder)
    with pytest.raises(ValidationError):
        write(document, demo.zeist, demo.zeist_wethouder, stance=Stance.NEGATIVE)
    assert Zienswijze.objects.get().stance == Stance.REMARKS
    actions = list(AuditEvent.objects.filter(action__startswith="council.zienswijze").values_list("action", flat=True))
    assert sorted(actions) == ["council.zienswijze_adopted", "council.zienswijze_saved", "council.zienswijze_saved"]


def test_bad_input_changes_nothing(demo, document):
    with pytest.raises(ValidationError) as error:
        services.save_zienswijze(
            document=document,
            partner=demo.zeist,
            by=demo.zeist_wethouder,
            stance="misschien",
            text=" ",
            decided_on=timezone.localdate() + datetime.timedelta(days=2),
        )
    assert set(error.value.message_dict) == {"stance", "text", "decided_on"}
    assert not Zienswijze.objects.exists()


def test_no_zienswijze_on_a_document_that_asks_none(demo):
    kaderbrief = services.record_document(
        collaboration=demo.collaboration,
        by=demo.facilitator,
        year=2026,
        kind=DocumentKind.KADERBRIEF,
        title="Kaderbrief",
        sent_on=datetime.date(2026, 3, 1),
        link="https://www.example.org/k.pdf",
    )
    with pytest.raises(ValidationError):
        write(kaderbrief, demo.zeist, demo.zeist_wethouder)


def test_the_gr_body_responds_and_the_council_hears_of_it(demo, document):
    zienswijze = write(document, demo.zeist, demo.zeist_beleidsmedewerker)
    with pytest.raises(ValidationError):
        services.respond_to_zienswijze(zienswijze=zienswijze, by=demo.facilitator, response="Verwerkt.")
    services.adopt_zienswijze(zienswijze=zienswijze, by=demo.zeist_wethouder)
    assert Event.objects.filter(recipient=demo.facilitator, subject__contains="Zeist").exists()
    with pytest.raises(PermissionDenied):
        services.respond_to_zienswijze(zienswijze=zienswijze, by=demo.utrecht_wethouder, response="Nee.")
    services.respond_to_zienswijze(zienswijze=zienswijze, by=demo.facilitator, response="Indexatie verlaagd naar 2%.")
    assert Event.objects.filter(recipient=demo.zeist_wethouder, body__contains="2%").exists()
    assert not Event.objects.filter(recipient=demo.utrecht_wethouder, body__contains="2%").exists()
    assert AuditEvent.objects.filter(action="council.zienswijze_answered").count() == 1


def test_overview_shows_where_councils_agree_and_differ(demo, document, client_for):
    for partner, by, stance, themes in (
        (demo.utrecht, demo.utrecht_wethouder, Stance.REMARKS, ["indexatie", "reserves"]),
        (demo.zeist, demo.zeist_wethouder, Stance.NEGATIVE, ["Indexatie"]),
    ):
        services.adopt_zienswijze(zienswijze=write(document, partner, by, stance, themes), by=by)
    page = client_for(demo.de_bilt_wethouder).get(path(demo, document)).content.decode()
    assert "Utrecht, Zeist" in page  # both named indexatie
    assert "Nog geen vastgestelde zienswijze van:" in page
    assert "De Bilt" in page
    facts = council_facts(demo.collaboration, today=datetime.date(2026, 5, 25))
    only = facts.documents[0]
    assert only.shared_themes == ["indexatie"]
    assert only.negative_partners == ["Zeist"]
    assert only.missing == 1
    assert not only.agree
    assert (facts.negative, facts.reactions_missing, facts.open_periods) == (1, 2, 1)


def test_facts_ignore_drafts(demo, document):
    write(document, demo.zeist, demo.zeist_wethouder, stance=Stance.NEGATIVE)
    facts = council_facts(demo.collaboration)
    assert (facts.zienswijzen, facts.negative) == (0, 0)


def test_a_contact_writes_and_adopts_through_the_page(demo, document, client_for):
    client = client_for(demo.zeist_wethouder)
    prefix = f"z{demo.zeist.pk.hex[:8]}"
    url = f"{path(demo, document)}/zienswijzen/{demo.zeist.pk}"
    data = {
        f"{prefix}-stance": "positief",
        f"{prefix}-text": "Akkoord.",
        f"{prefix}-themes": "",
        f"{prefix}-decided_on": "2026-05-20",
        "vaststellen": "",
    }
    assert client.post(url, data).status_code == 302
    assert Zienswijze.objects.get().is_adopted
    # Another partner's form is not there for Zeist.
    other = client.post(f"{path(demo, document)}/zienswijzen/{demo.utrecht.pk}", data)
    assert other.status_code == 404


def test_health_view_shows_the_zienswijzen(demo, document, client_for):
    zienswijze = write(document, demo.zeist, demo.zeist_wethouder, stance=Stance.NEGATIVE)
    services.adopt_zienswijze(zienswijze=zienswijze, by=demo.zeist_wethouder)
    page = client_for(demo.utrecht_wethouder).get(f"/samenwerkingen/{demo.collaboration.pk}/gezondheid")
    text = page.content.decode()
    assert "Zienswijzen van de raden" in text
    assert "Ontwerpbegroting 2027" in text


def test_document_page_query_count_does_not_grow_with_the_zienswijzen(demo, document, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(demo.facilitator)
    services.adopt_zienswijze(zienswijze=write(document, demo.zeist, demo.zeist_wethouder), by=demo.zeist_wethouder)
    client.get(path(demo, document))
    with CaptureQueriesContext(connection) as one:
        client.get(path(demo, document))
    for partner, by in ((demo.utrecht, demo.utrecht_wethouder), (demo.de_bilt, demo.de_bilt_wethouder)):
        services.adopt_zienswijze(zienswijze=write(document, partner, by), by=by)
    with CaptureQueriesContext(connection) as three:
        page = client.get(path(demo, document))
    assert page.content.decode().count("Reactie vastleggen") == 3
    assert len(three.captured_queries) == len(one.captured_queries)
