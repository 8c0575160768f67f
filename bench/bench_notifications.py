"""Weekly digests at national scale: 5,000 people with 100,000 waiting events (target: at most 60 s).

Events are created through ``notify`` (not timed). Timed: the cron command
``send_digests --period weekly`` (assembling one mail per person) plus the task worker sending
every digest, in this process, with the locmem mail backend.
"""

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
    collaborations = list(Collaboration.objects.order_by("id")[:200]) or [None]
    kinds = [kind for kind in Kind.values if kind != Kind.OTHER]
    per_call = 100
    soon = timezone.now() + datetime.timedelta(days=10)
    for n in range(EVENTS // per_call):
        start = rng.randrange(0, PEOPLE - per_call)
        calendar = {"start": soon + datetime.timedelta(hours=n % 200), "summary": "Check-in"} if n % 10 == 0 else None
        notify(
            kind=rng.choice(kinds),
            recipients=people[start : start + per_call],
            subject=f"Er is iets voor u in de samenwerking (nummer {n})",
            body="Een partner vraagt om uw reactie. Lees het voorstel en geef uw advies of besluit. " * 2,
            url=f"/samenwerkingen/{n}",
            collaboration=rng.choice(collaborations),
            addressed=False,
            calendar=calendar,
        )


def _run_worker() -> int:
    from django_tasks_db.management.commands.db_worker import Worker

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
    # People without a waiting event get no digest; count who should get one.
    expected = Event.objects.filter(recipient__email__endswith=DOMAIN).values("recipient_id").distinct().count()

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
    assert not Mail.objects.exclude(status=MailStatus.SENT).filter(recipient__email__endswith=DOMAIN).exists()
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
        "weekly_digest_target_s": 60,
        "data_generation_s": round(generated, 2),
    }
    print(f"weekly digests for {PEOPLE} people, {events} events: {total:.1f} s, {cpu:.1f} s CPU ({sent} mails)")
    mail.outbox = []
    _clean_up()
    return figures
