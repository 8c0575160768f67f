"""Builders for the successes tests: goals data made directly, sample files, a recorded success."""

import datetime
import struct
import zlib
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from samen.goals.models import Commitment, CommitmentStatus, Goal, GoalVersion, Result, VersionStatus
from samen.successes import services


def png_bytes() -> bytes:
    """A real 1x1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def make_goal(demo: Any, title: str = "Snellere vergunningverlening", *, adopted: bool = True) -> Goal:
    goal = Goal.objects.create(collaboration=demo.collaboration, created_by=demo.utrecht_beleidsmedewerker)
    version = GoalVersion.objects.create(
        goal=goal,
        number=1,
        title=title,
        text="Binnen acht weken een besluit.",
        author=demo.utrecht_beleidsmedewerker,
        author_partner=demo.utrecht,
        status=VersionStatus.ADOPTED if adopted else VersionStatus.DRAFT,
    )
    goal.latest_version = version
    if adopted:
        goal.adopted_version, goal.adopted_at = version, timezone.now()
    goal.save()
    return goal


def make_result(demo: Any, goal: Goal, *, current: str | None = None, target: str = "90") -> Result:
    return Result.objects.create(
        goal=goal,
        indicator="Vergunningen binnen termijn",
        unit="procent",
        baseline=Decimal("60"),
        baseline_on=datetime.date(2025, 1, 1),
        target=Decimal(target),
        due_on=datetime.date(2027, 1, 1),
        owner_partner=demo.zeist,
        owner_person=demo.zeist_beleidsmedewerker,
        created_by=demo.facilitator,
        current_value=Decimal(current) if current is not None else None,
        current_on=timezone.localdate() if current is not None else None,
    )


def make_commitment(demo: Any, goal: Goal, *, status: str, due_on: datetime.date) -> Commitment:
    return Commitment.objects.create(
        goal=goal,
        partner=demo.de_bilt,
        what="Werkinstructie vergunningen opleveren",
        who=demo.de_bilt_beleidsmedewerker,
        due_on=due_on,
        status=status,
        created_by=demo.facilitator,
        done_on=due_on if status == CommitmentStatus.DONE else None,
    )


def record(demo: Any, **overrides: Any) -> Any:
    """A success recorded by Utrecht's beleidsmedewerker, with sensible defaults."""
    arguments: dict[str, Any] = {
        "collaboration": demo.collaboration,
        "by": demo.utrecht_beleidsmedewerker,
        "title": "Eerste gezamenlijke handhavingsactie",
        "story": "Drie gemeenten controleerden in één week alle horeca langs de N237.",
        "date": timezone.localdate() - datetime.timedelta(days=3),
        "partners": [demo.utrecht, demo.zeist],
        "people": [demo.zeist_beleidsmedewerker],
        "teams": "Team Handhaving De Bilt",
    }
    arguments.update(overrides)
    return services.record_success(**arguments)
