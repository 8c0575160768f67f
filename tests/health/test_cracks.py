"""Each crack rule on a constructed history, moved through time: it fires when it should, and only then."""

import datetime

import pytest
import time_machine

from samen.health.cracks import cracks_for
from samen.health.pages import live_health
from tests.health import builders as b

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 2, 2)


def weeks(n: int) -> datetime.date:
    return START + datetime.timedelta(weeks=n)


def cracks(demo, day: datetime.date, prefix: str = "") -> list:
    with time_machine.travel(b.at(day), tick=False):
        found = cracks_for(live_health(demo.collaboration.pk))
    return [c for c in found if c.key.startswith(prefix)]


def test_a_partner_going_silent_for_ten_weeks_while_others_work_is_a_crack(demo):
    with time_machine.travel(b.at(START), tick=False):
        ambition = b.ambition(demo.collaboration)
        for partner in demo.partners:
            b.pledge(ambition, partner, hours=10)
    assert cracks(demo, weeks(9), "stil:") == []
    with time_machine.travel(b.at(weeks(10)), tick=False):
        b.pledge(ambition, demo.utrecht, hours=20)
        b.pledge(ambition, demo.zeist, hours=20)
    found = cracks(demo, weeks(11), "stil:")
    assert [c.title for c in found] == ["De Bilt valt stil"]
    assert "De Bilt heeft in elf weken niets gedeeld of bijgedragen, terwijl Utrecht en Zeist wel actief waren." in (
        found[0].explanation
    )
    assert "informeel" in found[0].conversation


def test_nobody_is_silent_when_nobody_did_anything(demo):
    assert cracks(demo, weeks(20), "stil:") == []


def test_a_partner_without_contacts_in_samen_is_not_called_silent(demo):
    from samen.collaborations.models import Role

    Role.objects.filter(partner=demo.de_bilt).delete()
    with time_machine.travel(b.at(START), tick=False):
        b.signal(demo.collaboration, demo.utrecht_beleidsmedewerker, demo.utrecht, kind="overig")
    with time_machine.travel(b.at(weeks(11)), tick=False):
        b.signal(demo.collaboration, demo.utrecht_beleidsmedewerker, demo.utrecht, kind="overig")
    assert [c.partners for c in cracks(demo, weeks(11), "stil:")] == [["Zeist"]]


def _three_answers(demo, content: int, relationship: int, title: str) -> None:
    b.checkin(
        demo.collaboration,
        title=title,
        answers={
            demo.utrecht: [(content, relationship)],
            demo.zeist: [(content, relationship)],
            demo.de_bilt: [(content, relationship)],
        },
        people={p: [] for p in demo.partners},
    )


def test_relationship_falling_while_content_holds_is_a_crack(demo):
    with time_machine.travel(b.at(START), tick=False):
        _three_answers(demo, 4, 4, "Winter")
    with time_machine.travel(b.at(weeks(6)), tick=False):
        _three_answers(demo, 4, 3, "Voorjaar")
    found = cracks(demo, weeks(6), "relatie:")
    assert len(found) == 1
    assert "De relatiescore daalde van 4,0 naar 3,0 (check-in ‘Voorjaar’)" in found[0].explanation


def test_relationship_falling_with_the_content_is_not_this_crack(demo):
    with time_machine.travel(b.at(START), tick=False):
        _three_answers(demo, 4, 4, "Winter")
    with time_machine.travel(b.at(weeks(6)), tick=False):
        _three_answers(demo, 2, 3, "Voorjaar")
    assert cracks(demo, weeks(6), "relatie:") == []


def test_a_cost_signal_unanswered_for_three_weeks_is_a_crack_until_someone_replies(demo):
    with time_machine.travel(b.at(START), tick=False):
        cost = b.signal(demo.collaboration, demo.zeist_beleidsmedewerker, demo.zeist, kind="kosten_hoger")
    assert cracks(demo, weeks(2), "kosten:") == []
    found = cracks(demo, weeks(4), "kosten:")
    assert [c.title for c in found] == ["Kostensignaal zonder antwoord: ‘Kosten ICT hoger dan begroot’"]
    assert "Zeist meldde op 2 februari 2026" in found[0].explanation
    with time_machine.travel(b.at(weeks(4)), tick=False):
        b.reply(cost, demo.utrecht_beleidsmedewerker, demo.utrecht)
    assert cracks(demo, weeks(5), "kosten:") == []


def test_a_deviation_raised_by_another_partner_but_never_announced_is_a_crack(demo):
    with time_machine.travel(b.at(START), tick=False):
        b.signal(
            demo.collaboration,
            demo.zeist_beleidsmedewerker,
            demo.zeist,
            kind="levering_wijkt_af",
            subject="Toezicht niet volgens afspraak",
            to=demo.de_bilt,
        )
    found = cracks(demo, weeks(1), "afwijking:")
    assert len(found) == 1
    assert "Zeist meldde op 2 februari 2026 dat De Bilt afwijkt van de afspraak" in found[0].explanation
    with time_machine.travel(b.at(weeks(2)), tick=False):
        b.deviation(
            demo.collaboration,
            demo.de_bilt,
            b.article(demo.collaboration, demo.facilitator),
            demo.de_bilt_beleidsmedewerker,
        )
    assert cracks(demo, weeks(2), "afwijking:") == []


def test_a_stalled_consent_round_is_a_crack(demo):
    with time_machine.travel(b.at(START), tick=False):
        round_ = b.consent_round(demo.collaboration, demo.facilitator, demo.utrecht, deadline=weeks(3))
        b.decide(round_, demo.utrecht, demo.utrecht_wethouder)
    assert cracks(demo, weeks(2), "instemming:") == []
    found = cracks(demo, weeks(4), "instemming:")
    assert [c.title for c in found] == ["Instemmingsronde staat stil: ‘Gezamenlijk toezicht’"]
    assert "1 van de 3 partners hebben besloten" in found[0].explanation


def test_a_partner_without_benefit_four_weeks_after_adoption_is_a_crack(demo):
    with time_machine.travel(b.at(START), tick=False):
        adopted = b.goal(demo.collaboration, demo.facilitator, demo.utrecht)
        b.benefit(adopted, demo.utrecht, demo.utrecht_beleidsmedewerker)
        b.benefit(adopted, demo.zeist, demo.zeist_beleidsmedewerker)
    assert cracks(demo, weeks(3), "opbrengst:") == []
    found = cracks(demo, weeks(5), "opbrengst:")
    assert [c.title for c in found] == ["De Bilt ziet geen opbrengst"]


def test_check_in_response_dropping_for_one_partner_is_a_crack(demo):
    everyone = {
        demo.utrecht: [demo.utrecht_beleidsmedewerker, demo.utrecht_wethouder],
        demo.zeist: [demo.zeist_beleidsmedewerker, demo.zeist_wethouder],
        demo.de_bilt: [demo.de_bilt_beleidsmedewerker, demo.de_bilt_wethouder],
    }
    with time_machine.travel(b.at(START), tick=False):
        b.checkin(
            demo.collaboration, title="Winter", people=everyone, answers={p: [(4, 4), (4, 4)] for p in demo.partners}
        )
    with time_machine.travel(b.at(weeks(6)), tick=False):
        b.checkin(
            demo.collaboration,
            title="Voorjaar",
            people=everyone,
            answers={demo.utrecht: [(4, 4), (4, 4)], demo.zeist: [(4, 4), (4, 4)], demo.de_bilt: []},
        )
    found = cracks(demo, weeks(6), "respons:")
    assert [c.title for c in found] == ["Respons van De Bilt op de check-in daalt"]
    assert "bij ‘Winter’ 100% van de contactpersonen, bij ‘Voorjaar’ nog 0%" in found[0].explanation
