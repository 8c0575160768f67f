"""Every foundation page in a real Chromium, checked with axe (WCAG 2.1 AA), used by keyboard."""

import pytest
from django.urls import reverse

from samen.accounts.services import invite_person
from samen.collaborations.models import RoleKind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_anonymous_pages_are_accessible(visit):
    for path in ("/", reverse("accessibility"), reverse("account_login"), reverse("account_reset_password")):
        visit.goto(path)
        visit.assert_accessible()


def test_a_contact_signs_in_with_email_and_password(visit, demo):
    from tests.personas import PASSWORD

    visit.goto(reverse("account_login"))
    visit.page.get_by_label("E-mailadres").fill(demo.zeist_beleidsmedewerker.email)
    visit.page.get_by_label("Wachtwoord").fill(PASSWORD)
    visit.page.get_by_label("Wachtwoord").press("Enter")
    visit.page.wait_for_url("**/samenwerkingen")
    assert demo.collaboration.name in visit.page.content()
    visit.assert_accessible()


def test_facilitator_pages_are_accessible(visit, demo):
    visit.login_as(demo.facilitator)
    collaboration = demo.collaboration.pk
    for path in (
        reverse("collaborations:mine"),
        reverse("collaborations:find"),
        reverse("collaborations:find") + "?gemeente=GM9999",
        reverse("collaborations:create"),
        reverse("collaborations:detail", args=[collaboration]),
        reverse("collaborations:people", args=[collaboration]),
        reverse("collaborations:audit", args=[collaboration]),
        reverse("collaborations:organisation", args=[demo.zeist.organisation_id]),
        reverse("accounts:profile"),
        reverse("account_change_password"),
        reverse("mfa_index"),
    ):
        visit.goto(path)
        visit.assert_accessible()


def test_invite_form_errors_are_accessible_and_announced(visit, demo):
    visit.login_as(demo.facilitator)
    visit.goto(reverse("collaborations:people", args=[demo.collaboration.pk]))
    visit.page.get_by_label("Naam", exact=True).fill("Iemand")
    visit.page.get_by_label("E-mailadres").fill("geen-adres")
    visit.page.get_by_role("button", name="Uitnodiging versturen").click()
    email = visit.page.get_by_label("E-mailadres")
    assert email.get_attribute("aria-invalid") == "true"
    assert "_error" in (email.get_attribute("aria-describedby") or "")
    visit.assert_accessible()


def test_the_search_works_by_keyboard(visit, demo):
    visit.login_as(demo.zeist_beleidsmedewerker)
    visit.goto(reverse("collaborations:find"))
    visit.page.get_by_label("Gemeente of GM-code").fill("GM0310")
    visit.page.keyboard.press("Enter")
    visit.page.wait_for_url("**gemeente=GM0310**")
    assert demo.collaboration.name in visit.page.content()
    visit.assert_accessible()


def test_accepting_an_invitation_is_accessible(visit, demo, django_capture_on_commit_callbacks):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        invite_person(
            collaboration=demo.collaboration,
            email="nieuw@debilt.example",
            full_name="Nina Nieuw",
            kind=RoleKind.OFFICIAL,
            partner=demo.de_bilt,
            by=demo.facilitator,
        )
    link = mail.outbox[-1].body.split("/uitnodiging/")[1].split()[0]
    visit.goto(reverse("accounts:accept_invitation", args=[link]))
    visit.assert_accessible()
    visit.page.get_by_label("Kies een wachtwoord").fill("een-lang-wachtwoord-2026")
    visit.page.get_by_role("button", name="Uitnodiging aannemen").click()
    visit.page.wait_for_url(f"**/samenwerkingen/{demo.collaboration.pk}")
    visit.assert_accessible()
    visit.goto(reverse("accounts:accept_invitation", args=["verlopen-of-onbekend"]))
    visit.assert_accessible()


def test_the_skip_link_is_the_first_thing_a_keyboard_reaches(visit, demo):
    visit.login_as(demo.zeist_beleidsmedewerker)
    visit.goto(reverse("collaborations:mine"))
    visit.page.keyboard.press("Tab")
    focused = visit.page.evaluate("document.activeElement.textContent")
    assert "Naar de inhoud" in focused


def test_the_facilitator_records_a_partner_leaving_by_keyboard(visit, demo):
    visit.login_as(demo.facilitator)
    visit.goto(reverse("collaborations:detail", args=[demo.collaboration.pk]))
    visit.page.get_by_role("link", name="Toetreden of uittreden vastleggen").click()
    visit.page.wait_for_url("**/partners")
    visit.assert_accessible()
    leave = visit.page.get_by_role("form", name="Een partner treedt uit")
    leave.get_by_label("Partner").select_option(label="De Bilt")
    leave.get_by_label("Reden", exact=True).fill("Raadsbesluit tot uittreding")
    visit.page.get_by_role("button", name="Uittreden vastleggen").click()  # no date: refused
    assert leave.get_by_label("Uitgetreden op").get_attribute("aria-invalid") == "true"
    visit.assert_accessible()

    from django.utils import timezone

    leave.get_by_label("Uitgetreden op").fill(timezone.localdate().isoformat())
    leave.get_by_label("Reden", exact=True).press("Enter")
    visit.page.wait_for_url(f"**{reverse('collaborations:detail', args=[demo.collaboration.pk])}")
    assert "Voormalige partners" in visit.page.content()
    visit.assert_accessible()
