"""Goals drafted together, amended and adopted by consent; results with quarterly progress; commitments;
an accountability request with its reply, and one still waiting."""

import datetime
from decimal import Decimal
from typing import Any

from samen.collaborations.models import Partner
from samen.demo.story import CONSENT, CRACK, HEALTHY, LIGHT, STARTING, Story
from samen.demo.texts import GoalText
from samen.goals import services
from samen.goals.models import Goal
from samen.goals.services import accountability, consent, drafting, results

DAY = datetime.timedelta(days=1)


def add(story: Story) -> None:
    goals = story.texts.goals
    if story.profile == STARTING:
        _goal(story, "goal0", goals[0], story.day(30), consent_open=True)
        return
    if story.profile == LIGHT:
        _goal(story, "goal0", goals[0], story.day(100))
        _goal(story, "goal1", goals[1], story.ago(40), draft_only=True)
        return
    starts = (story.day(100), story.day(200), story.day(430))
    for n, text in enumerate(goals[:-1]):
        _goal(story, f"goal{n}", text, starts[n])
    # The last one is in a consent round now: fresh in a healthy collaboration, stalled past its deadline otherwise.
    opened_ago = 12 if story.profile == HEALTHY else 50
    _goal(story, f"goal{len(goals) - 1}", goals[-1], story.ago(opened_ago + 20), consent_open=True)


def _goal(
    story: Story,
    key: str,
    text: GoalText,
    created: datetime.date,
    *,
    consent_open: bool = False,
    draft_only: bool = False,
) -> None:
    partners = story.partners
    author = partners[(len(key) * 7) % len(partners)]
    if story.profile == STARTING:
        author = next((p for p in partners if story.is_persona(p)), partners[0])

    def create() -> None:
        story.objects[key] = drafting.create_goal(
            collaboration=story.cast.collaboration,
            by=story.official(author),
            title=text.title,
            text=text.text,
            partner=author,
        )

    story.on(created, create)
    if draft_only:
        return
    if text.edit and story.profile != LIGHT:  # drafted together: a second partner adds a sentence
        editor = partners[(partners.index(author) + 3) % len(partners)]

        def edit() -> None:
            goal = Goal.objects.select_related("latest_version").get(pk=story.objects[key].pk)
            version = goal.latest_version
            assert version is not None
            drafting.save_draft(
                version=version,
                by=story.official(editor),
                expected_version=version.version,
                title=version.title,
                text=f"{version.text} {text.edit}",
                partner=editor,
            )

        story.on(created + 4 * DAY, edit, hour=14)
    for m, partner in enumerate(partners):
        day = story.spread(created + 6 * DAY, 14, m, len(partners))
        story.on(day, _benefit(story, key, partner, text.benefit.format(name=partner.organisation.name)), hour=15)
    opens = created + 21 * DAY
    if consent_open:
        opens = story.ago(12 if story.profile in (HEALTHY, STARTING, LIGHT) else 50)
        deadline = opens + (28 if story.profile != CRACK else 42) * DAY
        deciding = story.some(story.others, 0.5)
        if not story.waits(CONSENT):  # the personas decided here already; they decide elsewhere
            deciding = sorted({*deciding, *story.persona_partners}, key=lambda p: p.organisation.name)
        _consent_round(story, key, opens, deadline, deciding, objector=None)
        return
    objector = None
    if text.objection and story.profile != LIGHT:
        objector = partners[(partners.index(author) + 5) % len(partners)]
    _consent_round(story, key, opens, opens + 28 * DAY, partners, objector=objector, objection=text.objection)
    adopted = opens + 20 * DAY
    if objector is not None:
        amended = opens + 16 * DAY

        def amend() -> None:
            drafting.propose_amendment(
                goal=story.objects[key],
                by=story.official(author),
                title=text.title,
                text=text.amended,
                reason=text.reason,
                partner=author,
            )

        story.on(amended, amend, hour=9)
        reopens = amended + 5 * DAY
        _consent_round(story, key, reopens, reopens + 28 * DAY, partners, objector=None)
        adopted = reopens + 20 * DAY
    _results(story, key, text, adopted + 10 * DAY, author)


def _benefit(story: Story, key: str, partner: Partner, text: str) -> Any:
    def act() -> None:
        drafting.state_benefit(goal=story.objects[key], partner=partner, by=story.official(partner), text=text)

    return act


def _consent_round(
    story: Story,
    key: str,
    opens: datetime.date,
    deadline: datetime.date,
    deciding: list[Partner],
    *,
    objector: Partner | None,
    objection: str = "",
) -> None:
    round_key = f"{key}:round"

    def open_round() -> None:
        story.objects[round_key] = consent.open_consent_round(
            goal=story.objects[key], by=story.facilitator, deadline=deadline
        )

    story.on(opens, open_round, hour=9)
    span = max(min((deadline - opens).days - 4, (story.today - opens).days - 1), 1)
    for m, partner in enumerate(deciding):
        day = story.spread(opens + DAY, span, m, len(deciding))
        if m % 4 == 1 and story.profile != LIGHT:
            story.on(day, _advice(story, round_key, partner, m), hour=10)
        kind, text = "instemming", ""
        if partner == objector:
            kind, text = "bezwaar", objection
        elif m % 6 == 2:
            kind, text = "voorwaarden", "Wij stemmen in, mits de raad in het jaarverslag wordt geïnformeerd."
        elif m % 11 == 5:
            kind, text = "onthouding", "Onze raad heeft hier nog geen standpunt over ingenomen."
        story.on(day, _decide(story, round_key, partner, kind, text), hour=16)


def _advice(story: Story, round_key: str, partner: Partner, m: int) -> Any:
    def act() -> None:
        kind, text = ("steun", "") if m % 8 != 5 else ("zorgen", "Wij zien risico's voor de uitvoerbaarheid.")
        found = _still_open(story, round_key)
        if found is not None:
            consent.record_advice(
                consent_round=found, partner=partner, by=story.official(partner), kind=kind, text=text
            )

    return act


def _decide(story: Story, round_key: str, partner: Partner, kind: str, text: str) -> Any:
    def act() -> None:
        found = _still_open(story, round_key)
        if found is not None:
            consent.record_decision(
                consent_round=found, partner=partner, by=story.executive(partner), kind=kind, text=text
            )

    return act


def _still_open(story: Story, round_key: str) -> Any:
    """The round, unless an amendment closed it before this partner got to it."""
    found = story.objects[round_key]
    found.refresh_from_db()
    return found if found.is_open else None


def _results(story: Story, key: str, text: GoalText, first: datetime.date, owner: Partner) -> None:
    for n, result in enumerate(text.results[: 1 if story.profile == LIGHT else None]):
        result_key = f"{key}:result{n}"
        owner_partner = story.partners[(story.partners.index(owner) + n) % len(story.partners)]
        if story.profile != LIGHT and key == "goal0" and n == 0:
            owner_partner = next((p for p in story.partners if p.organisation.code == "GM0344"), owner_partner)
        due = story.today + datetime.timedelta(days=180 + 90 * n)

        def create(result: Any = result, result_key: str = result_key, owner_partner: Partner = owner_partner,
                   due: datetime.date = due) -> None:  # fmt: skip
            story.objects[result_key] = results.add_result(
                goal=story.objects[key],
                by=story.official(owner_partner),
                indicator=result.indicator,
                unit=result.unit,
                baseline=result.baseline,
                target=result.target,
                due_on=due,
                owner_partner=owner_partner,
                owner_person=story.official(owner_partner),
                baseline_on=first,
            )

        story.on(first, create, hour=11)
        _progress(story, result_key, result, first, owner_partner, reach=(n == 0 and key in ("goal0", "goal2")))
        story.objects.setdefault("results", []).append((result_key, owner_partner))
    for n, what in enumerate(text.commitments[: 1 if story.profile == LIGHT else None]):
        _commitment(story, key, what, first + (5 + n) * DAY, n)
    if key == "goal0" and story.profile != LIGHT and story.texts.accountability[0]:
        _accountability(story, key)


def _progress(story: Story, result_key: str, result: Any, first: datetime.date, owner: Partner, *, reach: bool) -> None:
    """A measurement every quarter: steady towards the target, reaching it near the end when ``reach``."""
    quarters = []
    day = first + 90 * DAY
    while day <= story.today - 5 * DAY:
        quarters.append(day)
        day += 91 * DAY
    if story.profile == LIGHT:
        quarters = quarters[-4:]
    if reach and quarters:
        story.objects.setdefault("reached", {})[result_key] = quarters[-1] + 4 * DAY
    baseline, target = Decimal(result.baseline), Decimal(result.target)
    for n, measured in enumerate(quarters):
        share = Decimal(n + 1) / Decimal(len(quarters) + (0 if reach else 2))
        value = (baseline + (target - baseline) * share).quantize(Decimal(1))
        note = "Kwartaalmeting uit de eigen registratie." if n % 2 else "Meting volgens de afgesproken definitie."

        def act(value: Decimal = value, measured: datetime.date = measured, note: str = note) -> None:
            results.record_progress(
                result=story.objects[result_key], by=story.official(owner), value=value, measured_on=measured,
                note=note,
            )  # fmt: skip

        story.on(measured + 4 * DAY, act, hour=13)


def _commitment(story: Story, key: str, what: str, day: datetime.date, n: int) -> None:
    partners = story.partners
    partner = partners[(n * 5 + len(key)) % len(partners)]
    late = story.profile == CRACK and n == 0
    due = day + (60 if late else 120) * DAY
    commitment_key = f"{key}:commitment{n}"

    def create() -> None:
        story.objects[commitment_key] = results.add_commitment(
            goal=story.objects[key], by=story.official(partner), partner=partner, what=what,
            who=story.official(partner), due_on=due,
        )  # fmt: skip

    story.on(day, create, hour=12)
    if not late:
        story.on(due - 10 * DAY, lambda: results.update_commitment_status(
            commitment=story.objects[commitment_key], by=story.official(partner), status="gedaan"))  # fmt: skip
    story.objects.setdefault("commitments", []).append((commitment_key, partner))


def _accountability(story: Story, key: str) -> None:
    """One request answered and closed; one addressed to a persona's partner, still waiting for a reply."""
    question, reply, waiting = story.texts.accountability
    commitment_key, owner = story.objects["commitments"][0]
    asker = next(p for p in story.partners if p.pk != owner.pk and not story.is_persona(p))
    asked = story.ago(420)

    def ask() -> None:
        story.objects["accountability"] = accountability.raise_accountability_request(
            collaboration=story.cast.collaboration, by=story.official(asker), question=question,
            commitment=story.objects[commitment_key], partner=asker,
        )  # fmt: skip

    story.on(asked, ask, hour=10)
    story.on(asked + 6 * DAY, lambda: accountability.reply_to_accountability_request(
        request=story.objects["accountability"], by=story.official(owner), text=reply), hour=15)  # fmt: skip
    story.on(asked + 20 * DAY, lambda: accountability.close_accountability_request(
        request=story.objects["accountability"], by=story.official(asker), outcome="nagekomen",
        text="Dank, helder. We volgen het in de kwartaalrapportage."), hour=9)  # fmt: skip
    result_key, result_owner = story.objects["results"][0]
    raiser = next(p for p in story.partners if p.pk != result_owner.pk and not story.is_persona(p))

    def ask_again() -> None:
        accountability.raise_accountability_request(
            collaboration=story.cast.collaboration, by=story.official(raiser), question=waiting,
            result=story.objects[result_key], partner=raiser,
        )  # fmt: skip

    story.on(story.ago(6), ask_again, hour=11)


__all__ = ["add", "services"]
