"""``manage.py demo``: a real register GR as an active workspace, with people who can log in."""

import time
from collections import Counter
from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from samen.accounts.models import Person
from samen.audit.models import AuditEvent
from samen.collaborations.management.commands.demo import (
    DEMO_PASSWORD,
    DEMO_ROO_ID,
    DEMO_TOTP_SECRET,
    PERSONAS,
    URL,
)
from samen.collaborations.models import Collaboration, Role, RoleKind

pytestmark = pytest.mark.django_db


def run_demo() -> str:
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def test_demo_imports_the_register_when_empty_and_activates_a_real_gr_with_personas() -> None:
    printed = run_demo()

    assert Collaboration.objects.filter(roo_id__isnull=False).count() == 451
    collaboration = Collaboration.objects.get(roo_id=DEMO_ROO_ID)
    assert collaboration.workspace_active
    roles = Counter(Role.objects.filter(collaboration=collaboration).values_list("kind", flat=True))
    assert roles[RoleKind.FACILITATOR] == 1
    assert roles[RoleKind.OFFICIAL] == 3
    assert roles[RoleKind.EXECUTIVE] == 3
    assert roles[RoleKind.READER] == 1
    officials = collaboration.roles.filter(kind=RoleKind.OFFICIAL).select_related("partner__organisation")
    contact_partners = {role.partner.organisation.code for role in officials if role.partner}
    assert contact_partners == {"GM0344", "GM0355", "GM0310"}
    facilitator = Person.objects.get(email=PERSONAS[0].email)
    assert facilitator.organisation == collaboration.body
    assert Authenticator.objects.filter(user=facilitator, type=Authenticator.Type.TOTP).exists()
    assert AuditEvent.objects.filter(collaboration=collaboration, action="collaboration.activated").exists()
    assert AuditEvent.objects.filter(collaboration=collaboration, action="role.assigned").count() == 7
    for persona in PERSONAS:
        assert persona.email in printed
    assert DEMO_PASSWORD in printed
    assert DEMO_TOTP_SECRET in printed
    assert URL in printed


def test_demo_a_second_time_changes_nothing() -> None:
    run_demo()
    people = list(Person.objects.order_by("pk").values())
    roles = list(Role.objects.order_by("pk").values())
    events = AuditEvent.objects.count()

    printed = run_demo()

    assert "niets gewijzigd" in printed
    assert list(Person.objects.order_by("pk").values()) == people
    assert list(Role.objects.order_by("pk").values()) == roles
    assert AuditEvent.objects.count() == events
    assert Authenticator.objects.count() == 1


def test_the_printed_logins_work_including_the_facilitators_second_step() -> None:
    run_demo()
    contact = Client()
    response = contact.post(reverse("account_login"), {"login": "ambtelijk@utrecht.example", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert contact.get(reverse("collaborations:mine")).status_code == 200

    facilitator = Client()
    response = facilitator.post(reverse("account_login"), {"login": PERSONAS[0].email, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    code = format_hotp_value(hotp_value(DEMO_TOTP_SECRET, int(time.time()) // 30))
    response = facilitator.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    collaboration = Collaboration.objects.get(roo_id=DEMO_ROO_ID)
    assert facilitator.get(reverse("collaborations:people", args=[collaboration.pk])).status_code == 200
