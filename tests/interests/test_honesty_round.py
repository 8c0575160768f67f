"""The honesty round: opening, drafting, confirming and sharing, go / no-go, and the next round."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from samen.audit.models import AuditEvent
from samen.core.services import ConcurrentEditError
from samen.interests.models import Declaration, DeclarationStatus, GoDecision, HonestyRound, Interest
from samen.interests.overview import analyse_round
from samen.interests.services import (
    InterestInput,
    close_round,
    open_round,
    record_go_decision,
    reopen_declaration,
    save_declaration,
    share_declaration,
)
from samen.interests.services import rounds as round_services
from tests.interests.conftest import declare, declare_and_share, in_two_weeks

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        list(Declaration.objects.values_list("id", "status", "version", "intentions")),
        sorted(Interest.objects.values_list("motive", "weight", "explanation")),
        AuditEvent.objects.count(),
    )


def test_opening_a_round_tells_every_contact_of_every_partner(demo, monkeypatch):
    sent = []
    monkeypatch.setattr(round_services, "notify", lambda **kwargs: sent.append(kwargs))

    honesty_round = open_round(
        collaboration=demo.collaboration, by=demo.facilitator, title="Ronde 2026", deadline=in_two_weeks()
    )

    [message] = sent
    assert message["kind"] == "honesty_round"
    assert {p.full_name for p in message["recipients"]} == {
        "Umar Utrecht",
        "Wendy Wethouder",
        "Zoë Zeist",
        "Zeger Wethouder",
        "Bram de Bilt",
        "Bea Wethouder",
    }
    assert str(message["subject"]) == "Eerlijkheidsronde geopend: Ronde 2026"
    assert honesty_round.deadline.strftime("%Y") in str(message["body"])
    assert message["calendar"]["start"] == honesty_round.deadline
    assert AuditEvent.objects.filter(action="interests.round_opened").exists()


def test_each_contact_gets_a_notification_with_the_deadline_in_their_calendar(demo):
    from samen.notifications.models import Event

    honesty_round = open_round(
        collaboration=demo.collaboration, by=demo.facilitator, title="Ronde 2026", deadline=in_two_weeks()
    )

    events = Event.objects.filter(kind="honesty_round")
    assert sorted(e.recipient.full_name for e in events) == sorted(
        [
            "Umar Utrecht",
            "Wendy Wethouder",
            "Zoë Zeist",
            "Zeger Wethouder",
            "Bram de Bilt",
            "Bea Wethouder",
        ]
    )
    event = events.first()
    assert event.subject == "Eerlijkheidsronde geopend: Ronde 2026"
    assert event.url.endswith(f"/eerlijkheidsronde/{honesty_round.pk}")
    assert timezone.localtime(event.starts_at).date() == honesty_round.deadline


@pytest.mark.parametrize(
    ("title", "deadline", "message"),
    [
        (
            "Ronde 2026",
            datetime.date(2026, 3, 1),
            "De deadline ligt in het verleden. Kies vandaag of een latere datum.",
        ),
        ("  ", datetime.date(2026, 6, 1), "Geef de ronde een titel, bijvoorbeeld Eerlijkheidsronde 2026."),
        ("Ronde 2026", None, "Kies de datum waarop de partners hun verklaring uiterlijk delen."),
    ],
)
def test_a_round_with_bad_input_is_not_opened(demo, title, deadline, message):
    with (
        time_machine.travel(datetime.datetime(2026, 4, 1, 10, tzinfo=datetime.UTC)),
        pytest.raises(ValidationError) as refused,
    ):
        open_round(collaboration=demo.collaboration, by=demo.facilitator, title=title, deadline=deadline)

    assert message in refused.value.messages
    assert not HonestyRound.objects.exists()
    assert not AuditEvent.objects.exists()


def test_only_one_round_is_open_at_a_time(demo, honesty_round):
    with pytest.raises(ValidationError, match="Er loopt al een eerlijkheidsronde"):
        open_round(collaboration=demo.collaboration, by=demo.facilitator, title="Nog een", deadline=in_two_weeks())

    assert HonestyRound.objects.count() == 1


def test_only_the_facilitator_opens_a_round(demo):
    with pytest.raises(PermissionDenied, match="Alleen de facilitator kan een eerlijkheidsronde openen"):
        open_round(collaboration=demo.collaboration, by=demo.utrecht_wethouder, title="Ronde", deadline=in_two_weeks())


def test_the_ambtelijk_contact_drafts_and_the_bestuurlijk_contact_confirms_and_shares(demo, honesty_round):
    draft = declare(
        honesty_round,
        demo.utrecht,
        demo.utrecht_beleidsmedewerker,
        {"kostenbesparing": (5, "Wij moeten bezuinigen.")},
        red_lines=[("Geen nieuwe bestuurslaag", "zeggenschap")],
        intentions="Lagere kosten per vergunning.",
    )
    assert draft.status == DeclarationStatus.DRAFT

    shared = share_declaration(declaration=draft, by=demo.utrecht_wethouder, expected_version=draft.version)

    assert shared.status == DeclarationStatus.SHARED
    assert shared.shared_by == demo.utrecht_wethouder
    event = AuditEvent.objects.get(action="interests.declaration_shared")
    assert event.after["interests"] == {"kostenbesparing": 5}


def test_an_ambtelijk_contact_cannot_confirm_and_nothing_changes(demo, honesty_round):
    draft = declare(honesty_round, demo.utrecht, demo.utrecht_beleidsmedewerker, {"innovatie": 3})
    before = snapshot()

    with pytest.raises(PermissionDenied) as refused:
        share_declaration(declaration=draft, by=demo.utrecht_beleidsmedewerker)

    assert str(refused.value) == "Alleen het bestuurlijk contact van Utrecht kan de verklaring bevestigen en delen."
    assert snapshot() == before


def test_a_declaration_by_someone_who_does_not_act_for_that_partner_is_refused(demo, honesty_round):
    for outsider in (demo.zeist_beleidsmedewerker, demo.raadslid, demo.facilitator, demo.amersfoort_beleidsmedewerker):
        with pytest.raises(PermissionDenied) as refused:
            declare(honesty_round, demo.utrecht, outsider, {"innovatie": 3})
        assert str(refused.value) == "U handelt niet namens Utrecht en kunt dit dus niet namens hen doen."
    assert not Declaration.objects.exists()


def test_editing_a_shared_declaration_of_another_partner_is_refused_and_nothing_changes(demo, honesty_round):
    declare_and_share(
        honesty_round, demo.utrecht, demo.utrecht_beleidsmedewerker, demo.utrecht_wethouder, {"kostenbesparing": 5}
    )
    before = snapshot()

    with pytest.raises(PermissionDenied, match="U handelt niet namens Utrecht"):
        declare(honesty_round, demo.utrecht, demo.zeist_wethouder, {"kostenbesparing": 1})
    with pytest.raises(PermissionDenied, match="U handelt niet namens Utrecht"):
        reopen_declaration(declaration=Declaration.objects.get(), by=demo.zeist_wethouder)

    assert snapshot() == before


def test_a_shared_declaration_is_changed_only_after_the_bestuurlijk_contact_reopens_it(demo, honesty_round):
    shared = declare_and_share(
        honesty_round, demo.zeist, demo.zeist_beleidsmedewerker, demo.zeist_wethouder, {"nabijheid": 4}
    )

    with pytest.raises(ValidationError, match="al gedeeld"):
        declare(honesty_round, demo.zeist, demo.zeist_beleidsmedewerker, {"nabijheid": 2})
    with pytest.raises(PermissionDenied, match="Alleen het bestuurlijk contact van Zeist"):
        reopen_declaration(declaration=shared, by=demo.zeist_beleidsmedewerker)
    reopen_declaration(declaration=shared, by=demo.zeist_wethouder)
    declare(honesty_round, demo.zeist, demo.zeist_beleidsmedewerker, {"nabijheid": 2})

    assert Interest.objects.get().weight == 2
    assert Declaration.objects.get().status == DeclarationStatus.DRAFT


def test_a_motive_outside_the_catalogue_is_refused_and_nothing_changes(demo, honesty_round):
    declare(honesty_round, demo.de_bilt, demo.de_bilt_beleidsmedewerker, {"innovatie": 3})
    before = snapshot()

    with pytest.raises(ValidationError) as refused:
        declare(honesty_round, demo.de_bilt, demo.de_bilt_beleidsmedewerker, {"innovatie": 3, "vliegveld": 4})

    assert refused.value.message_dict["interests"] == [
        "Het motief vliegveld staat niet in de catalogus van deze samenwerking."
    ]
    assert snapshot() == before


@pytest.mark.parametrize("weight", [0, 6, "zwaar", None])
def test_a_weight_outside_one_to_five_is_refused_and_nothing_changes(demo, honesty_round, weight):
    before = snapshot()

    with pytest.raises(ValidationError) as refused:
        declare(honesty_round, demo.de_bilt, demo.de_bilt_beleidsmedewerker, {"duurzaamheid": weight})

    assert refused.value.message_dict["weight_duurzaamheid"] == [
        "Geef duurzaamheid een gewicht van 1 (bijzaak) tot en met 5 (doorslaggevend)."
    ]
    assert snapshot() == before


def test_a_red_line_pointing_at_an_unknown_motive_is_refused(demo, honesty_round):
    with pytest.raises(ValidationError, match="vliegveld staat niet in de catalogus"):
        declare(
            honesty_round,
            demo.de_bilt,
            demo.de_bilt_beleidsmedewerker,
            {"innovatie": 3},
            red_lines=[("Geen vliegveld", "vliegveld")],
        )
    assert not Declaration.objects.exists()


def test_sharing_needs_at_least_one_interest(demo, honesty_round):
    empty = declare(honesty_round, demo.utrecht, demo.utrecht_beleidsmedewerker, {}, intentions="Nog even nadenken.")

    with pytest.raises(ValidationError, match="Kies minstens één belang"):
        share_declaration(declaration=empty, by=demo.utrecht_wethouder)
    assert Declaration.objects.get().status == DeclarationStatus.DRAFT


def test_two_people_editing_one_draft_at_once_do_not_overwrite_each_other(demo, honesty_round):
    draft = declare(honesty_round, demo.utrecht, demo.utrecht_beleidsmedewerker, {"innovatie": 3})
    save_declaration(
        honesty_round=honesty_round,
        partner=demo.utrecht,
        by=demo.utrecht_wethouder,
        intentions="",
        interests=[InterestInput("innovatie", 5)],
        red_lines=[],
        expected_version=draft.version,
    )

    with pytest.raises(ConcurrentEditError):
        save_declaration(
            honesty_round=honesty_round,
            partner=demo.utrecht,
            by=demo.utrecht_beleidsmedewerker,
            intentions="",
            interests=[InterestInput("innovatie", 1)],
            red_lines=[],
            expected_version=draft.version,
        )
    assert Interest.objects.get().weight == 5


def test_confirming_a_version_someone_changed_meanwhile_is_refused(demo, honesty_round):
    draft = declare(honesty_round, demo.utrecht, demo.utrecht_beleidsmedewerker, {"innovatie": 3})
    seen = draft.version
    declare(honesty_round, demo.utrecht, demo.utrecht_beleidsmedewerker, {"innovatie": 4})

    with pytest.raises(ConcurrentEditError):
        share_declaration(declaration=Declaration.objects.get(), by=demo.utrecht_wethouder, expected_version=seen)
    assert Declaration.objects.get().status == DeclarationStatus.DRAFT


def test_a_draft_leaves_no_content_in_the_audit_log(demo, honesty_round):
    declare(
        honesty_round,
        demo.utrecht,
        demo.utrecht_beleidsmedewerker,
        {"kostenbesparing": (5, "Geheim plan")},
        red_lines=[("Geen fusie met Zeist", "")],
        intentions="Vertrouwelijk",
    )

    event = AuditEvent.objects.get(action="interests.declaration_saved")
    assert event.after == {"status": "concept", "interests": 1, "red_lines": 1}
    assert "Geheim" not in str(event.before) + str(event.after)


def test_a_closed_round_accepts_no_more_changes(demo, honesty_round):
    declare(honesty_round, demo.utrecht, demo.utrecht_beleidsmedewerker, {"innovatie": 3})
    close_round(honesty_round=honesty_round, by=demo.facilitator)

    with pytest.raises(ValidationError, match="Deze eerlijkheidsronde is gesloten"):
        declare(honesty_round, demo.utrecht, demo.utrecht_beleidsmedewerker, {"innovatie": 4})
    with pytest.raises(ValidationError, match="gesloten"):
        record_go_decision(honesty_round=honesty_round, partner=demo.utrecht, by=demo.utrecht_wethouder, decision="go")


def test_go_no_go_is_the_bestuurlijk_contacts_decision_with_reasons_where_needed(demo, honesty_round):
    with pytest.raises(PermissionDenied, match="Alleen het bestuurlijk contact van Zeist kan namens hen go of no-go"):
        record_go_decision(
            honesty_round=honesty_round, partner=demo.zeist, by=demo.zeist_beleidsmedewerker, decision="go"
        )
    with pytest.raises(ValidationError) as refused:
        record_go_decision(
            honesty_round=honesty_round,
            partner=demo.zeist,
            by=demo.zeist_wethouder,
            decision="voorwaarden",
            reasons=" ",
        )
    assert refused.value.message_dict["reasons"] == ["Schrijf bij go met voorwaarden op welke voorwaarden u stelt."]
    with pytest.raises(ValidationError, match="Kies go, go met voorwaarden of no-go"):
        record_go_decision(
            honesty_round=honesty_round, partner=demo.zeist, by=demo.zeist_wethouder, decision="misschien"
        )
    assert not GoDecision.objects.exists()


def test_the_outcome_is_go_only_when_everyone_says_go_and_no_go_when_anyone_does(demo, honesty_round):
    def decide(partner, executive, decision, reasons=""):
        record_go_decision(
            honesty_round=honesty_round, partner=partner, by=executive, decision=decision, reasons=reasons
        )
        return analyse_round(honesty_round, demo.collaboration).outcome

    assert decide(demo.utrecht, demo.utrecht_wethouder, "go").code == "open"
    assert decide(demo.zeist, demo.zeist_wethouder, "go").text == (
        "Nog niet alle partners hebben besloten: De Bilt nog niet."
    )
    outcome = decide(demo.de_bilt, demo.de_bilt_wethouder, "voorwaarden", "Alleen met een loket in Bilthoven.")
    assert (outcome.code, outcome.text) == (
        "voorwaarden",
        "Er is bodem voor samenwerking, onder voorwaarden van De Bilt.",
    )
    assert decide(demo.de_bilt, demo.de_bilt_wethouder, "go").code == "go"
    outcome = decide(demo.zeist, demo.zeist_wethouder, "no_go", "Te weinig zeggenschap.")
    assert (outcome.code, outcome.text) == ("no_go", "Geen bodem voor samenwerking: Zeist zegt no-go.")
    assert AuditEvent.objects.filter(action="interests.go_decision").count() == 5


def test_a_new_round_starts_from_the_previous_declarations_and_the_analysis_shows_what_changed(demo, honesty_round):
    declare_and_share(
        honesty_round,
        demo.utrecht,
        demo.utrecht_beleidsmedewerker,
        demo.utrecht_wethouder,
        {"kostenbesparing": 5, "innovatie": 2},
        red_lines=[("Geen extra kosten", "")],
    )
    declare_and_share(
        honesty_round, demo.zeist, demo.zeist_beleidsmedewerker, demo.zeist_wethouder, {"kwaliteit_dienstverlening": 4}
    )
    declare(honesty_round, demo.de_bilt, demo.de_bilt_beleidsmedewerker, {"nabijheid": 5})
    close_round(honesty_round=honesty_round, by=demo.facilitator)

    with time_machine.travel(timezone.now() + datetime.timedelta(days=365)):
        next_round = open_round(
            collaboration=demo.collaboration, by=demo.facilitator, title="Ronde 2027", deadline=in_two_weeks()
        )
        carried = {d.partner_id: d for d in Declaration.objects.filter(round=next_round).with_contents()}
        assert set(carried) == {demo.utrecht.pk, demo.zeist.pk, demo.de_bilt.pk}
        assert all(d.status == DeclarationStatus.DRAFT and d.based_on_id for d in carried.values())
        assert {i.motive: i.weight for i in carried[demo.utrecht.pk].interests.all()} == {
            "kostenbesparing": 5,
            "innovatie": 2,
        }
        assert [r.text for r in carried[demo.utrecht.pk].red_lines.all()] == ["Geen extra kosten"]

        declare(next_round, demo.utrecht, demo.utrecht_beleidsmedewerker, {"kostenbesparing": 3, "continuiteit": 4})
        share_declaration(
            declaration=Declaration.objects.get(round=next_round, partner=demo.utrecht), by=demo.utrecht_wethouder
        )
        result = analyse_round(next_round, demo.collaboration)

    assert result.previous == honesty_round
    assert (
        "Utrecht: nu ook kwetsbaarheid verminderen en continuïteit (4); niet meer innovatie; ander gewicht: "
        "kostenbesparing van 5 naar 3; rode lijn “Geen extra kosten” vervallen." in result.changes
    )
    assert "Zeist deelde in de vorige ronde wel een verklaring, in deze ronde (nog) niet." in result.changes
    assert "Spanning verdwenen: Kostenbesparing ↔ kwaliteit van dienstverlening." in result.changes
