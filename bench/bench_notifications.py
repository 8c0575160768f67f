"""Weekly digests at national scale: 5,000 people with 100,000 waiting events (target: at most 30 s).

Events are created through ``notify`` (not timed). Each person reads in the collaborations their
events are about (a role); one in fifty has since left one of them, and those events must stay
out of their digest. Timed: the cron command ``send_digests --period weekly`` (assembling one mail
per person) plus the task worker sending every digest, in this process, with the locmem mail backend.
"""

import logging
import random
import time
from typing import Any

from django.core import mail
from django.core.management import call_command
from django.test.utils import override_settings
from django.utils.crypto import get_random_string

PEOPLE = 5_000
EVENTS = 100_000
DOMAIN = "bench-meldingen.example"


def _people() -> list[Any]:
    from samen.accounts.models import Person

    Person.objects.bulk_create(
        [
            Person(
                email=f"persoon{n}@{DOMAIN}",
                full_name=f"Persoon {n}",
                language="en" if n % 10 == 0 else "nl",
                password="!",
            )
            for n in range(PEOPLE)
        ],
        batch_size=1000,
    )
    return list(Person.objects.filter(email__endswith=DOMAIN).only("id", "language", "is_active"))


def _events(people: list[Any]) -> None:
    import datetime

    from django.utils import timezone

    from samen.collaborations.models import Collaboration
    from samen.notifications.models import Kind
    from samen.notifications.services import notify

    rng = random.Random(9)
    collaborations = list(Collaboration.objects.filter(partners__isnull=False).distinct().order_by("id")[:200]) or [
        None
    ]
    kinds = [kind for kind in Kind.values if kind != Kind.OTHER]
    per_call = 100
    soon = timezone.now() + datetime.timedelta(days=10)
    for n in range(EVENTS // per_call):
        start = rng.randrange(0, PEOPLE - per_call)
        calendar = {"start": soon + datetime.timedelta(hours=n % 200), "summary": "Check-in"} if n % 10 == 0 else None
        collaboration = rng.choice(collaborations)
        if collaboration is not None:
            _readers(collaboration, people[start : start + per_call])
        notify(
            kind=rng.choice(kinds),
            recipients=people[start : start + per_call],
            subject=f"Er is iets voor u in de samenwerking (nummer {n})",
            body="Een partner vraagt om uw reactie. Lees het voorstel en geef uw advies of besluit. " * 2,
            url=f"/samenwerkingen/{n}",
            collaboration=collaboration,
            addressed=False,
            calendar=calendar,
        )


def _readers(collaboration: Any, people: list[Any]) -> None:
    from samen.collaborations.models import Role, RoleKind

    partner = collaboration.partners.order_by("id").first()
    Role.objects.bulk_create(
        [Role(person=p, collaboration=collaboration, partner=partner, kind=RoleKind.READER) for p in people],
        ignore_conflicts=True,
    )


def _some_leave(people: list[Any]) -> set[tuple[Any, Any]]:
    """One person in fifty leaves one of their collaborations; returns the (person, collaboration) pairs."""
    from samen.collaborations.models import Role

    left = set()
    for person in people[::50]:
        role = Role.objects.filter(person=person).order_by("id").first()
        if role is not None:
            left.add((person.pk, role.collaboration_id))
            role.delete()
    return left


def _run_worker() -> int:
    from django_tasks_db.management.commands.db_worker import Worker

    for name in ("django.tasks", "django_tasks_db"):  # a line per task is noise here
        logging.getLogger(name).setLevel(logging.WARNING)  # noqa: TID251 - quiets a library's own stdlib logger

    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=get_random_string(16),
        excluded_queue_names=[],
    )
    worker.run()
    return worker._run_tasks


def _clean_up() -> None:
    from django_tasks_db.models import DBTaskResult

    from samen.accounts.models import Person
    from samen.notifications.models import Event, Mail

    Event.objects.filter(recipient__email__endswith=DOMAIN).delete()
    Mail.objects.filter(recipient__email__endswith=DOMAIN).delete()
    DBTaskResult.objects.filter(task_path="samen.notifications.tasks.deliver_mails").delete()
    Person.objects.filter(email__endswith=DOMAIN).delete()


def run() -> dict[str, object]:
    from samen.notifications.models import Event, Mail, MailStatus

    started = time.perf_counter()
    people = _people()
    _events(people)
    generated = time.perf_counter() - started
    left = _some_leave(people)
    # People without a waiting event they may still see get no digest; count who should get one.
    visible = [
        (person_id, collaboration_id)
        for person_id, collaboration_id in Event.objects.filter(recipient__email__endswith=DOMAIN).values_list(
            "recipient_id", "collaboration_id"
        )
        if (person_id, collaboration_id) not in left
    ]
    expected = len({person_id for person_id, _c in visible})
    hidden = {
        (email, subject)
        for email, subject, person_id, collaboration_id in Event.objects.filter(
            recipient_id__in=[p for p, _c in left]
        ).values_list("recipient__email", "subject", "recipient_id", "collaboration_id")
        if (person_id, collaboration_id) in left
    }

    with override_settings(MAILERS={"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}):
        mail.outbox = []
        started = time.perf_counter()
        cpu_started = time.process_time()
        call_command("send_digests", period="weekly", stdout=open("/dev/null", "w"))  # noqa: SIM115
        assembled = time.perf_counter() - started
        tasks = _run_worker()
        total = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        sent = len(mail.outbox)

    assert sent == expected, (sent, expected)
    bodies = {m.to[0]: m.body for m in mail.outbox}
    leaked = sum(1 for to, subject in hidden if subject + "\n" in bodies.get(to, ""))
    assert not leaked, f"{leaked} events about a collaboration the person left were mailed"
    unsent = Mail.objects.exclude(status__in=[MailStatus.SENT, MailStatus.CANCELLED])
    assert not unsent.filter(recipient__email__endswith=DOMAIN).exists()
    events = Event.objects.filter(recipient__email__endswith=DOMAIN).count()
    figures: dict[str, object] = {
        "weekly_digest_people": PEOPLE,
        "weekly_digest_events": events,
        "weekly_digest_mails": sent,
        "weekly_digest_tasks": tasks,
        "weekly_digest_assemble_s": round(assembled, 2),
        "weekly_digest_send_s": round(total - assembled, 2),
        "weekly_digest_total_s": round(total, 2),
        "weekly_digest_cpu_s": round(cpu, 2),
        "weekly_digest_target_s": 30,
        "weekly_digest_people_who_left_one": len(left),
        "data_generation_s": round(generated, 2),
    }
    print(f"weekly digests for {PEOPLE} people, {events} events: {total:.1f} s, {cpu:.1f} s CPU ({sent} mails)")
    mail.outbox = []
    _clean_up()
    return figures
