"""The regeling's own text imported with readings that differ, signals of every kind, an announced and a
raised deviation, and check-ins: closed ones on both tracks, and one open now."""

import datetime
import json
from typing import TYPE_CHECKING, Any

from samen.collaborations.models import Partner
from samen.demo.story import CHECKIN, CRACK, HEALTHY, LIGHT, SIGNAL, STARTING, Story
from samen.experiences import roo, splitter
from samen.experiences.services import agreements, checkins, signals

if TYPE_CHECKING:
    from samen.accounts.models import Person

DAY = datetime.timedelta(days=1)


def add(story: Story) -> None:
    _agreement(story)
    _signals(story)
    _checkins(story)


# --- the agreement and how the partners read it ----------------------------------------------


def _agreement(story: Story) -> None:
    collaboration = story.cast.collaboration
    excerpts = roo.excerpts_for(collaboration.roo_id)
    if not excerpts:
        return
    imported = story.day(45) if story.profile != STARTING else story.day(10)

    def act() -> None:
        text = json.dumps(excerpts, ensure_ascii=False)
        token = agreements.make_import_token(text, splitter.FORMAT_ROO, f"ROO {collaboration.roo_id}")
        agreement = agreements.import_agreement(
            collaboration=collaboration,
            by=story.facilitator,
            token=token,
            kind="regeling",
            title=roo.regeling_name(collaboration.roo_id) or collaboration.name,
            parties=story.partners,
            effective_from=collaboration.start_date,
        )
        story.objects["article"] = agreement.articles.order_by("position").first()

    story.on(imported, act, hour=9)
    readers = story.some(story.partners, 0.3 if story.profile != LIGHT else 0.1)
    for m, partner in enumerate(readers):
        stance, text = story.texts.readings[m % len(story.texts.readings)]

        def read(partner: Partner = partner, stance: str = stance, text: str = text) -> None:
            article = story.objects.get("article")
            if article is not None:
                agreements.record_reading(
                    article=article, partner=partner, by=story.official(partner), stance=stance, text=text
                )

        story.on(story.spread(imported + 10 * DAY, 120, m, len(readers)), read, hour=11)


# --- signals and deviations ------------------------------------------------------------------


def _signals(story: Story) -> None:
    texts = story.texts
    partners, others = story.partners, story.others or story.partners
    light = story.profile in (LIGHT, STARTING)
    late = story.profile == STARTING
    # (kind, text, from, addressee, to partner, day raised, replies, status at the end)
    plan: list[tuple[str, tuple[str, str], Partner, str, Partner | None, datetime.date, int, str]] = [
        ("compliment", texts.compliment, others[0], "iedereen", None, story.ago(60 if late else 500), 1, "afgerond"),
        ("overig", texts.other, others[-1], "facilitator", None, story.ago(9), 0, "open"),
    ]
    if not light:
        plan += [
            ("kosten_hoger", texts.cost_signal, others[1], "iedereen", None, story.ago(610), 3, "afgerond"),
            ("te_veel_betalen", texts.paying_too_much, others[2], "facilitator", None, story.ago(380), 2, "in_gesprek"),
            ("zorg", texts.concern, others[3], "iedereen", None, story.ago(200), 2, "afgerond"),
            ("verschil_in_lezing", texts.reading_signal, others[4], "iedereen", None, story.ago(300), 1, "afgerond"),
        ]
        persona_partner = next((p for p in partners if story.is_persona(p)), partners[0])
        if not story.waits(SIGNAL):  # the question of this collaboration goes to a partner without a persona
            persona_partner = others[9 % len(others)]
        if story.profile == CRACK:  # one partner says another deviates, which that one never announced
            plan.append(("levering_wijkt_af", texts.delivery, others[5 % len(others)], "partner", persona_partner,
                         story.ago(18), 0, "open"))  # fmt: skip
        else:
            plan.append(("levering_wijkt_af", texts.delivery, others[5 % len(others)], "iedereen", None,
                         story.ago(240), 2, "afgerond"))  # fmt: skip
            plan.append(("overig", texts.other, others[8 % len(others)], "partner", persona_partner,
                         story.ago(11), 0, "open"))  # fmt: skip
    crack = story.crack
    if crack is not None:  # the cracking partner says the costs run away, and nobody answers
        plan.append(("kosten_hoger", texts.cost_signal, crack, "iedereen", None, story.ago(45), 0, "open"))
        plan.append(("te_veel_betalen", texts.paying_too_much, crack, "facilitator", None, story.ago(75), 0, "open"))
    elif story.profile == HEALTHY:
        plan.append(("kosten_hoger", texts.cost_signal, others[6 % len(others)], "iedereen", None, story.ago(25), 2,
                     "in_gesprek"))  # fmt: skip
    for n, item in enumerate(plan):
        _signal(story, n, *item)
    if not light:
        _deviation(story, others[7 % len(others)], story.ago(150))


def _signal(
    story: Story,
    n: int,
    kind: str,
    text: tuple[str, str],
    sender: Partner,
    addressee: str,
    to: Partner | None,
    day: datetime.date,
    replies: int,
    status: str,
) -> None:
    key = f"signal{n}"

    def raise_it() -> None:
        story.objects[key] = signals.raise_signal(
            collaboration=story.cast.collaboration,
            by=story.official(sender),
            from_partner=sender,
            kind=kind,
            subject=text[0],
            text=text[1],
            addressee=addressee,
            addressee_partner=to,
            article=story.objects.get("article") if kind in ("verschil_in_lezing", "levering_wijkt_af") else None,
            amount="42.000" if kind == "kosten_hoger" else None,
        )

    story.on(day, raise_it, hour=10)
    others = [p for p in story.partners if p.pk != sender.pk]
    for r in range(replies):
        replier = others[(n * 3 + r * 5) % len(others)]
        reply_text = story.texts.replies[(n + r) % len(story.texts.replies)]
        by = story.official(replier)
        if addressee == "facilitator":  # only the facilitator and the sender see it
            by = story.facilitator if r % 2 == 0 else story.official(sender)

        def reply(by: "Person" = by, reply_text: str = reply_text) -> None:
            signals.reply_to_signal(signal=story.objects[key], by=by, text=reply_text)

        story.on(day + (2 + 4 * r) * DAY, reply, hour=15)
    if status != "open":
        outcome = story.texts.outcome if status == "afgerond" else ""

        def settle() -> None:
            signal = story.objects[key]
            signal.refresh_from_db()
            if signal.status != status:  # a first reply already starts the conversation
                signals.change_signal_status(signal=signal, by=story.facilitator, status=status, outcome=outcome)

        story.on(day + (3 + 4 * replies) * DAY, settle, hour=17)


def _deviation(story: Story, partner: Partner, day: datetime.date) -> None:
    def announce() -> None:
        story.objects["deviation"] = signals.announce_deviation(
            collaboration=story.cast.collaboration,
            by=story.executive(partner),
            partner=partner,
            article=story.objects.get("article"),
            reason=story.texts.deviation,
            starts_on=day + 30 * DAY,
        )

    story.on(day, announce, hour=10)
    share = 1.0 if story.profile == HEALTHY else 0.6
    noting = [p for p in story.some(story.partners, share) if p.pk != partner.pk and not story.is_persona(p)]
    for m, other in enumerate(noting):
        story.on(story.spread(day + DAY, 12, m, len(noting)), _acknowledge(story, other))


def _acknowledge(story: Story, partner: Partner) -> Any:
    def act() -> None:
        signals.acknowledge_deviation(
            deviation=story.objects["deviation"],
            by=story.official(partner),
            partner=partner,
            comment="Gezien; wij bespreken het in ons college.",
        )

    return act


# --- check-ins -------------------------------------------------------------------------------


def _checkins(story: Story) -> None:
    """Twice a year, closed; one open now. Some partners answer with three contacts, others with fewer."""
    if story.profile == STARTING:
        opens = [story.ago(40)]
    elif story.profile == LIGHT:
        opens = [story.ago(300), story.ago(120)]
    else:
        opens = [story.day(60 + 182 * n) for n in range(story.days // 182)]
        opens = [day for day in opens if day < story.ago(200)][-3:]
        opens.append(story.ago(110))  # the last closed one, some months ago
    for n, day in enumerate(opens):
        _checkin(story, n, day, last=n == len(opens) - 1)
    current = story.ago(4)

    def schedule_current() -> None:
        story.objects["checkin:current"] = checkins.schedule_checkins(
            collaboration=story.cast.collaboration, by=story.facilitator, first_opens_on=current, open_days=21,
            title="Check-in",
        )[0]  # fmt: skip

    story.on(current, schedule_current, hour=8)
    if story.profile in (HEALTHY, CRACK):  # a few partners answered already; the personas have not
        for m, partner in enumerate(story.some(story.others, 0.3)):
            story.on(current + DAY, _answer(story, f"open:{m}", "checkin:current", partner,
                                            story.official(partner), 4, 4), hour=9 + m % 8)  # fmt: skip
    if not story.waits(CHECKIN):  # here the personas answered already; their open check-in is elsewhere
        for m, partner in enumerate(story.persona_partners):
            for k, person in enumerate(story.cast.contacts(partner)):
                story.on(current + DAY, _answer(story, f"persona:{m}:{k}", "checkin:current", partner, person, 4, 4),
                         hour=10 + k)  # fmt: skip


def _checkin(story: Story, n: int, opens: datetime.date, *, last: bool) -> None:
    key = f"checkin{n}"

    def schedule() -> None:
        story.objects[key] = checkins.schedule_checkins(
            collaboration=story.cast.collaboration, by=story.facilitator, first_opens_on=opens, open_days=14,
            title="Check-in",
        )[0]  # fmt: skip

    story.on(opens, schedule, hour=8)
    if "answering" not in story.objects:  # the same partners answer every time: a steady response
        share = {HEALTHY: 0.85, CRACK: 0.6, STARTING: 0.6, LIGHT: 0.4}[story.profile]
        chosen = story.some(story.partners, share)
        story.objects["answering"] = chosen + [p for p in story.partners if story.is_persona(p) and p not in chosen]
    answering = story.objects["answering"]
    crack = story.crack
    for m, partner in enumerate(answering):
        people = story.cast.contacts(partner)
        if not story.is_persona(partner) and partner.organisation.code not in ("GM0307",):
            people = people[: 1 + m % 2]  # one or two answers: below the anonymity threshold
        if crack is not None and partner.pk == crack.pk and last:
            continue  # the cracking partner stops answering
        content, relationship = 4, 4
        if story.profile == CRACK and last:
            relationship = 2 if m % 2 else 3  # the relationship falls while the content holds
        elif (m + n) % 5 == 0:
            content, relationship = 3, 4
        for k, person in enumerate(people):
            day = opens + ((m + k) % 12) * DAY
            story.on(day, _answer(story, f"{n}:{m}:{k}", key, partner, person, content, relationship),
                     hour=9 + (m + k) % 8)  # fmt: skip


def _answer(
    story: Story, tag: str, key: str, partner: Partner, person: "Person", content: int, relationship: int
) -> Any:
    texts = story.texts

    def act() -> None:
        checkin = story.objects.get(key)
        if checkin is None:
            return
        scores = {name: content for name in ("progress", "goals_clear", "on_track")}
        scores.update({name: relationship for name in ("trust", "openness", "fair_share", "heard", "ownership")})
        checkins.answer_checkin(
            checkin=checkin,
            by=person,
            partner=partner,
            scores=_scores(scores),
            going_well=texts.going_well[len(tag) % len(texts.going_well)],
            sticking=texts.sticking[len(tag) % len(texts.sticking)] if relationship < 4 else "",
        )

    return act


def _scores(wanted: dict[str, int]) -> dict[str, int]:
    from samen.experiences.models import CONTENT_SCORES, RELATIONSHIP_SCORES

    content = {name for name, _label in CONTENT_SCORES}
    found = {}
    for name, _label in CONTENT_SCORES + RELATIONSHIP_SCORES:
        found[name] = wanted.get(name, wanted["progress"] if name in content else wanted["trust"])
    return found
