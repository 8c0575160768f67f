"""Check-ins: scheduling, one anonymous answer each, and the anonymity rule for every figure shown."""

import datetime
import uuid

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samen.accounts.models import Person
from samen.audit.models import AuditEvent
from samen.collaborations.models import Role, RoleKind
from samen.experiences import results, services
from samen.experiences.models import CheckIn, CheckInParticipation, CheckInResponse
from samen.notifications.services import Kind
from tests.experiences.conftest import SCORES, answer, open_checkin

pytestmark = pytest.mark.django_db


def extra_contact(demo, partner, name):
    person = Person.objects.create_user(
        f"{uuid.uuid4().hex[:8]}@{partner.organisation.code.lower()}.example",
        "x" * 12,
        full_name=name,
        organisation=partner.organisation,
    )
    Role.objects.create(person=person, collaboration=demo.collaboration, partner=partner, kind=RoleKind.OFFICIAL)
    return person


def close(checkin, demo):
    services.close_checkin(checkin=checkin, by=demo.facilitator)
    checkin.refresh_from_db()
    return checkin


# --- scheduling --------------------------------------------------------------------------------


def test_a_facilitator_schedules_a_series_every_six_weeks(demo):
    first = timezone.localdate() + datetime.timedelta(days=1)
    planned = services.schedule_checkins(
        collaboration=demo.collaboration,
        by=demo.facilitator,
        first_opens_on=first,
        count=4,
        interval_weeks=6,
        open_days=10,
    )
    assert [c.opens_on for c in planned] == [first + datetime.timedelta(weeks=6 * i) for i in range(4)]
    assert all(c.closes_on == c.opens_on + datetime.timedelta(days=9) for c in planned)
    assert len({c.series for c in planned}) == 1
    assert planned[0].series is not None
    assert AuditEvent.objects.filter(action="checkin.scheduled").count() == 4


def test_bad_schedules_get_clear_messages_and_plan_nothing(demo):
    with pytest.raises(ValidationError) as error:
        services.schedule_checkins(
            collaboration=demo.collaboration,
            by=demo.facilitator,
            first_opens_on=datetime.date(2020, 1, 1),
            count=13,
            interval_weeks=0,
            open_days=0,
        )
    assert set(error.value.message_dict) == {"first_opens_on", "count", "interval_weeks", "open_days"}
    with pytest.raises(ValidationError, match="sluit voordat de volgende opengaat"):
        services.schedule_checkins(
            collaboration=demo.collaboration,
            by=demo.facilitator,
            first_opens_on=timezone.localdate(),
            count=2,
            interval_weeks=1,
            open_days=10,
        )
    assert not CheckIn.objects.exists()


def test_only_the_facilitator_schedules(demo):
    with pytest.raises(PermissionDenied):
        services.schedule_checkins(
            collaboration=demo.collaboration, by=demo.utrecht_wethouder, first_opens_on=timezone.localdate()
        )


# --- answering -----------------------------------------------------------------------------------


def test_each_contact_answers_once(demo):
    checkin = open_checkin(demo)
    answer(checkin, demo.zeist_beleidsmedewerker, demo.zeist)
    with pytest.raises(ValidationError, match="U heeft deze check-in al ingevuld"):
        answer(checkin, demo.zeist_beleidsmedewerker, demo.zeist, trust=1)
    assert CheckInResponse.objects.count() == 1
    assert CheckInParticipation.objects.count() == 1


def test_a_second_answer_on_the_page_gets_a_clear_message(demo, client_for):
    checkin = open_checkin(demo)
    client = client_for(demo.zeist_beleidsmedewerker)
    url = reverse("experiences:checkin", args=[demo.collaboration.pk, checkin.pk])
    form = {"partner": str(demo.zeist.pk), **{k: str(v) for k, v in SCORES.items()}}
    assert client.post(url, form).status_code == 302
    response = client.post(url, {**form, "trust": "1"})
    assert response.status_code == 400
    assert "U heeft deze check-in al ingevuld. Elke contactpersoon antwoordt één keer." in response.text
    assert list(CheckInResponse.objects.values_list("trust", flat=True)) == [SCORES["trust"]]


@pytest.mark.parametrize("bad", [0, 6, 7, -1, "3.5", "drie", None, True])
def test_a_score_outside_1_to_5_gets_a_clear_message_and_saves_nothing(demo, bad):
    checkin = open_checkin(demo)
    with pytest.raises(ValidationError) as error:
        answer(checkin, demo.zeist_beleidsmedewerker, demo.zeist, trust=bad)
    assert error.value.message_dict == {"trust": ["Kies bij ‘Vertrouwen’ een score van 1 tot en met 5."]}
    assert not CheckInResponse.objects.exists()
    assert not CheckInParticipation.objects.exists()


def test_a_score_outside_1_to_5_on_the_page(demo, client_for):
    checkin = open_checkin(demo)
    response = client_for(demo.zeist_beleidsmedewerker).post(
        reverse("experiences:checkin", args=[demo.collaboration.pk, checkin.pk]),
        {"partner": str(demo.zeist.pk), **{k: str(v) for k, v in SCORES.items()}, "openness": "9"},
    )
    assert response.status_code == 400
    assert "Kies een score van 1 tot en met 5." in response.text
    assert not CheckInResponse.objects.exists()


def test_a_closed_checkin_on_the_page_says_so(demo, client_for):
    checkin = close(open_checkin(demo), demo)
    response = client_for(demo.zeist_beleidsmedewerker).post(
        reverse("experiences:checkin", args=[demo.collaboration.pk, checkin.pk]),
        {"partner": str(demo.zeist.pk), **{k: str(v) for k, v in SCORES.items()}},
    )
    assert response.status_code == 400
    assert "Deze check-in is gesloten; antwoorden kan niet meer." in response.text
    assert not CheckInResponse.objects.exists()


def test_planned_and_closed_checkins_take_no_answers(demo):
    (planned,) = services.schedule_checkins(
        collaboration=demo.collaboration,
        by=demo.facilitator,
        first_opens_on=timezone.localdate() + datetime.timedelta(days=3),
    )
    with pytest.raises(ValidationError, match="nog niet open"):
        answer(planned, demo.zeist_beleidsmedewerker, demo.zeist)
    checkin = close(open_checkin(demo), demo)
    with pytest.raises(ValidationError, match="gesloten"):
        answer(checkin, demo.zeist_beleidsmedewerker, demo.zeist)
    assert not CheckInResponse.objects.exists()


def test_readers_facilitators_and_outsiders_do_not_answer(demo):
    checkin = open_checkin(demo)
    for person, partner in (
        (demo.raadslid, demo.utrecht),
        (demo.facilitator, demo.utrecht),
        (demo.utrecht_beleidsmedewerker, demo.zeist),
    ):
        with pytest.raises(PermissionDenied):
            answer(checkin, person, partner)
    with pytest.raises(ValidationError, match="hoort niet bij deze samenwerking"):
        answer(checkin, demo.amersfoort_beleidsmedewerker, demo.other_collaboration.partners.first())


def test_an_answer_is_stored_without_the_person_and_the_audit_never_holds_it(demo):
    checkin = open_checkin(demo)
    answer(checkin, demo.zeist_beleidsmedewerker, demo.zeist, going_well="Het overleg is prettig")
    field_names = {f.name for f in CheckInResponse._meta.get_fields()}
    assert not field_names & {"person", "by", "created_at", "answered_at", "participation"}
    assert {f.name for f in CheckInParticipation._meta.get_fields()} == {"id", "checkin", "person"}
    event = AuditEvent.objects.get(action="checkin.answered")
    assert event.after == {"answered": True}
    assert event.object_id == str(checkin.pk)
    assert str(CheckInResponse.objects.get().pk) not in str(list(AuditEvent.objects.values()))


# --- the anonymity rule -------------------------------------------------------------------------


def test_results_stay_hidden_while_the_checkin_is_open(demo, client_for):
    checkin = open_checkin(demo)
    for person, partner in (
        (demo.utrecht_beleidsmedewerker, demo.utrecht),
        (demo.utrecht_wethouder, demo.utrecht),
        (demo.zeist_beleidsmedewerker, demo.zeist),
        (demo.zeist_wethouder, demo.zeist),
    ):
        answer(checkin, person, partner)
    answer(checkin, extra_contact(demo, demo.utrecht, "Ursula Utrecht"), demo.utrecht, going_well="Geheim")
    page = client_for(demo.facilitator).get(reverse("experiences:checkin", args=[demo.collaboration.pk, checkin.pk]))
    assert "5 van" in page.text
    assert "De resultaten verschijnen als de check-in gesloten is" in page.text
    assert "Geheim" not in page.text
    assert "Gemiddelde scores" not in page.text
    export = client_for(demo.facilitator).get(
        reverse("experiences:checkin_export", args=[demo.collaboration.pk, checkin.pk])
    )
    assert export.status_code == 302
    assert not results.results_for(checkin).partners


def test_a_partners_figures_need_three_respondents_and_the_collaborations_three_in_all(demo):
    checkin = open_checkin(demo)
    utrecht = [demo.utrecht_beleidsmedewerker, demo.utrecht_wethouder, extra_contact(demo, demo.utrecht, "U3")]
    for person, trust in zip(utrecht, (5, 4, 3), strict=True):
        answer(checkin, person, demo.utrecht, trust=trust)
    zeist = [demo.zeist_beleidsmedewerker, demo.zeist_wethouder, extra_contact(demo, demo.zeist, "Z3")]
    for person in zeist:
        answer(checkin, person, demo.zeist, trust=1)
    answer(checkin, demo.de_bilt_beleidsmedewerker, demo.de_bilt, trust=2)
    answer(checkin, demo.de_bilt_wethouder, demo.de_bilt, trust=2)
    outcome = results.results_for(close(checkin, demo))
    shown = {str(row.partner): row.averages.scores["trust"] if row.averages else None for row in outcome.partners}
    # De Bilt has 2: hidden. The rest (2) could be derived from the total minus Utrecht and Zeist,
    # so the smallest shown partner is hidden too (rule 3).
    assert sum(v is not None for v in shown.values()) == 1
    assert shown["De Bilt"] is None
    assert outcome.overall.respondents == 8


def test_the_hidden_rest_is_never_one_or_two_people(demo):
    assert results.disclosure({"a": 3, "b": 1}).partners == set()
    assert results.disclosure({"a": 3, "b": 4, "c": 2}).partners == {"b"}
    assert results.disclosure({"a": 3, "b": 4, "c": 3}).partners == {"a", "b", "c"}
    assert results.disclosure({"a": 5, "b": 0}).partners == {"a"}
    assert results.disclosure({"a": 2, "b": 2}).partners == set()
    for counts in ({"a": 3, "b": 1}, {"a": 3, "b": 4, "c": 2}, {"a": 6, "b": 3, "c": 1, "d": 1}):
        shown = results.disclosure(counts).partners
        hidden = sum(n for k, n in counts.items() if k not in shown)
        assert hidden == 0 or hidden >= results.MIN_RESPONDENTS


def test_fewer_than_three_answers_show_no_figures_at_all(demo, client_for):
    checkin = open_checkin(demo)
    answer(checkin, demo.zeist_beleidsmedewerker, demo.zeist, trust=1, sticking="Zeist voelt zich overvallen")
    answer(checkin, demo.utrecht_beleidsmedewerker, demo.utrecht, trust=5)
    close(checkin, demo)
    page = client_for(demo.utrecht_wethouder).get(
        reverse("experiences:checkin", args=[demo.collaboration.pk, checkin.pk])
    )
    assert "Er zijn minder dan 3 antwoorden" in page.text
    assert "Zeist voelt zich overvallen" not in page.text
    export = (
        client_for(demo.utrecht_wethouder)
        .get(reverse("experiences:checkin_export", args=[demo.collaboration.pk, checkin.pk]))
        .content.decode()
    )
    assert "1,0" not in export
    assert "5,0" not in export
    assert export.count("te weinig antwoorden") >= 6


def test_no_page_or_export_shows_an_individual_answer(demo, client_for):
    """Five people answer with a distinct trust score; no single score appears, only averages."""
    checkin = open_checkin(demo)
    people = [
        (demo.utrecht_beleidsmedewerker, demo.utrecht, 1),
        (demo.utrecht_wethouder, demo.utrecht, 2),
        (demo.zeist_beleidsmedewerker, demo.zeist, 3),
        (demo.zeist_wethouder, demo.zeist, 4),
        (demo.de_bilt_beleidsmedewerker, demo.de_bilt, 5),
    ]
    for person, partner, trust in people:
        answer(checkin, person, partner, trust=trust, relationship_comment=f"opmerking-{trust}")
    close(checkin, demo)
    client = client_for(demo.facilitator)
    pages = [
        client.get(reverse("experiences:checkin", args=[demo.collaboration.pk, checkin.pk])).text,
        client.get(reverse("experiences:checkins", args=[demo.collaboration.pk])).text,
        client.get(reverse("experiences:checkin_export", args=[demo.collaboration.pk, checkin.pk])).content.decode(),
        client.get(reverse("collaborations:audit", args=[demo.collaboration.pk])).text,
    ]
    everything = "\n".join(pages)
    assert "3,0" in pages[0]  # the collaboration's average trust (1+2+3+4+5)/5
    for response in CheckInResponse.objects.all():
        assert str(response.pk) not in everything
    for person, _partner, _trust in people:
        page = pages[0]
        assert person.full_name not in page.split("Resultaten", 1)[1]
    # Per partner nobody reaches 3, so no partner figure, and the comments carry no names.
    assert "Niet getoond: te weinig antwoorden" in pages[0]
    assert "".join(f"<li>opmerking-{n}</li>" for n in range(1, 6)) in pages[0]


def test_comments_are_shown_alphabetically_not_in_the_order_of_answering(demo):
    checkin = open_checkin(demo)
    for person, partner, text in (
        (demo.zeist_wethouder, demo.zeist, "Zorgvuldig overleg"),
        (demo.utrecht_wethouder, demo.utrecht, "Alles op tijd"),
        (demo.de_bilt_wethouder, demo.de_bilt, "Mooie start"),
    ):
        answer(checkin, person, partner, going_well=text)
    outcome = results.results_for(close(checkin, demo))
    label, texts, count = outcome.comments[0]
    assert (label, texts, count) == ("Wat gaat goed", ["Alles op tijd", "Mooie start", "Zorgvuldig overleg"], 3)


def test_results_are_shown_per_partner_from_three(demo, client_for):
    checkin = open_checkin(demo)
    utrecht = [demo.utrecht_beleidsmedewerker, demo.utrecht_wethouder, extra_contact(demo, demo.utrecht, "U3")]
    zeist = [demo.zeist_beleidsmedewerker, demo.zeist_wethouder, extra_contact(demo, demo.zeist, "Z3")]
    for person in utrecht:
        answer(checkin, person, demo.utrecht, progress=2, trust=2)
    for person in zeist:
        answer(checkin, person, demo.zeist, progress=4, trust=5)
    close(checkin, demo)
    outcome = results.results_for(checkin)
    by_name = {str(r.partner): r for r in outcome.partners}
    assert by_name["Utrecht"].averages.scores["trust"] == 2.0
    assert by_name["Zeist"].averages.scores["trust"] == 5.0
    assert by_name["De Bilt"].averages is None
    assert any("Vertrouwen" in item and "verschillend" in item for item in outcome.agenda)
    assert any("Voortgang op onze doelen" in item and "verschillend" in item for item in outcome.agenda)


def test_trends_per_track_over_checkins(demo, client_for):
    for week, (progress, trust) in enumerate(((2, 2), (3, 3), (4, 5))):
        with time_machine.travel(
            datetime.datetime(2026, 1, 5, 9, tzinfo=datetime.UTC) + datetime.timedelta(weeks=6 * week)
        ):
            checkin = open_checkin(demo)
            for person, partner in (
                (demo.utrecht_beleidsmedewerker, demo.utrecht),
                (demo.zeist_beleidsmedewerker, demo.zeist),
                (demo.de_bilt_beleidsmedewerker, demo.de_bilt),
            ):
                answer(
                    checkin,
                    person,
                    partner,
                    progress=progress,
                    trust=trust,
                    openness=trust,
                    fair_share=trust,
                    heard=trust,
                    ownership=trust,
                )
            close(checkin, demo)
    points = results.trends_for(demo.collaboration)
    assert [(p.content, p.relationship) for p in points] == [(2.0, 2.0), (3.0, 3.0), (4.0, 5.0)]
    page = client_for(demo.zeist_wethouder).get(reverse("experiences:checkins", args=[demo.collaboration.pk]))
    assert 'role="img"' in page.text
    assert 'aria-label="Lijngrafiek' in page.text
    assert "Trend per spoor, in cijfers" in page.text


def test_the_agenda_names_a_drop_since_the_previous_checkin(demo):
    for week, score in enumerate((5, 3)):
        with time_machine.travel(
            datetime.datetime(2026, 1, 5, 9, tzinfo=datetime.UTC) + datetime.timedelta(weeks=6 * week)
        ):
            checkin = open_checkin(demo)
            for person, partner in (
                (demo.utrecht_beleidsmedewerker, demo.utrecht),
                (demo.zeist_beleidsmedewerker, demo.zeist),
                (demo.de_bilt_beleidsmedewerker, demo.de_bilt),
            ):
                answer(
                    checkin,
                    person,
                    partner,
                    trust=score,
                    openness=score,
                    fair_share=score,
                    heard=score,
                    ownership=score,
                    sticking="De planning knelt",
                )
            close(checkin, demo)
            agenda = results.results_for(checkin).agenda
    assert any("Het spoor de relatie is gedaald" in item for item in agenda)
    assert any("wat schuurt (3 opmerkingen)" in item for item in agenda)


def test_results_page_queries_do_not_grow_with_answers(demo, client_for):
    def build(n):
        checkin = open_checkin(demo, title=f"ronde {n}")
        CheckInResponse.objects.bulk_create(
            CheckInResponse(checkin=checkin, partner=partner, going_well=f"goed {i}", **SCORES)
            for i in range(n)
            for partner in demo.partners
        )
        CheckIn.objects.filter(pk=checkin.pk).update(closed_at=timezone.now())
        return checkin

    client = client_for(demo.zeist_beleidsmedewerker)
    small, large = build(3), build(30)
    counts = []
    for checkin in (small, large):
        with CaptureQueriesContext(connection) as queries:
            assert (
                client.get(reverse("experiences:checkin", args=[demo.collaboration.pk, checkin.pk])).status_code == 200
            )
        counts.append(len(queries))
    assert counts[0] == counts[1]


# --- reminders ---------------------------------------------------------------------------------


def test_reminders_go_to_contacts_who_have_not_answered_once_a_week(demo, notified):
    checkin = open_checkin(demo)
    answer(checkin, demo.zeist_beleidsmedewerker, demo.zeist)
    call_command("send_experience_reminders")
    (call,) = [c for c in notified if c["kind"] == Kind.CHECKIN_OPEN]
    assert demo.zeist_beleidsmedewerker not in call["recipients"]
    assert {demo.zeist_wethouder, demo.utrecht_beleidsmedewerker, demo.de_bilt_wethouder} <= set(call["recipients"])
    assert demo.raadslid not in call["recipients"]
    assert demo.facilitator not in call["recipients"]
    call_command("send_experience_reminders")
    assert len([c for c in notified if c["kind"] == Kind.CHECKIN_OPEN]) == 1
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        CheckIn.objects.filter(pk=checkin.pk).update(closes_on=timezone.localdate() + datetime.timedelta(days=30))
        call_command("send_experience_reminders")
    assert len([c for c in notified if c["kind"] == Kind.CHECKIN_OPEN]) == 2


def test_reminders_for_signals_waiting_for_a_reply(demo, agreement, notified):
    with time_machine.travel(timezone.now() - datetime.timedelta(days=5)):
        waiting = services.raise_signal(
            collaboration=demo.collaboration,
            by=demo.zeist_beleidsmedewerker,
            from_partner=demo.zeist,
            kind="te_veel_betalen",
            subject="Tarief te hoog",
            text="Wij betalen te veel.",
            addressee="partner",
            addressee_partner=demo.utrecht,
        )
        answered = services.raise_signal(
            collaboration=demo.collaboration,
            by=demo.zeist_beleidsmedewerker,
            from_partner=demo.zeist,
            kind="zorg",
            subject="Zorg",
            text="Zorg.",
            addressee="facilitator",
        )
        services.reply_to_signal(signal=answered, by=demo.facilitator, text="Ik bel u.")
    services.raise_signal(
        collaboration=demo.collaboration,
        by=demo.zeist_beleidsmedewerker,
        from_partner=demo.zeist,
        kind="overig",
        subject="Vers",
        text="Net gegeven.",
        addressee="facilitator",
    )
    notified.clear()
    call_command("send_experience_reminders")
    (call,) = notified
    assert call["kind"] == Kind.SIGNAL_ADDRESSED
    assert "Tarief te hoog" in call["subject"]
    assert set(call["recipients"]) == {demo.utrecht_beleidsmedewerker, demo.utrecht_wethouder}
    waiting.refresh_from_db()
    assert waiting.reminded_at is not None
    call_command("send_experience_reminders")
    assert len(notified) == 1
