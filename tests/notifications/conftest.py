"""A real SMTP server on 127.0.0.1 for the notification tests, and an in-process task worker."""

import email
import email.policy
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker


@dataclass
class SmtpInbox:
    """What the local SMTP server received. ``reject_next`` makes it refuse that many messages."""

    messages: list[EmailMessage] = field(default_factory=list)
    raw: list[bytes] = field(default_factory=list)
    reject_next: int = 0
    rejected: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            if self.reject_next > 0:
                self.reject_next -= 1
                self.rejected += 1
                return "451 4.3.0 Tijdelijke storing, probeer het later opnieuw"
            message = email.message_from_bytes(envelope.content, policy=email.policy.default)
            self.messages.append(message)  # type: ignore[arg-type]
            self.raw.append(envelope.original_content)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]

    def message_ids(self) -> list[str]:
        return [m["Message-ID"] for m in self.messages]

    @staticmethod
    def text(message: EmailMessage) -> str:
        part = message.get_body(preferencelist=("plain",))
        assert part is not None
        return part.get_content()

    @staticmethod
    def calendar(message: EmailMessage) -> bytes | None:
        for part in message.iter_attachments():
            if part.get_content_type() == "text/calendar":
                return part.get_payload(decode=True)
        return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings: Any) -> Iterator[SmtpInbox]:
    """A real SMTP server (aiosmtpd) on a free local port; MAILERS points Django at it."""
    inbox = SmtpInbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "use_tls": False, "timeout": 5},
        }
    }
    try:
        yield inbox
    finally:
        controller.stop()


def run_worker(max_tasks: int | None = None) -> int:
    """Run django_tasks_db's own worker in this thread until the queue is empty (or ``max_tasks``).

    Returns how many tasks it ran. Stopping after ``max_tasks`` is how a test stops the worker
    between tasks; starting it again is another call.
    """
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=max_tasks,
        worker_id=get_random_string(16),
        excluded_queue_names=[],
    )
    worker.run()
    return worker._run_tasks
