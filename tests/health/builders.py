"""Build a collaboration's history, area by area, at the moment the clock says (use with time_machine).

Rows are written the way the areas store them, with their own timestamps taken from the
(travelled) clock, so an indicator sees the same history as it would after months of real use.
"""

import datetime
import itertools
from decimal import Decimal
from typing import Any

from django.utils import timezone

from samen.collaborations.models import Partner

_numbers = itertools.count(1)


def at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    """Noon on ``day`` in Amsterdam: a clock to travel to."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


# --- interests ---------------------------------------------------------------------------


def ambition(
    collaboration: Any, title: str = "Snellere vergunningen", *, hours: int | None = None, budget: int | None = None
) -> Any:
    from samen.interests.models import Ambition

    return Ambition.objects.create(
        collaboration=collaboration,
        title=title,
        needed_hours_per_month=Decimal(hours) if hours is not None else None,
        needed_budget_euros=Decimal(budget) if budget is not None else None,
    )


def pledge(ambition_: Any, partner: Partner, *, urgency: int = 4, hours: int = 0, budget: int = 0) -> Any:
    """A new current pledge; the partner's previous one for this ambition is superseded now."""
    from samen.interests.models import Pledge

    Pledge.objects.filter(ambition=ambition_, partner=partner, superseded_at__isnull=True).update(
        superseded_at=timezone.now()
    )
    return Pledge.objects.create(
        ambition=ambition_,
        partner=partner,
        urgency=urgency,
        hours_per_month=Decimal(hours) or None,
        budget_euros=Decimal(budget) or None,
    )


def honesty_round(collaboration: Any, *, deadline: datetime.date, title: str = "Eerste ronde") -> Any:
    from samen.interests.models import HonestyRound

    return HonestyRound.objects.create(collaboration=collaboration, title=title, deadline=deadline)


def declaration(round_: Any, partner: Partner, *, shared: bool = True, motives: tuple[str, ...] = ("kosten",)) -> Any:
    from samen.interests.models import Declaration, DeclarationStatus, Interest

    now = timezone.now()
    found = Declaration.objects.create(
        round=round_,
        partner=partner,
        status=DeclarationStatus.SHARED if shared else DeclarationStatus.DRAFT,
        intentions="Betere dienstverlening",
        updated_at=now,
        shared_at=now if shared else None,
    )
    for motive in motives:
        Interest.objects.create(declaration=found, motive=motive, weight=4)
    return found


def go(round_: Any, partner: Partner, decision: str = "go") -> Any:
    from samen.interests.models import GoDecision

    return GoDecision.objects.create(round=round_, partner=partner, decision=decision, reasons="")


# --- goals -------------------------------------------------------------------------------


def goal(
    collaboration: Any,
    by: Any,
    partner: Partner,
    title: str = "Vergunningen binnen acht weken",
    *,
    adopted: bool = True,
) -> Any:
    from samen.goals.models import Goal, GoalVersion, VersionStatus

    now = timezone.now()
    found = Goal.objects.create(collaboration=collaboration, created_by=by)
    version = GoalVersion.objects.create(
        goal=found,
        number=1,
        title=title,
        text="Elke aanvraag binnen acht weken besloten.",
        author=by,
        author_partner=partner,
        status=VersionStatus.ADOPTED if adopted else VersionStatus.DRAFT,
        adopted_at=now if adopted else None,
    )
    found.latest_version = version
    if adopted:
        found.adopted_version, found.adopted_at = version, now
    found.save()
    return found


def benefit(goal_: Any, partner: Partner, by: Any) -> Any:
    from samen.goals.models import Benefit

    return Benefit.objects.create(goal=goal_, partner=partner, text="Minder klachten van inwoners", author=by)


def commitment(goal_: Any, partner: Partner, who: Any, *, due_on: datetime.date, done: bool = False) -> Any:
    from samen.goals.models import Commitment, CommitmentStatus

    return Commitment.objects.create(
        goal=goal_,
        partner=partner,
        what="Werkproces beschrijven",
        who=who,
        due_on=due_on,
        created_by=who,
        status=CommitmentStatus.DONE if done else CommitmentStatus.OPEN,
        done_on=timezone.localdate() if done else None,
    )


def consent_round(
    collaboration: Any, by: Any, partner: Partner, *, deadline: datetime.date, title: str = "Gezamenlijk toezicht"
) -> Any:
    """A goal whose first version is in an open consent round."""
    from samen.goals.models import ConsentRound, VersionStatus

    found = goal(collaboration, by, partner, title, adopted=False)
    version = found.latest_version
    version.status = VersionStatus.IN_CONSENT
    version.save(update_fields=["status"])
    return ConsentRound.objects.create(goal=found, version=version, opened_by=by, deadline=deadline)


def decide(round_: Any, partner: Partner, person: Any, kind: str = "instemming") -> Any:
    from samen.goals.models import Decision

    return Decision.objects.create(round=round_, partner=partner, person=person, kind=kind)


def result(
    goal_: Any,
    partner: Partner,
    person: Any,
    *,
    due_on: datetime.date,
    baseline: int = 0,
    target: int = 100,
    current: int | None = None,
    indicator: str = "",
) -> Any:
    from samen.goals.models import Result

    return Result.objects.create(
        goal=goal_,
        indicator=indicator or f"Afgehandelde aanvragen {next(_numbers)}",
        unit="procent",
        baseline=Decimal(baseline),
        baseline_on=timezone.localdate(),
        target=Decimal(target),
        due_on=due_on,
        owner_partner=partner,
        owner_person=person,
        created_by=person,
        current_value=Decimal(current) if current is not None else None,
        current_on=timezone.localdate() if current is not None else None,
    )


# --- successes -----------------------------------------------------------------------------


def success(
    collaboration: Any,
    by: Any,
    partners: list[Partner],
    *,
    title: str = "Wachttijd gehalveerd",
    public: bool = False,
    date: datetime.date | None = None,
) -> Any:
    from samen.successes.models import Success

    found = Success.objects.create(
        collaboration=collaboration,
        title=title,
        story="De wachttijd voor een vergunning is gehalveerd.",
        date=date or timezone.localdate(),
        recorded_by=by,
        is_public=public,
    )
    found.partners.set(partners)
    return found


def prompt(collaboration: Any, *, reached_on: datetime.date | None = None, title: str = "Resultaat bereikt") -> Any:
    from samen.successes.models import CelebrationPrompt, PromptReason

    return CelebrationPrompt.objects.create(
        collaboration=collaboration,
        reason=PromptReason.RESULT_REACHED,
        key=f"test:{next(_numbers)}",
        title=title,
        reached_on=reached_on or timezone.localdate(),
    )


# --- experiences ---------------------------------------------------------------------------


def signal(
    collaboration: Any,
    by: Any,
    from_partner: Partner | None,
    *,
    kind: str = "kosten_hoger",
    subject: str = "Kosten ICT hoger dan begroot",
    to: Partner | None = None,
) -> Any:
    from samen.experiences.models import Signal

    return Signal.objects.create(
        collaboration=collaboration,
        kind=kind,
        subject=subject,
        text="Zie de kwartaalcijfers.",
        from_partner=from_partner,
        raised_by=by,
        addressee="partner" if to else "iedereen",
        addressee_partner=to,
    )


def reply(signal_: Any, by: Any, partner: Partner) -> Any:
    from samen.experiences.models import SignalReply

    return SignalReply.objects.create(signal=signal_, by=by, partner=partner, text="We kijken ernaar.")


def article(collaboration: Any, by: Any) -> Any:
    from samen.experiences.models import Agreement, Article, SourceFormat

    agreement = Agreement.objects.create(
        collaboration=collaboration,
        kind="regeling",
        title="Gemeenschappelijke regeling",
        source_format=SourceFormat.TEXT,
        created_by=by,
    )
    return Article.objects.create(
        agreement=agreement,
        position=next(_numbers),
        number="5",
        title="Bijdragen",
        text="De deelnemers betalen naar rato van inwoners.",
    )


def deviation(collaboration: Any, partner: Partner, article_: Any, by: Any) -> Any:
    from samen.experiences.models import Deviation

    return Deviation.objects.create(
        collaboration=collaboration,
        partner=partner,
        article=article_,
        reason="Eigen uitvoering in 2026",
        starts_on=timezone.localdate(),
        announced_by=by,
    )


def checkin(
    collaboration: Any,
    *,
    answers: dict[Partner, list[tuple[int, int]]],
    people: dict[Partner, list[Any]],
    title: str = "Check-in",
) -> Any:
    """A check-in that opened two weeks ago and closed yesterday; ``answers``: per partner (content, relationship)."""
    from samen.experiences.models import CheckIn, CheckInParticipation, CheckInResponse

    today = timezone.localdate()
    found = CheckIn.objects.create(
        collaboration=collaboration,
        title=title,
        opens_on=today - datetime.timedelta(days=14),
        closes_on=today - datetime.timedelta(days=1),
    )
    for partner, scores in answers.items():
        for content, relationship in scores:
            CheckInResponse.objects.create(
                checkin=found,
                partner=partner,
                progress=content,
                trust=relationship,
                openness=relationship,
                fair_share=relationship,
                heard=relationship,
                ownership=relationship,
            )
    for persons in people.values():
        for person in persons:
            CheckInParticipation.objects.create(checkin=found, person=person)
    return found
