"""Each indicator on a constructed history, moved through time: status, trend, facts in words, no data."""

import datetime

import pytest
import time_machine

from samen.health.areas import Area, build_scope
from samen.health.indicators import DEFINITIONS, health_for
from tests.health import builders as b

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 1, 5)


def weeks(n: int) -> datetime.date:
    return START + datetime.timedelta(weeks=n)


def indicator(demo, area: str, day: datetime.date):
    with time_machine.travel(b.at(day), tick=False):
        scope = build_scope([demo.collaboration.pk], points=3)
        return health_for(scope)[demo.collaboration.pk].indicator(area)


def test_a_collaboration_without_any_data_has_no_data_in_every_area_and_every_definition(demo):
    with time_machine.travel(b.at(START), tick=False):
        health = health_for(build_scope([demo.collaboration.pk]))[demo.collaboration.pk]
    assert [i.status for i in health.indicators] == ["geen"] * 5
    assert [i.status_label for i in health.indicators] == ["nog geen gegevens"] * 5
    assert health.overall == "geen"
    assert {i.area for i in health.indicators} == set(Area.values) == set(DEFINITIONS)
    assert all(len(i.definition) > 80 for i in health.indicators)


# --- ambitie & urgentie ----------------------------------------------------------------------


def test_ambition_is_good_when_every_partner_pledges_and_names_the_partner_that_does_not(demo):
    with time_machine.travel(b.at(START), tick=False):
        ambition = b.ambition(demo.collaboration, hours=100)
        b.pledge(ambition, demo.utrecht, urgency=5, hours=50)
        b.pledge(ambition, demo.zeist, urgency=4, hours=30)
    early = indicator(demo, Area.AMBITION, weeks(1))
    assert early.status in ("aandacht", "zorg")
    assert "Nog geen inzet van De Bilt." in early.facts
    assert "De toegezegde uren dekken 80% van wat de ambities vragen." in early.facts
    assert early.partner_scores[demo.de_bilt.pk] == 0

    with time_machine.travel(b.at(weeks(14)), tick=False):
        b.pledge(ambition, demo.de_bilt, urgency=4, hours=20)
    later = indicator(demo, Area.AMBITION, weeks(15))
    assert later.status == "goed"
    assert later.score == 100 - round(100 * 1 / 4 / 3)  # urgency 5 vs 4: balance 0.75
    assert later.trend == "beter"
    assert later.facts[0] == "Eén ambitie: drie van de drie partners hebben voor elke ambitie inzet opgegeven."


def test_ambition_names_a_large_gap_in_urgency(demo):
    with time_machine.travel(b.at(START), tick=False):
        ambition = b.ambition(demo.collaboration)
        b.pledge(ambition, demo.utrecht, urgency=5, hours=10)
        b.pledge(ambition, demo.zeist, urgency=1, hours=10)
        b.pledge(ambition, demo.de_bilt, urgency=3, hours=10)
    found = indicator(demo, Area.AMBITION, weeks(1))
    assert any("De urgentie loopt sterk uiteen: Utrecht gemiddeld 5,0, Zeist gemiddeld 1,0" in f for f in found.facts)


def test_a_superseded_pledge_counts_until_the_moment_it_was_replaced(demo):
    with time_machine.travel(b.at(START), tick=False):
        ambition = b.ambition(demo.collaboration)
        for partner in demo.partners:
            b.pledge(ambition, partner, urgency=4, hours=10)
    with time_machine.travel(b.at(weeks(14)), tick=False):
        b.pledge(ambition, demo.zeist, urgency=4)  # Zeist withdraws its hours: a pledge of nothing
    found = indicator(demo, Area.AMBITION, weeks(15))
    assert found.history[1] == 100  # a quarter ago every partner pledged
    assert found.score < found.history[1]
    assert found.trend == "slechter"
    assert "Nog geen inzet van Zeist." in found.facts


# --- ben eerlijk ------------------------------------------------------------------------------


def test_honesty_counts_shared_declarations_and_says_who_has_not_shared_after_the_deadline(demo):
    with time_machine.travel(b.at(START), tick=False):
        round_ = b.honesty_round(demo.collaboration, deadline=weeks(3))
        b.declaration(round_, demo.utrecht, motives=("kosten", "kwaliteit"))
        b.declaration(round_, demo.zeist, shared=False)
    found = indicator(demo, Area.HONESTY, weeks(4))
    assert found.status == "zorg"
    assert found.score == 33
    assert found.facts[0] == (
        "Eerlijkheidsronde ‘Eerste ronde’: één van de drie partners heeft de verklaring gedeeld (twee belangen)."
    )
    assert "Nog niet gedeeld: De Bilt en Zeist; de deadline van 26 januari 2026 is verstreken." in found.facts
    assert found.partner_scores == {demo.utrecht.pk: 100, demo.zeist.pk: 30, demo.de_bilt.pk: 0}


def test_a_no_go_makes_honesty_a_worry_whatever_the_score(demo):
    with time_machine.travel(b.at(START), tick=False):
        round_ = b.honesty_round(demo.collaboration, deadline=weeks(3))
        for partner in demo.partners:
            b.declaration(round_, partner)
        b.go(round_, demo.utrecht)
        b.go(round_, demo.zeist)
        b.go(round_, demo.de_bilt, "no_go")
    found = indicator(demo, Area.HONESTY, weeks(2))
    assert found.score == 83
    assert found.status == "zorg"
    assert "No-go van De Bilt." in found.facts


# --- toon eigenaarschap -------------------------------------------------------------------------


def test_ownership_reports_overdue_commitments_per_partner_and_partners_without_benefit(demo):
    with time_machine.travel(b.at(START), tick=False):
        adopted = b.goal(demo.collaboration, demo.facilitator, demo.utrecht)
        b.goal(demo.collaboration, demo.facilitator, demo.utrecht, "Nog een concept", adopted=False)
        b.benefit(adopted, demo.utrecht, demo.utrecht_beleidsmedewerker)
        b.benefit(adopted, demo.zeist, demo.zeist_beleidsmedewerker)
        b.commitment(adopted, demo.zeist, demo.zeist_beleidsmedewerker, due_on=weeks(2))
        b.commitment(adopted, demo.zeist, demo.zeist_beleidsmedewerker, due_on=weeks(2))
        b.commitment(adopted, demo.utrecht, demo.utrecht_beleidsmedewerker, due_on=weeks(20))
    found = indicator(demo, Area.OWNERSHIP, weeks(6))
    assert "Eén van de twee doelen is door alle partners vastgesteld." in found.facts
    assert "Twee afspraken zijn over tijd: Zeist (twee)." in found.facts
    assert "Nog niet beschreven wat de vastgestelde doelen hun opleveren: De Bilt." in found.facts
    # adopted 1/2, on time 1/3, benefit 2/3: mean 0.5
    assert found.score == 50
    assert found.status == "aandacht"
    assert found.partner_scores[demo.zeist.pk] == 50  # benefit 1, on time 0
    assert found.details["without_benefit"] == [demo.de_bilt.pk]


def test_a_consent_round_past_its_deadline_with_partners_waiting_is_stalled(demo):
    with time_machine.travel(b.at(START), tick=False):
        round_ = b.consent_round(demo.collaboration, demo.facilitator, demo.utrecht, deadline=weeks(2))
        b.decide(round_, demo.utrecht, demo.utrecht_wethouder)
    on_time = indicator(demo, Area.OWNERSHIP, weeks(1))
    assert on_time.details["stalled_rounds"] == []
    late = indicator(demo, Area.OWNERSHIP, weeks(3))
    assert [r["title"] for r in late.details["stalled_rounds"]] == ["Gezamenlijk toezicht"]
    assert any("staat stil: geopend op 5 januari 2026, besluit gevraagd vóór 19 januari 2026" in f for f in late.facts)
    assert late.score < on_time.score


def test_results_off_track_are_among_the_facts(demo):
    with time_machine.travel(b.at(START), tick=False):
        adopted = b.goal(demo.collaboration, demo.facilitator, demo.utrecht)
        b.result(adopted, demo.utrecht, demo.utrecht_beleidsmedewerker, due_on=weeks(10), current=5)
        b.result(adopted, demo.utrecht, demo.utrecht_beleidsmedewerker, due_on=weeks(40), current=100)
    found = indicator(demo, Area.OWNERSHIP, weeks(9))
    assert "Resultaten: één op koers, nul met risico, één uit koers." in found.facts


# --- erken en vier successen ----------------------------------------------------------------------


def test_successes_count_per_quarter_and_what_was_reached_but_not_celebrated(demo):
    with time_machine.travel(b.at(START), tick=False):
        b.success(demo.collaboration, demo.facilitator, [demo.utrecht, demo.zeist], public=True)
        b.prompt(demo.collaboration)
    found = indicator(demo, Area.SUCCESSES, weeks(3))
    assert "Eén succes in het afgelopen kwartaal (één openbaar)." in found.facts
    assert "Eén keer iets bereikt dat na twee weken nog niet is gevierd." in found.facts
    assert "Geen succes waarbij De Bilt betrokken was in het afgelopen half jaar." in found.facts
    assert found.score == 25  # half of the successes part, nothing celebrated
    assert found.status == "zorg"
    assert found.partner_scores == {demo.utrecht.pk: 50, demo.zeist.pk: 50, demo.de_bilt.pk: 0}

    with time_machine.travel(b.at(weeks(14)), tick=False):
        b.success(demo.collaboration, demo.facilitator, demo.partners)
        b.success(demo.collaboration, demo.facilitator, demo.partners)
        from samen.successes.models import CelebrationPrompt

        CelebrationPrompt.objects.update(closed_at=b.at(weeks(14)))
    later = indicator(demo, Area.SUCCESSES, weeks(15))
    assert later.status == "goed"
    assert later.trend == "beter"


def test_successes_older_than_a_quarter_no_longer_count(demo):
    with time_machine.travel(b.at(START), tick=False):
        b.success(demo.collaboration, demo.facilitator, demo.partners)
        b.success(demo.collaboration, demo.facilitator, demo.partners)
    assert indicator(demo, Area.SUCCESSES, weeks(2)).score == 100
    assert indicator(demo, Area.SUCCESSES, weeks(20)).score == 0


# --- deel ervaringen --------------------------------------------------------------------------------


def test_experiences_report_check_in_response_and_relationship_score(demo):
    with time_machine.travel(b.at(weeks(2)), tick=False):
        b.checkin(
            demo.collaboration,
            title="Voorjaar",
            answers={demo.utrecht: [(4, 4), (4, 4)], demo.zeist: [(4, 3)], demo.de_bilt: [(4, 4)]},
            people={
                demo.utrecht: [demo.utrecht_beleidsmedewerker, demo.utrecht_wethouder],
                demo.zeist: [demo.zeist_beleidsmedewerker],
                demo.de_bilt: [demo.de_bilt_wethouder],
            },
        )
    found = indicator(demo, Area.EXPERIENCES, weeks(3))
    assert (
        found.facts[0]
        == "Laatste check-in ‘Voorjaar’ (gesloten 18 januari 2026): vier van de zes contactpersonen antwoordden."
    )
    assert "De relatiescore is 3,8 op 5." in found.facts
    # response 4/6 ÷ 0.7 = 0.95; relationship (3.75 − 1) / 4 = 0.69
    assert found.score == 82
    assert found.partner_scores[demo.utrecht.pk] == 100


def test_a_partner_that_shared_nothing_for_ten_weeks_is_named(demo):
    with time_machine.travel(b.at(START), tick=False):
        b.signal(
            demo.collaboration,
            demo.de_bilt_beleidsmedewerker,
            demo.de_bilt,
            kind="compliment",
            subject="Goede samenwerking",
        )
    with time_machine.travel(b.at(weeks(11)), tick=False):
        b.signal(
            demo.collaboration, demo.utrecht_beleidsmedewerker, demo.utrecht, kind="zorg", subject="Planning loopt uit"
        )
        b.signal(demo.collaboration, demo.zeist_beleidsmedewerker, demo.zeist, kind="overig", subject="Vraag")
    found = indicator(demo, Area.EXPERIENCES, weeks(11))
    assert "De Bilt heeft in elf weken niets gedeeld." in found.facts
    assert found.partner_scores[demo.de_bilt.pk] == 0
    assert found.details["silent"] == [demo.de_bilt.pk]


def test_open_signals_older_than_four_weeks_and_unacknowledged_deviations_weigh_on_experiences(demo):
    with time_machine.travel(b.at(START), tick=False):
        b.signal(demo.collaboration, demo.zeist_beleidsmedewerker, demo.zeist)
        b.deviation(
            demo.collaboration,
            demo.utrecht,
            b.article(demo.collaboration, demo.facilitator),
            demo.utrecht_beleidsmedewerker,
        )
    fresh = indicator(demo, Area.EXPERIENCES, weeks(1))
    assert fresh.score == 100
    old = indicator(demo, Area.EXPERIENCES, weeks(5))
    assert old.score == round(100 * ((1 - 1 / 3) + 0) / 2)
    assert (
        "Eén signaal staat al langer dan vier weken open. Het oudste open signaal is van 5 januari 2026." in old.facts
    )
    assert "Eén aangekondigde afwijking is na twee weken nog niet door alle partners gezien." in old.facts


# --- all together -----------------------------------------------------------------------------------


def test_the_health_of_many_collaborations_costs_the_same_queries_as_of_one(demo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with time_machine.travel(b.at(START), tick=False):
        ambition = b.ambition(demo.collaboration)
        b.pledge(ambition, demo.utrecht)
        b.success(demo.collaboration, demo.facilitator, demo.partners)
    with time_machine.travel(b.at(weeks(1)), tick=False):
        with CaptureQueriesContext(connection) as one:
            health_for(build_scope([demo.collaboration.pk], detail=False))
        with CaptureQueriesContext(connection) as two:
            both = health_for(build_scope([demo.collaboration.pk, demo.other_collaboration.pk], detail=False))
        detailed = health_for(build_scope([demo.collaboration.pk]))[demo.collaboration.pk]
    assert len(one) == len(two)
    assert [i.status for i in both[demo.collaboration.pk].indicators] == [i.status for i in detailed.indicators]
