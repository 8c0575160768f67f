"""Mail backends for tests that stop or kill the worker in the middle of a batch."""

from typing import Any, ClassVar

from django.core.mail.backends.smtp import EmailBackend


class WorkerKilled(BaseException):
    """What a SIGKILL looks like from inside: nothing in the worker gets to clean up."""


class StopsAfter(EmailBackend):
    """The real SMTP backend, until ``stop_after`` messages went out in this run; then the worker stops.

    ``how="interrupt"`` is Ctrl+C / SIGINT arriving during the next send (KeyboardInterrupt);
    ``how="kill"`` is the process dying on the spot.
    """

    sent: ClassVar[int] = 0

    def __init__(self, *, stop_after: int, how: str = "interrupt", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.stop_after = stop_after
        self.how = how

    def send_messages(self, email_messages: Any) -> int:
        if StopsAfter.sent >= self.stop_after:
            raise KeyboardInterrupt if self.how == "interrupt" else WorkerKilled()
        count = super().send_messages(email_messages)
        StopsAfter.sent += count
        return count
