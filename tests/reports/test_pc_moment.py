"""A raadsbrief belongs to a moment of its regeling's P&C planning, and both pages show the link."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from samen.audit.models import AuditEvent
from samen.council import services as council
from samen.reports import services
from samen.reports.models import CouncilDigest, MomentKind
from tests.health import builders as b

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 16)


def compose(demo, **extra) -> CouncilDigest:
    with time_machine.travel(b.at(DAY), tick=False):
        return services.create_digest(
            collaboration=demo.collaboration,
            by=demo.facilitator,
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 3, 15),
            **extra,
        )


def publish(demo, digest: CouncilDigest) -> None:
    services.submit_digest(digest=digest, by=demo.facilitator)
    for partner, executive in [
        (demo.utrecht, demo.utrecht_wethouder),
        (demo.zeist, demo.zeist_wethouder),
        (demo.de_bilt, demo.de_bilt_wethouder),
    ]:
        services.approve_digest(digest=digest, partner=partner, by=executive)
    services.publish_digest(digest=digest, by=demo.facilitator)


def calendar_row(page, ref: str) -> str:
    text = page.content.decode()
    start = text.index(f'id="moment-{ref}"')
    return text[start : text.index("</tr>", start)]


def test_a_new_raadsbrief_belongs_to_the_next_moment_of_its_regeling(demo):
    digest = compose(demo)
    # On 16 March 2026 the next Wgr moment is the kaderbrief, before 15 April (art. 34b).
    assert (digest.pc_year, digest.pc_moment) == (2026, "kaderbrief")
    event = AuditEvent.objects.get(action="reports.digest_created", object_id=str(digest.pk))
    assert event.after["pc_moment"] == "2026:kaderbrief"


def test_a_raadsbrief_for_a_planned_digest_moment_belongs_to_the_first_pc_moment_after_it(demo):
    moment = services.plan_moment(
        collaboration=demo.collaboration,
        by=demo.facilitator,
        kind=MomentKind.ANNUAL_ACCOUNTS,
        year=2026,
        title="",
        due_on=datetime.date(2026, 6, 1),
        period_start=datetime.date(2026, 3, 16),
        period_end=datetime.date(2026, 5, 31),
    )
    digest = compose(demo, moment=moment)
    assert digest.pc_value == "2026:jaarrekening"  # the accounts go to gedeputeerde staten before 15 July


def test_the_facilitator_chooses_another_moment_or_none_when_composing(demo, client_for):
    url = reverse("reports:digests", args=[demo.collaboration.pk])
    form = {"period_start": "2026-01-01", "period_end": "2026-03-15", "title": "Voor de begroting"}
    facilitator = client_for(demo.facilitator)
    with time_machine.travel(b.at(DAY), tick=False):
        page = facilitator.get(url)
        assert 'value="2026:kaderbrief" selected' in page.content.decode()
        facilitator.post(url, {**form, "pc_moment": "2026:ontwerpbegroting"})
        facilitator.post(url, {**form, "title": "Zonder moment", "pc_moment": ""})
    assert CouncilDigest.objects.get(title="Voor de begroting").pc_value == "2026:ontwerpbegroting"
    assert CouncilDigest.objects.get(title="Zonder moment").pc_value == ""


def test_a_moment_that_is_not_in_the_planning_is_refused_and_nothing_is_saved(demo):
    for value in ["2026:bestaat-niet", "zomaar", "1900:kaderbrief"]:
        with pytest.raises(ValidationError, match="staat niet in de P&C-planning"):
            compose(demo, pc_moment=value)
    assert not CouncilDigest.objects.exists()
    assert not AuditEvent.objects.filter(action="reports.digest_created").exists()


def test_a_raadsbrief_can_belong_to_a_moment_the_regeling_adds_itself(demo):
    own = council.add_own_moment(
        collaboration=demo.collaboration, by=demo.facilitator, title="Voorjaarsnota", due_on=datetime.date(2026, 5, 20)
    )
    digest = compose(demo, pc_moment=f"2026:eigen-{own.pk}")
    assert digest.pc_moment == f"eigen-{own.pk}"


def test_the_raadsbrief_page_links_to_its_moment_in_the_calendar(demo, client_for):
    digest = compose(demo)
    page = client_for(demo.facilitator).get(reverse("reports:digest", args=[demo.collaboration.pk, digest.pk]))
    calendar = reverse("council:cycle", args=[demo.collaboration.pk]) + "?jaar=2026#moment-kaderbrief"
    text = page.content.decode()
    assert f'href="{calendar}">Kaderbrief naar de raden</a>' in text
    assert "uiterlijk 14 april 2026, P&C-planning 2026" in text


def test_the_calendar_shows_the_raadsbrief_at_its_moment_and_readers_only_once_published(demo, client_for):
    digest = compose(demo)
    url = reverse("council:cycle", args=[demo.collaboration.pk]) + "?jaar=2026"
    link = reverse("reports:digest", args=[demo.collaboration.pk, digest.pk])
    page = client_for(demo.facilitator).get(url)
    assert "P&C-planning 2026" in page.content.decode()  # a year, not a number with a thousands dot
    assert link in calendar_row(page, "kaderbrief")
    assert link not in calendar_row(client_for(demo.facilitator).get(url), "voorlopige_jaarrekening")
    reader = client_for(demo.raadslid)
    assert link not in reader.get(url).content.decode()  # a draft stays with the people who write it
    publish(demo, digest)
    assert link in calendar_row(reader.get(url), "kaderbrief")


def test_the_moment_of_a_draft_can_be_changed_and_that_is_audited(demo, client_for):
    digest = compose(demo)
    url = reverse("reports:pc_moment", args=[demo.collaboration.pk, digest.pk])
    with time_machine.travel(b.at(DAY), tick=False):
        client_for(demo.facilitator).post(url, {"pc_moment": "2026:begroting"})
    digest.refresh_from_db()
    assert digest.pc_value == "2026:begroting"
    event = AuditEvent.objects.get(action="reports.digest_pc_moment_linked")
    assert (event.before, event.after) == ({"pc_moment": "2026:kaderbrief"}, {"pc_moment": "2026:begroting"})


def test_only_writers_change_the_moment_and_never_of_a_published_raadsbrief(demo):
    digest = compose(demo)
    with pytest.raises(PermissionDenied):
        services.link_pc_moment(digest=digest, by=demo.raadslid, pc_moment="2026:begroting")
    publish(demo, digest)
    with pytest.raises(PermissionDenied):
        services.link_pc_moment(digest=digest, by=demo.facilitator, pc_moment="2026:begroting")
    digest.refresh_from_db()
    assert digest.pc_value == "2026:kaderbrief"
