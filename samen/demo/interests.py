"""Ambitions with pledges that change over time, and two honesty rounds (the second shows what changed)."""

import datetime
from typing import Any

from samen.collaborations.models import Partner
from samen.demo.story import CRACK, HEALTHY, LIGHT, STARTING, Story
from samen.interests import services
from samen.interests.models import Declaration
from samen.interests.services.declarations import InterestInput, RedLineInput

# Round one: most partners name savings and quality of service; round two moves the weights, so
# that savings and quality (and local tailoring and scale) pull against each other.
FIRST = (("kostenbesparing", 4), ("kwaliteit_dienstverlening", 4), ("continuiteit", 3))
SAVERS = (("kostenbesparing", 5), ("financiele_beheersbaarheid", 4), ("schaalvoordeel", 3))
QUALITY = (("kwaliteit_dienstverlening", 5), ("lokaal_maatwerk", 4), ("nabijheid", 3))
EXPLANATIONS = {
    "kostenbesparing": "De begroting staat onder druk; de bijdrage mag niet verder stijgen.",
    "kwaliteit_dienstverlening": "Onze inwoners merken het direct als de dienstverlening achteruitgaat.",
    "continuiteit": "We kunnen deze taak niet alleen uitvoeren bij ziekte of vertrek.",
    "financiele_beheersbaarheid": "Onze raad wil voorspelbare kosten zonder verrassingen achteraf.",
    "schaalvoordeel": "Samen kunnen we specialisten inhuren die we alleen niet kunnen betalen.",
    "lokaal_maatwerk": "Onze kernen vragen om andere oplossingen dan de stad.",
    "nabijheid": "Inwoners moeten ook in de kleine kernen terecht kunnen.",
}


def _interests(weights: tuple[tuple[str, int], ...]) -> list[InterestInput]:
    return [InterestInput(motive, weight, EXPLANATIONS.get(motive, "")) for motive, weight in weights]


def add(story: Story) -> None:
    _ambitions(story)
    if story.profile == STARTING:
        _round(story, 0, story.day(20), story.today + datetime.timedelta(days=21), share=0.6, close=False)
        return
    _round(story, 0, story.day(30), story.day(72), share=0.9 if story.profile != LIGHT else 0.5, close=True)
    if story.profile == LIGHT:
        return
    _round(story, 1, story.ago(330), story.ago(288), share=0.85 if story.profile != LIGHT else 0.6, close=True)


def _ambitions(story: Story) -> None:
    texts = story.texts
    ambitions = texts.ambitions if story.profile != LIGHT else texts.ambitions[:1]
    for n, (title, description, hours, budget) in enumerate(ambitions):
        key = f"ambition{n}"

        def create(title: str = title, description: str = description, hours: int = hours, budget: int = budget,
                   key: str = key) -> None:  # fmt: skip
            story.objects[key] = services.create_ambition(
                collaboration=story.cast.collaboration,
                by=story.facilitator,
                title=title,
                description=description,
                horizon_year=story.today.year + 2,
                needed_hours_per_month=hours,
                needed_budget_euros=budget,
            )

        story.on(story.day(8 + n), create)
        share = {HEALTHY: 0.9, LIGHT: 0.5}.get(story.profile, 0.7)
        pledging = story.some(story.partners, share)
        for personas_first in (p for p in story.partners if story.is_persona(p) and p not in pledging):
            pledging.append(personas_first)
        for m, partner in enumerate(pledging):
            urgency = 3 + (m + n) % 3
            hours_each = max(4, hours // max(len(story.partners), 1) + (m % 4) * 2)
            story.on(
                story.spread(story.day(14 + n), 40, m, len(pledging)), _pledge(story, key, partner, urgency, hours_each)
            )
            if story.profile == LIGHT:
                continue
            if m % 3 == 0:  # a year later: more capacity, or less
                later = hours_each + (4 if m % 2 else -2)
                story.on(story.day(400 + m * 3), _pledge(story, key, partner, urgency, later,
                                                         "Na de begrotingsbehandeling bijgesteld."))  # fmt: skip
        crack = story.crack
        if crack is not None:  # the cracking partner pulls its capacity back
            story.on(
                story.ago(120), _pledge(story, key, crack, 2, 0, "Geen capaciteit meer door interne reorganisatie.")
            )


def _pledge(story: Story, key: str, partner: Partner, urgency: int, hours: int, notes: str = "") -> Any:
    def act() -> None:
        services.pledge(
            ambition=story.objects[key],
            partner=partner,
            by=story.official(partner),
            urgency=urgency,
            hours_per_month=max(hours, 0),
            capacity_notes=notes,
        )

    return act


def _round(
    story: Story, number: int, opens: datetime.date, deadline: datetime.date, *, share: float, close: bool
) -> None:
    key = f"round{number}"
    title = f"Eerlijkheidsronde {opens.year}" if number == 0 else f"Eerlijkheidsronde {opens.year} (herijking)"

    def open_round() -> None:
        story.objects[key] = services.open_round(
            collaboration=story.cast.collaboration, by=story.facilitator, title=title, deadline=deadline
        )

    story.on(opens, open_round, hour=9)
    # The personas' partners draft nothing in a round that is still open: that is theirs to do.
    taking_part = [p for p in story.some(story.partners, share) if close or not story.is_persona(p)]
    if close:
        taking_part += [p for p in story.partners if story.is_persona(p) and p not in taking_part]
    span = max((deadline - opens).days - 5, 3) if close else max((story.today - opens).days - 1, 1)
    for m, partner in enumerate(taking_part):
        day = story.spread(opens + datetime.timedelta(days=2), span, m, len(taking_part))
        weights = FIRST if number == 0 else SAVERS if m % 2 == 0 else QUALITY
        if story.crack is not None and partner.pk == story.crack.pk and number == 1:
            weights = SAVERS
        story.on(day, _declare(story, key, partner, number, weights, share_it=close or m % 3 != 0), hour=11)
    if close:
        story.on(deadline + datetime.timedelta(days=6), lambda: services.close_round(
            honesty_round=story.objects[key], by=story.facilitator), hour=16)  # fmt: skip


def _declare(
    story: Story, key: str, partner: Partner, number: int, weights: tuple[tuple[str, int], ...], *, share_it: bool
) -> Any:
    texts = story.texts

    def act() -> None:
        honesty_round = story.objects[key]
        declaration = services.save_declaration(
            honesty_round=honesty_round,
            partner=partner,
            by=story.official(partner),
            intentions=texts.intentions[number],
            interests=_interests(weights),
            red_lines=[RedLineInput(texts.red_lines[(number + len(partner.organisation.name)) % 2])],
            expected_version=_version(honesty_round, partner),
        )
        if not share_it:
            return
        executive = story.executive(partner)
        services.share_declaration(declaration=declaration, by=executive)
        if number == 0 or story.profile == LIGHT:
            decision, reasons = "go", ""
        elif weights == SAVERS and len(partner.organisation.name) % 2:
            decision, reasons = "voorwaarden", texts.conditions
        else:
            decision, reasons = "go", ""
        services.record_go_decision(
            honesty_round=honesty_round, partner=partner, by=executive, decision=decision, reasons=reasons
        )

    return act


def _version(honesty_round: Any, partner: Partner) -> int | None:
    found = Declaration.objects.filter(round=honesty_round, partner=partner).values_list("version", flat=True).first()
    return found if found is not None else 0


__all__ = ["CRACK", "add"]
