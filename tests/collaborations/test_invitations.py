"""A facilitator invites people by e-mail, for a partner and a role; the link works once."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from samen.accounts.models import Invitation, Person
from samen.audit.models import AuditEvent
from samen.collaborations.models import Role, RoleKind

pytestmark = pytest.mark.django_db(transaction=False)


def invite(client, demo, **overrides):
    data = {
        "full_name": "Ingrid Informatie",
        "email": "ingrid@zeist.example",
        "kind": RoleKind.OFFICIAL,
        "partner": demo.zeist.pk,
    }
    data.update(overrides)
    return client.post(reverse("collaborations:people", args=[demo.collaboration.pk]), data)


def link_in_last_mail() -> str:
    match = re.search(r"https?://\S+/uitnodiging/(\S+)", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return reverse("accounts:accept_invitation", args=[match.group(1)])


def test_facilitator_invites_a_contact_who_accepts_and_gets_the_role(
    demo, client_for, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client_for(demo.facilitator), demo)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ingrid@zeist.example"]
    assert "Zeist" in mail.outbox[0].body

    link = link_in_last_mail()
    page = client.get(link)
    assert page.status_code == 200
    assert "Uitnodiging" in page.text
    response = client.post(link, {"full_name": "Ingrid Informatie", "password": "een-lang-wachtwoord-2026"})
    assert response.status_code == 302
    ingrid = Person.objects.get(email="ingrid@zeist.example")
    assert ingrid.organisation == demo.zeist.organisation
    assert Role.objects.filter(person=ingrid, partner=demo.zeist, kind=RoleKind.OFFICIAL).exists()
    actions = set(AuditEvent.objects.filter(collaboration=demo.collaboration).values_list("action", flat=True))
    assert {"invitation.sent", "invitation.accepted", "person.created"} <= actions


def test_a_used_invitation_link_does_not_work_again(demo, client_for, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(client_for(demo.facilitator), demo)
    link = link_in_last_mail()
    client.post(link, {"full_name": "Ingrid Informatie", "password": "een-lang-wachtwoord-2026"})
    client.logout()
    again = client.post(link, {"full_name": "Iemand Anders", "password": "een-ander-wachtwoord-2026"})
    assert again.status_code == 410
    assert "al gebruikt" in again.text
    assert Person.objects.filter(email="ingrid@zeist.example").count() == 1


def test_an_expired_invitation_link_is_refused(demo, client_for, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(client_for(demo.facilitator), demo)
    link = link_in_last_mail()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=15)):
        response = client.post(link, {"full_name": "Ingrid Informatie", "password": "een-lang-wachtwoord-2026"})
    assert response.status_code == 410
    assert "verlopen" in response.text
    assert not Person.objects.filter(email="ingrid@zeist.example").exists()


def test_an_unknown_invitation_link_is_refused(db, client):
    response = client.get(reverse("accounts:accept_invitation", args=["niet-echt"]))
    assert response.status_code == 410
    assert "onbekend" in response.text


@pytest.mark.parametrize("email", ["geen-adres", "a@b", "", "twee@@zeist.example"])
def test_an_invalid_email_gets_a_dutch_message_and_sends_nothing(demo, client_for, email):
    response = invite(client_for(demo.facilitator), demo, email=email)
    assert response.status_code == 400
    assert "e-mailadres" in response.text.lower()
    assert not Invitation.objects.exists()
    assert not mail.outbox


def test_inviting_the_same_address_twice_for_the_same_role_is_refused(demo, client_for):
    facilitator = client_for(demo.facilitator)
    assert invite(facilitator, demo).status_code == 302
    response = invite(facilitator, demo)
    assert response.status_code == 400
    assert "al een uitnodiging open" in response.text
    assert Invitation.objects.count() == 1


def test_inviting_someone_who_already_has_the_role_is_refused(demo, client_for):
    response = invite(client_for(demo.facilitator), demo, email=demo.zeist_beleidsmedewerker.email)
    assert response.status_code == 400
    assert "heeft deze rol al" in response.text


def test_a_role_for_someone_whose_organisation_is_not_that_partner_is_refused(demo, client_for):
    # Umar works for Utrecht; he cannot act on behalf of Zeist.
    response = invite(client_for(demo.facilitator), demo, email=demo.utrecht_beleidsmedewerker.email)
    assert response.status_code == 400
    assert "kan dus niet namens" in response.text
    assert not Invitation.objects.exists()


def test_a_partner_role_needs_a_partner(demo, client_for):
    response = invite(client_for(demo.facilitator), demo, partner="")
    assert response.status_code == 400
    assert "namens wie" in response.text


def test_a_partner_of_another_collaboration_cannot_be_chosen(demo, client_for):
    other_partner = demo.other_collaboration.partners.first()
    response = invite(client_for(demo.facilitator), demo, partner=other_partner.pk)
    assert response.status_code == 400
    assert not Invitation.objects.exists()


def test_an_existing_person_accepts_while_signed_in(demo, client_for, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(
            client_for(demo.facilitator),
            demo,
            email=demo.utrecht_beleidsmedewerker.email,
            partner=demo.utrecht.pk,
            kind=RoleKind.READER,
        )
    link = link_in_last_mail()
    umar = client_for(demo.utrecht_beleidsmedewerker)
    assert umar.post(link).status_code == 302
    assert Role.objects.filter(person=demo.utrecht_beleidsmedewerker, kind=RoleKind.READER).exists()


def test_the_wrong_signed_in_person_cannot_take_an_invitation(demo, client_for, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(client_for(demo.facilitator), demo)
    link = link_in_last_mail()
    response = client_for(demo.zeist_wethouder).post(link)
    assert response.status_code == 400
    assert "ingrid@zeist.example" in response.text
    assert not Person.objects.filter(email="ingrid@zeist.example").exists()


def test_facilitator_revokes_an_invitation(demo, client_for, client, django_capture_on_commit_callbacks):
    facilitator = client_for(demo.facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        invite(facilitator, demo)
    invitation = Invitation.objects.get()
    facilitator.post(reverse("collaborations:revoke", args=[demo.collaboration.pk, invitation.pk]))
    response = client.get(link_in_last_mail())
    assert response.status_code == 410
    assert "ingetrokken" in response.text


def test_the_last_facilitator_cannot_be_removed(demo, client_for):
    role = Role.objects.get(collaboration=demo.collaboration, kind=RoleKind.FACILITATOR)
    client_for(demo.facilitator).post(reverse("collaborations:remove_role", args=[demo.collaboration.pk, role.pk]))
    assert Role.objects.filter(pk=role.pk).exists()


def test_facilitator_removes_a_role_and_it_is_audited(demo, client_for):
    role = Role.objects.get(person=demo.raadslid)
    client_for(demo.facilitator).post(reverse("collaborations:remove_role", args=[demo.collaboration.pk, role.pk]))
    assert not Role.objects.filter(pk=role.pk).exists()
    assert AuditEvent.objects.filter(action="role.removed", collaboration=demo.collaboration).exists()
