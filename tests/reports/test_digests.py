"""The council digest: composed from the areas, approved per partner, then published to readers; P&C reminders."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from samen.audit.models import AuditEvent
from samen.health.models import PublishedHealth
from samen.reports import services
from samen.reports.models import CouncilDigest, DigestApproval, DigestMoment, DigestStatus
from tests.documents import download
from tests.health import builders as b

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 16)


def assert_accessible_pdf(content: bytes, title: str) -> None:
    """Tagged (PDF/UA-1), in Dutch, with the digest's title and its text extractable."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert str(root["/Lang"]).startswith("nl")
    assert reader.metadata.title == title
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Wat is besloten" in text
    assert "Hoe gezond is de samenwerking" in text


def make_digest(demo, **extra) -> CouncilDigest:
    with time_machine.travel(b.at(DAY), tick=False):
        return services.create_digest(
            collaboration=demo.collaboration,
            by=demo.facilitator,
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 3, 15),
            **extra,
        )


def events(kind: str) -> int:
    from samen.notifications.models import Event

    return Event.objects.filter(kind=kind).count()


def test_a_digest_tells_what_was_decided_intended_and_celebrated_in_plain_words(demo, client_for):
    with time_machine.travel(b.at(datetime.date(2026, 2, 2)), tick=False):
        goal = b.goal(demo.collaboration, demo.facilitator, demo.utrecht, "Vergunningen binnen acht weken")
        b.result(goal, demo.utrecht, demo.utrecht_beleidsmedewerker, due_on=datetime.date(2026, 12, 31), target=90)
        b.success(demo.collaboration, demo.facilitator, [demo.zeist], title="Eerste gezamenlijke controle", public=True)
        b.success(demo.collaboration, demo.facilitator, [demo.zeist], title="Intern feestje", public=False)
        b.signal(demo.collaboration, demo.zeist_beleidsmedewerker, demo.zeist, subject="Kosten ICT hoger")
        b.deviation(
            demo.collaboration,
            demo.de_bilt,
            b.article(demo.collaboration, demo.facilitator),
            demo.de_bilt_beleidsmedewerker,
        )
    digest = make_digest(demo)
    assert digest.status == DigestStatus.DRAFT
    assert digest.title == "Raadsbrief Regionale Uitvoeringsdienst Utrecht-Oost (test), 01-01-2026 – 15-03-2026"
    page = client_for(demo.facilitator).get(reverse("reports:digest", args=[demo.collaboration.pk, digest.pk]))
    text = page.content.decode()
    assert "Nieuw doel vastgesteld op 2 februari 2026: <strong>Vergunningen binnen acht weken</strong>." in text
    assert "vóór 31 december 2026" in text
    assert "Eerste gezamenlijke controle" in text
    assert "Intern feestje" not in text  # public successes only
    assert "Kostensignaal van Zeist (2 februari 2026): Kosten ICT hoger." in text
    assert "De Bilt wijkt vanaf 2 februari 2026 af van artikel 5 Bijdragen." in text
    assert "Hoe gezond is de samenwerking" in text
    assert AuditEvent.objects.filter(action="reports.digest_created").count() == 1


def test_a_digest_period_that_ends_before_it_starts_is_refused_and_nothing_is_saved(demo, client_for):
    with pytest.raises(ValidationError) as refused:
        services.create_digest(
            collaboration=demo.collaboration,
            by=demo.facilitator,
            period_start=datetime.date(2026, 3, 1),
            period_end=datetime.date(2026, 2, 1),
        )
    assert "De periode eindigt (01-02-2026) vóór zij begint (01-03-2026)" in refused.value.messages[0]
    response = client_for(demo.facilitator).post(
        reverse("reports:digests", args=[demo.collaboration.pk]),
        {"period_start": "2026-03-01", "period_end": "2026-02-01"},
    )
    assert response.status_code == 400
    assert "vóór zij begint" in response.content.decode()
    assert not CouncilDigest.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="reports.").exists()


def test_a_moment_period_that_ends_before_it_starts_is_refused(demo):
    with pytest.raises(ValidationError, match="vóór zij begint"):
        services.plan_moment(
            collaboration=demo.collaboration,
            by=demo.facilitator,
            kind="overig",
            year=2026,
            due_on=datetime.date(2026, 5, 1),
            period_start=datetime.date(2026, 4, 1),
            period_end=datetime.date(2026, 3, 1),
        )
    assert not DigestMoment.objects.exists()


def test_only_contacts_draft_a_digest(demo):
    with pytest.raises(PermissionDenied):
        services.create_digest(collaboration=demo.collaboration, by=demo.raadslid, period_start=DAY, period_end=DAY)
    assert not CouncilDigest.objects.exists()


def test_every_partner_approves_before_the_digest_is_published_to_readers(demo, client_for):
    digest = make_digest(demo)
    url = reverse("reports:digest", args=[demo.collaboration.pk, digest.pk])
    assert client_for(demo.raadslid).get(url).status_code == 404  # readers never see drafts
    services.submit_digest(digest=digest, by=demo.facilitator)
    assert events("digest_approval") in (3, -1)
    services.approve_digest(digest=digest, partner=demo.utrecht, by=demo.utrecht_wethouder)
    services.approve_digest(digest=digest, partner=demo.utrecht, by=demo.utrecht_wethouder)  # twice: no change
    with pytest.raises(PermissionDenied, match="Alleen de bestuurlijk contactpersoon van Zeist"):
        services.approve_digest(digest=digest, partner=demo.zeist, by=demo.zeist_beleidsmedewerker)
    services.approve_digest(digest=digest, partner=demo.zeist, by=demo.zeist_wethouder)
    with pytest.raises(ValidationError, match=r"Nog niet goedgekeurd door De Bilt\. Er is niets gepubliceerd\."):
        services.publish_digest(digest=digest, by=demo.facilitator)
    assert digest.status == DigestStatus.AWAITING
    assert not PublishedHealth.objects.exists()

    services.approve_digest(digest=digest, partner=demo.de_bilt, by=demo.de_bilt_wethouder)
    services.publish_digest(digest=digest, by=demo.facilitator)
    digest.refresh_from_db()
    assert digest.status == DigestStatus.PUBLISHED
    assert DigestApproval.objects.filter(digest=digest).count() == 3
    assert PublishedHealth.objects.get().source == digest.title
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"reports.digest_submitted", "reports.digest_approved", "reports.digest_published", "health.published"} <= (
        actions
    )
    reader = client_for(demo.raadslid)
    assert reader.get(url).status_code == 200
    pdf, content = download(reader, reverse("reports:pdf", args=[demo.collaboration.pk, digest.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert_accessible_pdf(content, digest.title)


def test_changing_an_approved_digest_asks_for_approval_again(demo):
    digest = make_digest(demo)
    services.submit_digest(digest=digest, by=demo.facilitator)
    services.approve_digest(digest=digest, partner=demo.utrecht, by=demo.utrecht_wethouder)
    services.update_digest(
        digest=digest,
        by=demo.zeist_beleidsmedewerker,
        expected_version=digest.version,
        title="Raadsbrief voorjaar",
        summary="Het gaat goed met de vergunningen.",
    )
    digest.refresh_from_db()
    assert digest.status == DigestStatus.DRAFT
    assert not digest.approvals.exists()
    assert digest.summary == "Het gaat goed met de vergunningen."


def test_a_concurrent_edit_of_a_digest_keeps_the_first_and_tells_the_second(demo):
    digest = make_digest(demo)
    version = digest.version
    services.update_digest(digest=digest, by=demo.facilitator, expected_version=version, title="A", summary="")
    with pytest.raises(ValidationError, match="Iemand anders heeft dit intussen opgeslagen"):
        services.update_digest(digest=digest, by=demo.facilitator, expected_version=version, title="B", summary="")
    digest.refresh_from_db()
    assert digest.title == "A"


def test_a_published_digest_never_changes(demo):
    digest = make_digest(demo)
    services.submit_digest(digest=digest, by=demo.facilitator)
    for partner, person in (
        (demo.utrecht, demo.utrecht_wethouder),
        (demo.zeist, demo.zeist_wethouder),
        (demo.de_bilt, demo.de_bilt_wethouder),
    ):
        services.approve_digest(digest=digest, partner=partner, by=person)
    services.publish_digest(digest=digest, by=demo.utrecht_wethouder)
    with pytest.raises(ValidationError, match="verandert niet meer"):
        services.update_digest(
            digest=digest, by=demo.facilitator, expected_version=digest.version, title="X", summary=""
        )
    with pytest.raises(ValidationError, match="al gepubliceerd"):
        services.publish_digest(digest=digest, by=demo.facilitator)


def test_a_digest_cannot_be_submitted_when_no_partner_has_a_bestuurlijk_contact(demo):
    from samen.collaborations.models import Role

    Role.objects.filter(kind="bestuurlijk").delete()
    digest = make_digest(demo)
    with pytest.raises(ValidationError, match="Geen van de partners heeft een bestuurlijk contact"):
        services.submit_digest(digest=digest, by=demo.facilitator)
    digest.refresh_from_db()
    assert digest.status == DigestStatus.DRAFT


def test_the_pc_cycle_plans_three_moments_and_reminders_go_out_once_per_stage(demo):
    moments = services.plan_cycle(collaboration=demo.collaboration, by=demo.facilitator, year=2027)
    assert [(m.kind, m.due_on) for m in moments] == [
        ("kadernota", datetime.date(2027, 1, 31)),
        ("ontwerpbegroting", datetime.date(2027, 4, 1)),
        ("jaarrekening", datetime.date(2027, 6, 1)),
    ]
    assert services.plan_cycle(collaboration=demo.collaboration, by=demo.facilitator, year=2027) == []
    with pytest.raises(PermissionDenied):
        services.plan_cycle(collaboration=demo.collaboration, by=demo.zeist_wethouder, year=2028)

    assert services.send_reminders(datetime.date(2026, 12, 1)) == {"moments": 0, "approvals": 0}
    assert services.send_reminders(datetime.date(2027, 1, 5)) == {"moments": 1, "approvals": 0}
    assert services.send_reminders(datetime.date(2027, 1, 6)) == {"moments": 0, "approvals": 0}
    assert services.send_reminders(datetime.date(2027, 1, 25)) == {"moments": 1, "approvals": 0}
    kadernota = DigestMoment.objects.get(kind="kadernota")
    assert kadernota.reminders_sent == ["28", "7"]
    assert events("pc_reminder") in (2 * 4, -1)  # the facilitator and three ambtelijk contacts, twice


def test_bestuurlijk_contacts_are_reminded_a_week_after_submission_once(demo):
    digest = make_digest(demo)
    with time_machine.travel(b.at(DAY), tick=False):
        services.submit_digest(digest=digest, by=demo.facilitator)
        services.approve_digest(digest=digest, partner=demo.utrecht, by=demo.utrecht_wethouder)
    with time_machine.travel(b.at(DAY + datetime.timedelta(days=8)), tick=False):
        assert services.send_reminders()["approvals"] == 1
        assert services.send_reminders()["approvals"] == 0


def test_the_reminder_command_runs_from_cron(demo):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("send_digest_reminders", stdout=out)
    assert "herinneringen voor P&C-momenten" in out.getvalue()
