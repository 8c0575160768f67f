"""Signals (typed, addressed, a thread, a status with an outcome) and announced deviations."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from samen.audit.models import AuditEvent
from samen.experiences import services
from samen.experiences.models import Deviation, DeviationAcknowledgement, Signal, SignalKind, SignalStatus
from samen.notifications.services import Kind
from tests.experiences.conftest import article, import_text

pytestmark = pytest.mark.django_db


def raise_costs_signal(demo, agreement, **overrides):
    values = {
        "collaboration": demo.collaboration,
        "by": demo.zeist_beleidsmedewerker,
        "from_partner": demo.zeist,
        "kind": SignalKind.COSTS_HIGHER,
        "subject": "Kosten vallen hoger uit",
        "text": "De factuur over Q1 is 20% hoger dan begroot.",
        "addressee": "partner",
        "addressee_partner": demo.utrecht,
        "article": article(agreement, "2"),
        "amount": "12.500,50",
    }
    return services.raise_signal(**{**values, **overrides})


def test_a_signal_is_typed_addressed_linked_and_tells_the_addressee(demo, agreement, notified):
    signal = raise_costs_signal(demo, agreement)
    assert (signal.kind, signal.amount, signal.article.number) == ("kosten_hoger", Decimal("12500.50"), "2")
    assert signal.status == SignalStatus.OPEN
    assert signal.addressee_label == "Utrecht"
    (call,) = notified
    assert call["kind"] == Kind.SIGNAL_ADDRESSED
    assert set(call["recipients"]) == {demo.utrecht_beleidsmedewerker, demo.utrecht_wethouder}
    assert call["url"].endswith(reverse("experiences:signal", args=[demo.collaboration.pk, signal.pk]))
    assert AuditEvent.objects.get(action="signal.raised").after["amount"] == "12500.50"


def test_every_kind_of_the_article_exists():
    assert [label for _value, label in SignalKind.choices] == [
        "kosten hoger dan verwacht",
        "we betalen te veel voor afgenomen diensten",
        "levering of kwaliteit wijkt af van de afspraak",
        "verschil in lezing",
        "zorg over de samenwerking",
        "compliment",
        "overig",
    ]


def test_a_signal_to_everyone_tells_all_contacts_and_the_facilitator_but_not_the_sender(demo, agreement, notified):
    raise_costs_signal(
        demo,
        agreement,
        kind=SignalKind.COMPLIMENT,
        addressee="iedereen",
        addressee_partner=None,
        amount=None,
        subject="Mooi werk",
    )
    (call,) = notified
    assert demo.zeist_beleidsmedewerker not in call["recipients"]
    assert {demo.facilitator, demo.utrecht_wethouder, demo.de_bilt_beleidsmedewerker, demo.zeist_wethouder} <= set(
        call["recipients"]
    )
    assert demo.raadslid not in call["recipients"]
    assert call["addressed"] is False


@pytest.mark.parametrize(
    ("typed", "amount"),
    [("1.250", "1250.00"), ("1.250,5", "1250.50"), ("€ 300", "300.00"), ("12.5", "12.50"), ("2.500.000", "2500000.00")],
)
def test_amounts_are_read_as_dutch_people_type_them(typed, amount):
    assert services.parse_amount(typed) == Decimal(amount)


@pytest.mark.parametrize("amount", ["veel", "12,50,3", "1e999999", "NaN", "€ twintig"])
def test_an_amount_that_is_not_a_number_gets_a_clear_message_and_saves_nothing(demo, agreement, amount):
    with pytest.raises(ValidationError) as error:
        raise_costs_signal(demo, agreement, amount=amount)
    assert error.value.message_dict["amount"][0] in {
        "Het bedrag is geen getal. Schrijf het bijvoorbeeld als 1.250,00.",
        "Dit bedrag is te groot.",
    }
    assert not Signal.objects.exists()


def test_a_negative_amount_is_refused(demo, agreement):
    with pytest.raises(ValidationError, match="negatief"):
        raise_costs_signal(demo, agreement, amount="-5")
    assert not Signal.objects.exists()


def test_a_signal_on_another_collaborations_article_is_refused(demo, agreement):
    other = import_text(demo, collaboration=demo.other_collaboration, by=demo.amersfoort_beleidsmedewerker)
    with pytest.raises(ValidationError) as error:
        raise_costs_signal(demo, agreement, article=article(other, "2"))
    assert error.value.message_dict == {"article": ["Dit artikel hoort niet bij deze samenwerking."]}
    assert not Signal.objects.exists()


def test_the_signal_page_refuses_another_collaborations_article(demo, agreement, client_for):
    other = import_text(demo, collaboration=demo.other_collaboration, by=demo.amersfoort_beleidsmedewerker)
    response = client_for(demo.zeist_beleidsmedewerker).post(
        reverse("experiences:signal_create", args=[demo.collaboration.pk]),
        {
            "from_partner": str(demo.zeist.pk),
            "kind": "overig",
            "subject": "Test",
            "text": "Tekst",
            "addressee": "iedereen",
            "article": str(article(other, "1").pk),
            "amount": "veel",
        },
    )
    assert response.status_code == 400
    assert "Dit artikel hoort niet bij deze samenwerking." in response.text
    assert not Signal.objects.exists()


def test_the_signal_page_refuses_an_amount_that_is_not_a_number(demo, agreement, client_for):
    response = client_for(demo.zeist_beleidsmedewerker).post(
        reverse("experiences:signal_create", args=[demo.collaboration.pk]),
        {
            "from_partner": str(demo.zeist.pk),
            "kind": "te_veel_betalen",
            "subject": "Tarief",
            "text": "Te hoog",
            "addressee": "facilitator",
            "amount": "veel geld",
        },
    )
    assert response.status_code == 400
    assert "Het bedrag is geen getal. Schrijf het bijvoorbeeld als 1.250,00." in response.text
    assert not Signal.objects.exists()


def test_addressee_rules(demo, agreement):
    with pytest.raises(ValidationError, match="Kies de partner"):
        raise_costs_signal(demo, agreement, addressee_partner=None)
    with pytest.raises(ValidationError, match="andere partner dan uw eigen"):
        raise_costs_signal(demo, agreement, addressee_partner=demo.zeist)
    with pytest.raises(ValidationError, match="geen partner van deze samenwerking"):
        raise_costs_signal(demo, agreement, addressee_partner=demo.other_collaboration.partners.first())
    assert not Signal.objects.exists()


def test_only_contacts_of_the_sending_partner_raise_a_signal(demo, agreement):
    for person in (demo.utrecht_beleidsmedewerker, demo.raadslid, demo.amersfoort_beleidsmedewerker):
        with pytest.raises(PermissionDenied):
            raise_costs_signal(demo, agreement, by=person)
    signal = raise_costs_signal(demo, agreement, by=demo.facilitator, from_partner=None)
    assert signal.sender_label == "de facilitator"


def test_a_signal_to_one_partner_is_not_seen_by_the_others(demo, agreement, client_for):
    signal = raise_costs_signal(demo, agreement)
    url = reverse("experiences:signal", args=[demo.collaboration.pk, signal.pk])
    assert client_for(demo.utrecht_wethouder).get(url).status_code == 200
    assert client_for(demo.zeist_wethouder).get(url).status_code == 200
    assert client_for(demo.facilitator).get(url).status_code == 200
    assert client_for(demo.de_bilt_beleidsmedewerker).get(url).status_code == 404
    listing = client_for(demo.de_bilt_beleidsmedewerker).get(
        reverse("experiences:signals", args=[demo.collaboration.pk])
    )
    assert "Kosten vallen hoger uit" not in listing.text


def test_a_reply_starts_the_conversation_and_tells_the_sender(demo, agreement, notified):
    signal = raise_costs_signal(demo, agreement)
    notified.clear()
    services.reply_to_signal(signal=signal, by=demo.utrecht_beleidsmedewerker, text="We kijken ernaar.")
    signal.refresh_from_db()
    assert signal.status == SignalStatus.TALKING
    (call,) = notified
    assert set(call["recipients"]) == {demo.zeist_beleidsmedewerker, demo.zeist_wethouder}
    assert signal.replies.get().partner == demo.utrecht


def test_closing_a_signal_needs_an_outcome(demo, agreement):
    signal = raise_costs_signal(demo, agreement)
    with pytest.raises(ValidationError) as error:
        services.change_signal_status(signal=signal, by=demo.utrecht_wethouder, status=SignalStatus.CLOSED)
    assert "Beschrijf de uitkomst" in error.value.message_dict["outcome"][0]
    assert Signal.objects.get().status == SignalStatus.OPEN
    services.change_signal_status(
        signal=signal, by=demo.utrecht_wethouder, status=SignalStatus.CLOSED, outcome="Tarief per 1 juli verlaagd."
    )
    signal.refresh_from_db()
    assert (signal.status, signal.outcome) == (SignalStatus.CLOSED, "Tarief per 1 juli verlaagd.")
    with pytest.raises(PermissionDenied):
        services.reply_to_signal(signal=signal, by=demo.utrecht_wethouder, text="Nog iets")


def test_status_moves_and_who_may_make_them(demo, agreement):
    signal = raise_costs_signal(demo, agreement)
    with pytest.raises(ValidationError, match="heeft deze status al"):
        services.change_signal_status(signal=signal, by=demo.zeist_beleidsmedewerker, status=SignalStatus.OPEN)
    with pytest.raises(PermissionDenied):
        services.change_signal_status(signal=signal, by=demo.de_bilt_wethouder, status=SignalStatus.TALKING)
    services.change_signal_status(signal=signal, by=demo.facilitator, status=SignalStatus.TALKING)
    with pytest.raises(ValidationError, match="vanuit de huidige status"):
        services.change_signal_status(signal=signal, by=demo.facilitator, status=SignalStatus.OPEN)


def test_a_stale_status_form_does_not_overwrite(demo, agreement, client_for):
    signal = raise_costs_signal(demo, agreement)
    services.change_signal_status(signal=signal, by=demo.facilitator, status=SignalStatus.TALKING)
    response = client_for(demo.utrecht_wethouder).post(
        reverse("experiences:signal_status", args=[demo.collaboration.pk, signal.pk]),
        {"status": "afgerond", "outcome": "Opgelost", "version": "1"},
    )
    assert response.status_code == 400
    assert "Iemand anders heeft dit intussen opgeslagen" in response.text
    assert Signal.objects.get().status == SignalStatus.TALKING


def test_the_age_of_a_signal_is_visible(demo, agreement, client_for):
    with time_machine.travel(datetime.datetime(2026, 3, 1, 10, tzinfo=datetime.UTC)):
        raise_costs_signal(demo, agreement)
    with time_machine.travel(datetime.datetime(2026, 3, 13, 10, tzinfo=datetime.UTC)):
        page = client_for(demo.utrecht_beleidsmedewerker).get(
            reverse("experiences:signals", args=[demo.collaboration.pk])
        )
    assert "12 dagen" in page.text
    assert "€ 12.500,50" in page.text


# --- deviations --------------------------------------------------------------------------------


def announce(demo, agreement, **overrides):
    values = {
        "collaboration": demo.collaboration,
        "by": demo.de_bilt_beleidsmedewerker,
        "partner": demo.de_bilt,
        "article": article(agreement, "2"),
        "reason": "Onze begroting laat een kwartaalfactuur niet toe.",
        "starts_on": datetime.date(2026, 1, 1),
    }
    return services.announce_deviation(**{**values, **overrides})


def test_a_partner_announces_a_deviation_and_the_others_are_told(demo, agreement, notified):
    deviation = announce(demo, agreement)
    (call,) = notified
    assert demo.de_bilt_beleidsmedewerker not in call["recipients"]
    assert demo.de_bilt_wethouder not in call["recipients"]
    assert {demo.utrecht_beleidsmedewerker, demo.zeist_wethouder, demo.facilitator} <= set(call["recipients"])
    assert AuditEvent.objects.get(action="deviation.announced").object_id == str(deviation.pk)


def test_the_other_partners_acknowledge_once(demo, agreement):
    deviation = announce(demo, agreement)
    services.acknowledge_deviation(deviation=deviation, by=demo.utrecht_beleidsmedewerker, partner=demo.utrecht)
    services.acknowledge_deviation(deviation=deviation, by=demo.utrecht_wethouder, partner=demo.utrecht)
    assert DeviationAcknowledgement.objects.count() == 1
    with pytest.raises(ValidationError, match="uw eigen organisatie"):
        services.acknowledge_deviation(deviation=deviation, by=demo.de_bilt_wethouder, partner=demo.de_bilt)
    with pytest.raises(PermissionDenied):
        services.acknowledge_deviation(deviation=deviation, by=demo.utrecht_beleidsmedewerker, partner=demo.zeist)
    assert AuditEvent.objects.filter(action="deviation.acknowledged").count() == 1


def test_only_the_partner_itself_announces_its_deviation(demo, agreement):
    with pytest.raises(PermissionDenied):
        announce(demo, agreement, by=demo.utrecht_beleidsmedewerker)
    with pytest.raises(PermissionDenied):
        announce(demo, agreement, by=demo.facilitator)
    assert not Deviation.objects.exists()


def test_a_deviation_needs_a_reason_and_dates_in_order(demo, agreement):
    with pytest.raises(ValidationError) as error:
        announce(demo, agreement, reason=" ", ends_on=datetime.date(2025, 1, 1))
    assert set(error.value.message_dict) == {"reason", "ends_on"}
    other = import_text(demo, collaboration=demo.other_collaboration, by=demo.amersfoort_beleidsmedewerker)
    with pytest.raises(ValidationError, match="hoort niet bij deze samenwerking"):
        announce(demo, agreement, article=article(other, "2"))
    assert not Deviation.objects.exists()


def test_a_deviation_raised_by_another_partner_is_kept_apart_from_an_announced_one(demo, agreement, client_for):
    announce(demo, agreement)
    raise_costs_signal(
        demo,
        agreement,
        kind=SignalKind.DELIVERY,
        subject="Utrecht levert de rapportage niet meer",
        addressee_partner=demo.utrecht,
        amount=None,
    )
    assert Deviation.objects.count() == 1
    page = client_for(demo.utrecht_beleidsmedewerker).get(
        reverse("experiences:deviations", args=[demo.collaboration.pk])
    )
    announced, raised = page.text.split("Gesignaleerd door een andere partner", 1)
    assert "De Bilt wijkt af van Artikel 2 Kosten" in announced
    assert "Utrecht levert de rapportage niet meer" not in announced
    assert "Utrecht levert de rapportage niet meer" in raised
    assert "Zeist over Utrecht" in raised


def test_acknowledging_on_the_deviations_page(demo, agreement, client_for):
    deviation = announce(demo, agreement)
    client = client_for(demo.zeist_beleidsmedewerker)
    page = client.get(reverse("experiences:deviations", args=[demo.collaboration.pk]))
    assert "Kennisgenomen van de afwijking van De Bilt" in page.text
    response = client.post(
        reverse("experiences:deviation_acknowledge", args=[demo.collaboration.pk, deviation.pk]),
        {f"{deviation.pk}-partner": str(demo.zeist.pk), f"{deviation.pk}-comment": "Begrepen."},
    )
    assert response.status_code == 302
    assert DeviationAcknowledgement.objects.get().comment == "Begrepen."
    page = client.get(reverse("experiences:deviations", args=[demo.collaboration.pk]))
    assert "Kennisgenomen van de afwijking van De Bilt" not in page.text
