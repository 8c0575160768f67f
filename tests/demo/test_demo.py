"""``manage.py demo``: four real register GRs as living workspaces, with years of history and personas."""

import datetime
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samen.accounts.models import Person
from samen.audit.models import AuditEvent
from samen.collaborations.models import Collaboration, Role, RoleKind
from samen.demo.history import HISTORY_BUILT, SCENARIOS
from samen.demo.people import DEMO_PASSWORD, DEMO_ROO_IDS, DEMO_TOTP_SECRET, GGD, ODRU, PERSONAS, RDWI, URL, VRU
from samen.health.cracks import cracks_for
from samen.health.pages import live_health
from tests.demo.conftest import DemoRun

pytestmark = pytest.mark.django_db


def collaboration(roo_id: str) -> Collaboration:
    return Collaboration.objects.get(roo_id=roo_id)


def test_demo_activates_four_real_register_regelingen_in_different_domains(demo_run: DemoRun) -> None:
    assert Collaboration.objects.filter(roo_id__isnull=False).count() == 451
    for roo_id in DEMO_ROO_IDS:
        found = collaboration(roo_id)
        assert found.workspace_active
        assert found.name in demo_run.first or (found.short_name or "") in demo_run.first
        assert Role.objects.filter(collaboration=found, kind=RoleKind.FACILITATOR, person__organisation=found.body)
        # every current partner can act: an ambtelijk and a bestuurlijk contact each
        partners = set(found.partners.current().values_list("pk", flat=True))
        for kind in (RoleKind.OFFICIAL, RoleKind.EXECUTIVE):
            assert (
                set(Role.objects.filter(collaboration=found, kind=kind).values_list("partner", flat=True)) == partners
            )


def test_the_personas_act_in_every_demo_collaboration_of_their_municipality(demo_run: DemoRun) -> None:
    zeist = Person.objects.get(email="ambtelijk@zeist.example")
    assert set(Role.objects.filter(person=zeist).values_list("collaboration__roo_id", flat=True)) == set(DEMO_ROO_IDS)
    utrecht = Person.objects.get(email="bestuurlijk@utrecht.example")
    assert set(Role.objects.filter(person=utrecht).values_list("collaboration__roo_id", flat=True)) == {VRU, GGD}
    reader = Person.objects.get(email="raadslid@utrecht.example")
    assert set(
        Role.objects.filter(person=reader, kind=RoleKind.READER).values_list("collaboration__roo_id", flat=True)
    ) == {
        VRU,
        GGD,
    }


def test_the_logins_are_printed(demo_run: DemoRun) -> None:
    for persona in PERSONAS:
        assert persona.email in demo_run.first
    assert DEMO_PASSWORD in demo_run.first
    assert DEMO_TOTP_SECRET in demo_run.first
    assert URL in demo_run.first


def test_a_second_run_changes_nothing(demo_run: DemoRun) -> None:
    assert "niets gewijzigd" in demo_run.second
    assert demo_run.counts_after_second == demo_run.counts_after_first
    assert demo_run.counts_after_first["audit.AuditEvent"] > 1000
    assert Authenticator.objects.filter(user__email__startswith="facilitator@").count() == 4


def test_the_history_is_written_through_the_services_of_every_area(demo_run: DemoRun) -> None:
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    for area, prefixes in {
        "interests": ("interests.pledged", "interests.declaration_shared", "interests.go_decision"),
        "goals": ("goal.adopted", "goal.amendment_proposed", "goal.progress_recorded", "goal.accountability_replied"),
        "successes": ("success.recorded", "success.spotlight_given", "success.prompt_created"),
        "experiences": ("agreement.imported", "interpretation.recorded", "signal.raised", "deviation.announced",
                        "checkin.answered"),
        "reports": ("reports.digest_approved", "reports.digest_published"),
    }.items():  # fmt: skip
        missing = [action for action in prefixes if action not in actions]
        assert not missing, f"{area}: {missing}"


def test_the_history_lies_in_the_past_and_spans_three_years(demo_run: DemoRun) -> None:
    found = collaboration(VRU)
    moments = AuditEvent.objects.filter(collaboration=found).exclude(action=HISTORY_BUILT).values_list("at", flat=True)
    assert max(moments) <= timezone.now()
    assert min(moments) <= timezone.now() - datetime.timedelta(days=365 * 3 - 10)
    starting = AuditEvent.objects.filter(collaboration=collaboration(RDWI), action="collaboration.activated").get()
    assert starting.at >= timezone.now() - datetime.timedelta(days=120)


def test_three_collaborations_have_a_score_in_all_five_areas_and_the_radar_finds_a_crack(demo_run: DemoRun) -> None:
    scored = 0
    for roo_id in (VRU, GGD, ODRU):
        health = live_health(collaboration(roo_id).pk)
        assert len(health.indicators) == 5
        scored += all(indicator.score is not None for indicator in health.indicators)
    assert scored == 3
    cracked = {crack.key.split(":")[0] for crack in cracks_for(live_health(collaboration(VRU).pk))}
    assert {"relatie", "kosten", "afwijking"} <= cracked


def test_the_collaborations_differ_one_healthy_one_cracking_one_starting(demo_run: DemoRun) -> None:
    healthy = live_health(collaboration(GGD).pk)
    cracking = live_health(collaboration(VRU).pk)
    assert cracks_for(healthy) == []
    assert sum(i.score or 0 for i in healthy.indicators) > sum(i.score or 0 for i in cracking.indicators) + 50
    profiles = {scenario.roo_id: scenario.profile for scenario in SCENARIOS}
    assert profiles[RDWI] == "start"
    assert not collaboration(RDWI).goals.filter(adopted_at__isnull=False).exists()


def test_closed_checkins_have_three_respondents_for_some_partners_and_fewer_for_others(demo_run: DemoRun) -> None:
    from django.db.models import Count

    from samen.experiences.models import CheckIn, CheckInResponse

    found = collaboration(GGD)
    closed = [c for c in CheckIn.objects.filter(collaboration=found) if c.is_closed]
    assert len(closed) >= 3
    per_partner = (
        CheckInResponse.objects.filter(checkin=closed[-1])
        .values("partner")
        .annotate(n=Count("id"))
        .values_list("n", flat=True)
    )
    assert max(per_partner) >= 3
    assert min(per_partner) < 3


def _open_work(role: Role, person: Person, today: datetime.date) -> list[str]:
    """What ``person`` has open to do in the collaboration of ``role``."""
    from samen.experiences.models import CheckInParticipation, Signal
    from samen.goals.models import ConsentRound, Decision
    from samen.interests.models import Declaration, HonestyRound
    from samen.reports.models import CouncilDigest, DigestApproval
    from samen.successes.models import CelebrationPrompt

    c, partner = role.collaboration, role.partner
    todo: list[str] = []
    if role.kind == RoleKind.FACILITATOR:
        todo += [f"prompt {p}" for p in CelebrationPrompt.objects.open().filter(collaboration=c)]
        todo += [f"signal {s}" for s in Signal.objects.filter(collaboration=c, addressee="facilitator")
                 .awaiting_reply()]  # fmt: skip
    if role.kind == RoleKind.EXECUTIVE:
        for consent_round in ConsentRound.objects.filter(goal__collaboration=c):
            if consent_round.is_open and not Decision.objects.filter(round=consent_round, partner=partner):
                todo.append(f"decide {consent_round}")
        for digest in CouncilDigest.objects.filter(collaboration=c, status="ter_goedkeuring"):
            if not DigestApproval.objects.filter(digest=digest, partner=partner).exists():
                todo.append(f"approve {digest}")
    if role.kind == RoleKind.OFFICIAL:
        for checkin in c.checkins.all():
            if checkin.is_open and not CheckInParticipation.objects.filter(checkin=checkin, person=person):
                todo.append(f"answer {checkin}")
        for honesty_round in HonestyRound.objects.filter(collaboration=c, closed_at__isnull=True):
            if not Declaration.objects.filter(round=honesty_round, partner=partner).exists():
                todo.append(f"declare {honesty_round}")
    if role.kind in (RoleKind.OFFICIAL, RoleKind.EXECUTIVE):
        todo += [f"signal {s}" for s in Signal.objects.filter(collaboration=c, addressee_partner=partner)
                 .awaiting_reply()]  # fmt: skip
    if role.kind == RoleKind.READER:
        recent = today - datetime.timedelta(days=250)
        todo += [f"read {d}" for d in CouncilDigest.objects.filter(collaboration=c, published_at__date__gte=recent)]
    return todo


def test_every_persona_has_something_open_to_do(demo_run: DemoRun) -> None:
    today = timezone.localdate()
    for persona in PERSONAS:
        person = Person.objects.get(email=persona.email)
        roles = list(Role.objects.filter(person=person).select_related("collaboration", "partner"))
        todo = [item for role in roles for item in _open_work(role, person, today)]
        assert todo, f"{persona.email} has nothing to do"


def test_the_printed_logins_work_including_the_facilitators_second_step(demo_run: DemoRun) -> None:
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
    assert facilitator.get(reverse("collaborations:people", args=[collaboration(VRU).pk])).status_code == 200


def test_the_benchmarks_national_data_set_comes_from_the_same_generator(demo_run: DemoRun) -> None:
    from bench.bench_health import generate

    world = generate(limit=3)

    assert len(world.collaborations) == 3
    for found in world.collaborations:
        found.refresh_from_db()
        assert found.workspace_active
        assert Role.objects.filter(collaboration=found, person=world.facilitator, kind=RoleKind.FACILITATOR).exists()
        actions = set(AuditEvent.objects.filter(collaboration=found).values_list("action", flat=True))
        assert {"goal.progress_recorded", "interests.pledged", "checkin.answered", "success.recorded"} <= actions
        for partner_id, organisation_id in world.partners[found.pk]:
            official, executive = world.contacts[organisation_id]
            assert Role.objects.filter(person=official, partner_id=partner_id, kind=RoleKind.OFFICIAL).exists()
            assert Role.objects.filter(person=executive, partner_id=partner_id, kind=RoleKind.EXECUTIVE).exists()
    assert world.rows > 0


def test_the_demo_shows_a_full_year_of_the_pc_cycle_for_its_regelingen(demo_run: DemoRun) -> None:
    from samen.council.models import Document, KeyFigures, OwnMoment, Zienswijze
    from samen.reports.models import CouncilDigest

    today = timezone.localdate()
    for roo_id in (VRU, GGD, ODRU):
        found = collaboration(roo_id)
        last_year = Document.objects.filter(collaboration=found, year=today.year - 1)
        assert set(last_year.values_list("kind", flat=True)) == {
            "kaderbrief", "voorlopige_jaarrekening", "ontwerpbegroting", "jaarstukken", "begrotingswijziging"
        }  # fmt: skip
        partners = found.partners.current().count()
        said = Zienswijze.objects.filter(document__in=last_year, adopted_at__isnull=False)
        assert said.count() == 2 * partners  # every council on the draft budget and on the amendment
        assert not said.filter(response="").exists()  # and the GR body answered every one
        assert KeyFigures.objects.filter(collaboration=found, year=today.year - 1).count() == 2
        assert Document.objects.filter(collaboration=found, year=today.year, sent_on__lte=today).exists()
        assert OwnMoment.objects.filter(collaboration=found, due_on__year=today.year).count() == 1
        digests = CouncilDigest.objects.filter(collaboration=found)
        assert digests.exists()
        assert not digests.filter(pc_moment="").exists()  # every raadsbrief belongs to a P&C moment
    assert Document.objects.filter(collaboration=collaboration(RDWI), year=today.year).exists()
    assert not Document.objects.filter(collaboration=collaboration(RDWI), year=today.year - 1).exists()
    assert AuditEvent.objects.filter(action="council.zienswijze_adopted").exists()


def test_no_mail_of_the_history_waits_to_be_sent(demo_run: DemoRun) -> None:
    from samen.notifications.models import DIGEST_CADENCES, Event, Mail, MailStatus

    start_of_today = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time.min))
    assert Event.objects.count() > 1000  # the history told people what happened, as real use would
    assert not Mail.objects.filter(status=MailStatus.PENDING, created_at__lt=start_of_today).exists()
    assert not Mail.objects.filter(status=MailStatus.SENT).exists()  # nobody was mailed about the past
    waiting = Event.objects.filter(mail__isnull=True, cadence__in=DIGEST_CADENCES, created_at__lt=start_of_today)
    assert not waiting.exists()  # so the first weekly digest holds only what happens from now on
    withheld = Mail.objects.filter(status=MailStatus.CANCELLED).order_by().values_list("last_error", flat=True)
    assert set(withheld) == {"Niet verstuurd: deze melding hoort bij de geschiedenis van de demo."}


def test_every_demo_login_has_a_handful_of_current_todos(demo_run: DemoRun) -> None:
    from samen.todo.compose import published_for, todo_for

    counts = {}
    for persona in PERSONAS:
        person = Person.objects.get(email=persona.email)
        if persona.kind == RoleKind.READER:  # a councillor reads; what was published is waiting for them
            assert published_for(person)
            continue
        counts[persona.email] = len(todo_for(person))
    assert all(1 <= n <= 8 for n in counts.values()), counts
    contacts = [n for email, n in counts.items() if not email.startswith("facilitator@")]
    assert all(n >= 3 for n in contacts), counts  # something to decide, fill in or approve, not one lone item
