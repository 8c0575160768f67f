"""A partner leaves or joins a collaboration: through one service each, audited, told, and felt by every area."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samen.audit.models import AuditEvent
from samen.collaborations.models import Organisation, OrganisationKind, Partner, Role
from samen.collaborations.people import contacts
from samen.collaborations.services import partner_joins, partner_leaves
from samen.experiences.results import results_for
from samen.experiences.services import schedule_checkins
from samen.experiences.services.reminders import send_reminders
from samen.goals import services as goals
from samen.goals.models import CommitmentStatus, DecisionKind, RoundStatus
from samen.health.areas import build_scope
from samen.interests.models import Pledge
from samen.interests.services import create_ambition, pledge
from samen.notifications.models import Event
from tests.goals.conftest import describe_benefits, draft_goal, open_round, refreshed
from tests.personas import municipality

pytestmark = pytest.mark.django_db

REASON = "Raadsbesluit: De Bilt treedt uit per vandaag"


def today() -> datetime.date:
    """Asked each time: a module-level date goes stale when a run passes midnight."""
    return timezone.localdate()


def de_bilt_leaves(demo, *, on=None, by=None, reason=REASON):
    return partner_leaves(
        collaboration=demo.collaboration,
        organisation=demo.de_bilt.organisation,
        on=on or today(),
        by=by or demo.facilitator,
        reason=reason,
    )


def test_a_leaving_partner_keeps_its_history_and_is_audited(demo):
    partner = de_bilt_leaves(demo)

    partner.refresh_from_db()
    assert (partner.left_on, partner.left_reason) == (today(), REASON)
    assert not partner.is_current
    assert list(demo.collaboration.current_partners()) == [demo.utrecht, demo.zeist]
    assert list(demo.collaboration.former_partners()) == [partner]
    event = AuditEvent.objects.get(action="partner.left", collaboration=demo.collaboration)
    assert event.actor == demo.facilitator
    assert event.after["reason"] == REASON
    assert event.after["left_on"] == str(today())
    assert sorted(event.after["roles_ended"]) == [
        "Bea Wethouder (bestuurlijk contact)",
        "Bram de Bilt (ambtelijk contact)",
    ]


def test_the_people_of_a_leaving_partner_lose_their_roles_and_are_told(demo):
    de_bilt_leaves(demo)

    assert not Role.objects.filter(partner=demo.de_bilt).exists()
    assert set(contacts(demo.collaboration)) == {
        demo.utrecht_beleidsmedewerker,
        demo.utrecht_wethouder,
        demo.zeist_beleidsmedewerker,
        demo.zeist_wethouder,
    }
    told = Event.objects.filter(subject__contains="De Bilt is uitgetreden")
    assert set(told.values_list("recipient__email", flat=True)) >= {
        demo.de_bilt_wethouder.email,
        demo.facilitator.email,
        demo.zeist_wethouder.email,
    }
    assert told.get(recipient=demo.de_bilt_wethouder).cadence == "immediately"  # addressed to them


def test_a_partner_that_leaves_during_an_open_consent_round_lets_the_round_settle(demo):
    goal = draft_goal(demo)
    describe_benefits(goal, demo)
    consent_round = open_round(goal, demo)
    for partner, person in ((demo.utrecht, demo.utrecht_wethouder), (demo.zeist, demo.zeist_wethouder)):
        goals.record_decision(consent_round=consent_round, partner=partner, by=person, kind=DecisionKind.CONSENT)
    assert not refreshed(goal).is_adopted  # still waiting for De Bilt

    de_bilt_leaves(demo)

    assert refreshed(goal).is_adopted
    consent_round.refresh_from_db()
    assert consent_round.status == RoundStatus.ADOPTED


def test_the_open_commitments_of_a_leaving_partner_lapse_and_done_ones_stay(demo):
    goal = draft_goal(demo)
    due = today() + datetime.timedelta(days=30)
    open_one = goals.add_commitment(
        goal=goal, by=demo.de_bilt_beleidsmedewerker, partner=demo.de_bilt, what="Loket inrichten",
        who=demo.de_bilt_beleidsmedewerker, due_on=due,
    )  # fmt: skip
    done_one = goals.add_commitment(
        goal=goal, by=demo.de_bilt_beleidsmedewerker, partner=demo.de_bilt, what="Data aanleveren",
        who=demo.de_bilt_beleidsmedewerker, due_on=due,
    )  # fmt: skip
    goals.update_commitment_status(commitment=done_one, by=demo.de_bilt_beleidsmedewerker, status="gedaan")

    de_bilt_leaves(demo)

    open_one.refresh_from_db()
    done_one.refresh_from_db()
    assert (open_one.status, done_one.status) == (CommitmentStatus.DROPPED, CommitmentStatus.DONE)
    lapsed = AuditEvent.objects.get(action="goal.commitment_status", object_id=str(open_one.pk), actor=demo.facilitator)
    assert lapsed.after["because"] == "partner.left"


def test_the_pledges_of_a_leaving_partner_are_closed_but_stay_in_the_history(demo):
    ambition = create_ambition(collaboration=demo.collaboration, by=demo.facilitator, title="Eén loket voor de regio")
    pledge(ambition=ambition, partner=demo.de_bilt, by=demo.de_bilt_beleidsmedewerker, urgency=4, hours_per_month=16)
    pledge(ambition=ambition, partner=demo.zeist, by=demo.zeist_beleidsmedewerker, urgency=3, hours_per_month=8)

    de_bilt_leaves(demo)

    assert list(Pledge.objects.current_in(demo.collaboration).values_list("partner", flat=True)) == [demo.zeist.pk]
    assert Pledge.objects.history_of(ambition).filter(partner=demo.de_bilt).count() == 1
    assert AuditEvent.objects.filter(action="interests.pledges_closed", object_id=str(demo.de_bilt.pk)).exists()


def test_check_ins_stop_inviting_the_people_of_a_partner_that_left(demo):
    [checkin] = schedule_checkins(collaboration=demo.collaboration, by=demo.facilitator, first_opens_on=today())
    assert results_for(checkin).eligible == 6

    de_bilt_leaves(demo)

    assert results_for(checkin).eligible == 4
    report = send_reminders()
    assert report.checkin_people == 4
    reminded = Event.objects.filter(kind="checkin_open").values_list("recipient", flat=True)
    assert demo.de_bilt_beleidsmedewerker.pk not in set(reminded)


def test_health_counts_only_current_partners_and_their_contacts(demo):
    assert build_scope([demo.collaboration.pk]).counts[demo.collaboration.pk] == (3, 6)

    de_bilt_leaves(demo)

    scope = build_scope([demo.collaboration.pk])
    assert scope.counts[demo.collaboration.pk] == (2, 4)
    assert [ref.name for ref in scope.partners[demo.collaboration.pk]] == ["Utrecht", "Zeist"]


def test_contacts_of_a_partner_that_left_are_not_counted_even_if_a_role_remains(demo):
    """The one query for the people of a collaboration reads current partners, whatever wrote the departure."""
    Partner.objects.filter(pk=demo.de_bilt.pk).update(left_on=today() - datetime.timedelta(days=1))
    assert demo.de_bilt_wethouder not in set(contacts(demo.collaboration))
    [checkin] = schedule_checkins(collaboration=demo.collaboration, by=demo.facilitator, first_opens_on=today())
    assert results_for(checkin).eligible == 4


# --- refusals, in Dutch, that change nothing ---------------------------------------------------


@pytest.mark.parametrize(
    ("on", "reason", "message"),
    [
        ("none", REASON, "Vul de datum van uittreden in."),
        ("tomorrow", REASON, "kies vandaag of een eerdere datum"),
        (datetime.date(2019, 12, 31), REASON, "niet vóór de toetreding op 1 januari 2020"),
        ("today", "   ", "Geef de reden van het uittreden."),
        ("today", "x" * 301, "hoogstens 300 tekens"),
    ],
)
def test_a_leaving_with_a_bad_date_or_reason_is_refused_in_dutch(demo, on, reason, message):
    day = {"none": None, "today": today(), "tomorrow": today() + datetime.timedelta(days=1)}.get(on, on)
    with pytest.raises(ValidationError) as refused:
        partner_leaves(
            collaboration=demo.collaboration, organisation=demo.de_bilt.organisation, on=day,
            by=demo.facilitator, reason=reason,
        )  # fmt: skip
    assert message in " ".join(refused.value.messages)
    assert Partner.objects.get(pk=demo.de_bilt.pk).left_on is None
    assert not AuditEvent.objects.filter(action="partner.left").exists()


def test_a_partner_cannot_leave_twice(demo):
    de_bilt_leaves(demo, on=today() - datetime.timedelta(days=3))
    with pytest.raises(ValidationError) as refused:
        de_bilt_leaves(demo)
    assert "De Bilt is al uitgetreden op" in refused.value.messages[0]
    assert AuditEvent.objects.filter(action="partner.left").count() == 1


def test_an_organisation_that_is_no_partner_cannot_leave(demo):
    with pytest.raises(ValidationError) as refused:
        partner_leaves(
            collaboration=demo.collaboration, organisation=municipality("GM0307"), on=today(),
            by=demo.facilitator, reason=REASON,
        )  # fmt: skip
    assert refused.value.messages == ["Amersfoort is geen partner van deze samenwerking."]


def test_only_the_facilitator_records_a_partner_leaving(demo):
    with pytest.raises(PermissionDenied) as refused:
        de_bilt_leaves(demo, by=demo.utrecht_wethouder)
    assert "Alleen de facilitator" in str(refused.value)
    assert Partner.objects.get(pk=demo.de_bilt.pk).left_on is None


# --- joining -----------------------------------------------------------------------------------


def test_an_organisation_joins_and_can_then_be_given_roles(demo):
    amersfoort = municipality("GM0307")
    partner = partner_joins(
        collaboration=demo.collaboration, organisation=amersfoort, on=today(), by=demo.facilitator,
        reason="Raadsbesluit tot toetreding",
    )  # fmt: skip

    assert partner.is_current
    assert partner in demo.collaboration.current_partners()
    event = AuditEvent.objects.get(action="partner.joined")
    assert (event.after["organisation"], event.after["reason"]) == ("Amersfoort", "Raadsbesluit tot toetreding")
    assert Event.objects.filter(recipient=demo.zeist_wethouder, subject__contains="Amersfoort is toegetreden").exists()


def test_a_former_partner_may_join_again_but_not_before_it_left(demo):
    de_bilt_leaves(demo, on=today() - datetime.timedelta(days=10))
    with pytest.raises(ValidationError) as refused:
        partner_joins(
            collaboration=demo.collaboration, organisation=demo.de_bilt.organisation,
            on=today() - datetime.timedelta(days=11), by=demo.facilitator, reason="Toch weer",
        )  # fmt: skip
    assert "een nieuwe toetreding ligt niet daarvóór" in " ".join(refused.value.messages)

    partner = partner_joins(
        collaboration=demo.collaboration, organisation=demo.de_bilt.organisation, on=today(),
        by=demo.facilitator, reason="Toch weer",
    )  # fmt: skip
    assert (partner.pk, partner.left_on, partner.joined_on) == (demo.de_bilt.pk, None, today())
    assert AuditEvent.objects.get(action="partner.joined").before["left_on"] == str(
        today() - datetime.timedelta(days=10)
    )


def test_a_current_partner_cannot_join_again(demo):
    with pytest.raises(ValidationError) as refused:
        partner_joins(
            collaboration=demo.collaboration, organisation=demo.zeist.organisation, on=today(),
            by=demo.facilitator, reason="Dubbel",
        )  # fmt: skip
    assert refused.value.messages == ["Zeist is al partner van deze samenwerking."]


def test_a_municipality_that_no_longer_exists_cannot_join(demo):
    boxmeer = Organisation.objects.create(
        name="Boxmeer", kind=OrganisationKind.MUNICIPALITY, code="GM0756", exists=False,
        ceased_on=datetime.date(2022, 1, 1), successor=municipality("GM1982"),
    )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        partner_joins(
            collaboration=demo.collaboration, organisation=boxmeer, on=today(), by=demo.facilitator, reason="x"
        )
    assert refused.value.messages == ["Boxmeer bestaat niet meer; de gemeente is opgegaan in Land van Cuijk."]


# --- the pages ---------------------------------------------------------------------------------


def test_the_facilitator_records_a_leaving_on_the_partners_page(demo, client_for):
    facilitator = client_for(demo.facilitator)
    url = reverse("collaborations:partners", args=[demo.collaboration.pk])
    page = facilitator.get(url)
    assert page.status_code == 200
    assert "Een partner treedt uit" in page.text

    response = facilitator.post(
        url,
        {
            "action": "leave",
            "uit-organisation": demo.de_bilt.organisation.pk,
            "uit-on": today().isoformat(),
            "uit-reason": REASON,
        },
    )

    assert response.status_code == 302
    assert Partner.objects.get(pk=demo.de_bilt.pk).left_on == today()
    detail = facilitator.get(reverse("collaborations:detail", args=[demo.collaboration.pk]))
    assert "Voormalige partners" in detail.text
    assert REASON in detail.text
    audit = facilitator.get(reverse("collaborations:audit", args=[demo.collaboration.pk]))
    assert "<code>partner.left</code>" in audit.text
    assert REASON in audit.text


def test_a_refusal_on_the_partners_page_is_shown_in_dutch_and_changes_nothing(demo, client_for):
    url = reverse("collaborations:partners", args=[demo.collaboration.pk])
    response = client_for(demo.facilitator).post(
        url,
        {
            "action": "leave",
            "uit-organisation": demo.de_bilt.organisation.pk,
            "uit-on": "2019-06-01",
            "uit-reason": "x",
        },
    )
    assert response.status_code == 400
    assert "niet vóór de toetreding op 1 januari 2020" in response.text
    assert Partner.objects.get(pk=demo.de_bilt.pk).left_on is None


def test_the_facilitator_records_a_joining_by_gm_code(demo, client_for):
    url = reverse("collaborations:partners", args=[demo.collaboration.pk])
    municipality("GM0307")
    response = client_for(demo.facilitator).post(
        url, {"action": "join", "toe-organisation": "gm0307", "toe-on": today().isoformat(), "toe-reason": "Besluit"}
    )
    assert response.status_code == 302
    assert demo.collaboration.current_partners().filter(organisation__code="GM0307").exists()


def test_an_unknown_organisation_gets_a_dutch_message(demo, client_for):
    url = reverse("collaborations:partners", args=[demo.collaboration.pk])
    response = client_for(demo.facilitator).post(
        url, {"action": "join", "toe-organisation": "Atlantis", "toe-on": today().isoformat(), "toe-reason": "Besluit"}
    )
    assert response.status_code == 400
    assert "Geen organisatie gevonden met de naam of code Atlantis" in response.text


def test_the_page_of_a_merged_municipality_names_its_successor_and_date(demo, client_for):
    land_van_cuijk = municipality("GM1982")
    boxmeer = Organisation.objects.create(
        name="Boxmeer", kind=OrganisationKind.MUNICIPALITY, code="GM0756", exists=False,
        ceased_on=datetime.date(2022, 1, 1), successor=land_van_cuijk,
    )  # fmt: skip
    page = client_for(demo.zeist_beleidsmedewerker).get(reverse("collaborations:organisation", args=[boxmeer.pk]))
    assert "bestaat niet meer (sinds 1 januari 2022)" in page.text
    assert reverse("collaborations:organisation", args=[land_van_cuijk.pk]) in page.text


def test_a_contact_cannot_record_a_leaving_on_the_page(demo, client_for):
    url = reverse("collaborations:partners", args=[demo.collaboration.pk])
    data = {"action": "leave", "uit-organisation": demo.de_bilt.organisation.pk, "uit-on": today().isoformat()}
    response = client_for(demo.de_bilt_wethouder).post(url, {**data, "uit-reason": REASON})
    assert response.status_code == 404
    assert Partner.objects.get(pk=demo.de_bilt.pk).left_on is None


def test_the_collaboration_page_links_to_the_partners_page_for_the_facilitator_only(demo, client_for):
    url = reverse("collaborations:partners", args=[demo.collaboration.pk])
    detail = reverse("collaborations:detail", args=[demo.collaboration.pk])
    assert url in client_for(demo.facilitator).get(detail).text
    assert url not in client_for(demo.zeist_wethouder).get(detail).text


def test_open_invitations_for_a_leaving_partner_are_revoked(demo):
    from samen.accounts.services import invite_person

    invitation = invite_person(
        collaboration=demo.collaboration, email="nieuw@debilt.example", full_name="Nieuwe Collega",
        kind="ambtelijk", partner=demo.de_bilt, by=demo.facilitator,
    )  # fmt: skip

    de_bilt_leaves(demo)

    invitation.refresh_from_db()
    assert not invitation.is_open
    revoked = AuditEvent.objects.get(action="invitation.revoked", object_id=str(invitation.pk))
    assert revoked.after["because"] == "partner.left"


def test_the_collaboration_page_costs_the_same_queries_with_many_former_partners(
    demo, client_for, django_assert_max_num_queries
):
    client = client_for(demo.facilitator)
    url = reverse("collaborations:detail", args=[demo.collaboration.pk])
    de_bilt_leaves(demo)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for code in ("GM0307", "GM0308", "GM0312", "GM0313", "GM0317", "GM0321", "GM0327", "GM0331"):
        Partner.objects.create(
            collaboration=demo.collaboration, organisation=municipality(code),
            joined_on=datetime.date(2020, 1, 1), left_on=datetime.date(2024, 1, 1), left_reason="Uitgetreden",
        )  # fmt: skip
    with django_assert_max_num_queries(len(one)):
        assert "Uitgetreden" in client.get(url).text
