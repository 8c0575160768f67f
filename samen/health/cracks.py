"""The crack radar (scheurtjes): rules that combine facts into an early warning.

Each rule looks at one collaboration's health (and, for a few rules, a small query of its own)
and returns zero or more ``Crack``s: what is going on, why it matters, and the conversation that
could help. The rules are conversation starters for the people who work in the collaboration;
readers never see them. Thresholds are in ``thresholds``.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from samen.core import formatting
from samen.experiences import facts
from samen.health import thresholds
from samen.health.areas import Area, PartnerRef
from samen.health.indicators import Health
from samen.health.words import join_names, weeks_since, weeks_word


@dataclass
class Crack:
    key: str
    area: str
    title: str
    explanation: str
    conversation: str
    partners: list[str] = field(default_factory=list)

    @property
    def area_label(self) -> str:
        return str(Area(self.area).label)


def _name(partners: list[PartnerRef], pid: Any) -> str:
    return next((p.name for p in partners if p.id == pid), "")


def partner_going_silent(health: Health, now: datetime.datetime) -> list[Crack]:
    """A partner with contacts did nothing in any area for ten weeks while others did."""
    activity = health.last_activity()
    since = now - thresholds.SILENT_AFTER
    active = [p for p in health.partners if activity.get(p.id) and activity[p.id] >= since]
    if not active:
        return []
    cracks = []
    for partner in health.partners:
        last = activity.get(partner.id)
        if not partner.has_contacts or (last is not None and last >= since):
            continue
        weeks = weeks_since(last, now) if last else weeks_word(thresholds.SILENT_AFTER)
        cracks.append(
            Crack(
                key=f"stil:{partner.id}",
                area=Area.EXPERIENCES,
                title=_("%(name)s valt stil") % {"name": partner.name},
                explanation=ngettext(
                    "%(name)s heeft in %(weeks)s niets gedeeld of bijgedragen, terwijl %(others)s wel actief was.",
                    "%(name)s heeft in %(weeks)s niets gedeeld of bijgedragen, terwijl %(others)s wel actief waren.",
                    len(active),
                )
                % {"name": partner.name, "weeks": weeks, "others": join_names([p.name for p in active])}
                + " "
                + _(
                    "Stilte gaat vaak vooraf aan afhaken: de partner voelt zich niet gehoord, heeft geen capaciteit "
                    "of ziet de opbrengst niet meer."
                ),
                conversation=_(
                    "Zoek de contactpersoon van %(name)s informeel op, los van de inhoud: hoe gaat het, wat schuurt, "
                    "wat is er nodig om weer mee te doen?"
                )
                % {"name": partner.name},
                partners=[partner.name],
            )
        )
    return cracks


def relationship_falling(health: Health, now: datetime.datetime) -> list[Crack]:
    """The relationship score falls between two check-ins while the content score holds."""
    rows = [c for c in health.indicator(Area.EXPERIENCES).details.get("checkins", []) if c["relationship"] is not None]
    if len(rows) < 2 or rows[-1]["content"] is None or rows[-2]["content"] is None:
        return []
    last, previous = rows[-1], rows[-2]
    drop = previous["relationship"] - last["relationship"]
    moved = abs(last["content"] - previous["content"])
    if drop < thresholds.RELATIONSHIP_DROP or moved >= thresholds.CONTENT_HOLDS:
        return []
    return [
        Crack(
            key=f"relatie:{last['id']}",
            area=Area.EXPERIENCES,
            title=_("De relatie verslechtert terwijl de inhoud goed gaat"),
            explanation=_(
                "De relatiescore daalde van %(before)s naar %(now)s (check-in ‘%(title)s’), terwijl de score voor "
                "de inhoud gelijk bleef. Dan schuurt er iets tussen de partners dat nog niet op tafel ligt."
            )
            % {
                "before": formatting.number(previous["relationship"], 1),
                "now": formatting.number(last["relationship"], 1),
                "title": last["title"],
            },
            conversation=_(
                "Plan een gesprek over de samenwerking zelf, niet over de inhoud: wat merken we van vertrouwen, "
                "openheid en een eerlijke verdeling? Laat de facilitator of een neutrale derde het leiden."
            ),
        )
    ]


def cost_signals_unanswered(health: Health, now: datetime.datetime) -> list[Crack]:
    """A cost signal ("kosten hoger", "we betalen te veel") without a reply from anyone else for weeks."""
    waiting = facts.unanswered_cost_signals(
        health.collaboration_id, raised_before=now - thresholds.COST_SIGNAL_UNANSWERED
    )
    cracks = []
    for signal in waiting:
        pk, subject, created_at = signal.id, signal.subject, signal.created_at
        sender = _name(health.partners, signal.from_partner_id) or _("de facilitator")
        cracks.append(
            Crack(
                key=f"kosten:{pk}",
                area=Area.EXPERIENCES,
                title=_("Kostensignaal zonder antwoord: ‘%(subject)s’") % {"subject": subject},
                explanation=_(
                    "%(sender)s meldde op %(date)s dat de kosten uit de pas lopen; in %(weeks)s heeft niemand "
                    "gereageerd. Wie vroeg zegt ‘dit kost meer dan verwacht’ en geen antwoord krijgt, zegt het de "
                    "volgende keer niet meer."
                )
                % {
                    "sender": sender,
                    "date": formatting.date(timezone.localdate(created_at)),
                    "weeks": weeks_since(created_at, now),
                },
                conversation=_(
                    "Reageer inhoudelijk op het signaal en zet het op de agenda van het eerstvolgende overleg: "
                    "wat zijn de cijfers, wat betekent het voor de bijdragen, wie zoekt het uit?"
                ),
                partners=[sender],
            )
        )
    return cracks


def deviations_never_announced(health: Health, now: datetime.datetime) -> list[Crack]:
    """Another partner says a partner deviates from an agreement, but that partner never announced a deviation."""
    raised = facts.deviations_raised_by_others(health.collaboration_id)
    if not raised:
        return []
    announced: dict[Any, list[tuple[Any, ...]]] = {}
    for deviation in facts.announced_deviations(health.collaboration_id):
        announced.setdefault(deviation.partner_id, []).append(
            (deviation.announced_at, deviation.starts_on, deviation.ends_on)
        )
    cracks = []
    for signal in raised:
        pk, subject, created_at = signal.id, signal.subject, signal.created_at
        from_partner_id, addressee_id = signal.from_partner_id, signal.addressee_partner_id
        day = timezone.localdate(created_at)
        covered = any(
            at >= created_at or (starts_on <= day and (ends_on is None or ends_on >= day))
            for at, starts_on, ends_on in announced.get(addressee_id, [])
        )
        if covered:
            continue
        deviating, raiser = _name(health.partners, addressee_id), _name(health.partners, from_partner_id)
        cracks.append(
            Crack(
                key=f"afwijking:{pk}",
                area=Area.EXPERIENCES,
                title=_("Afwijking gemeld door een ander, niet aangekondigd"),
                explanation=_(
                    "%(raiser)s meldde op %(date)s dat %(deviating)s afwijkt van de afspraak (‘%(subject)s’), maar "
                    "%(deviating)s heeft geen afwijking aangekondigd. Zo groeit het gevoel dat afspraken eenzijdig "
                    "worden ingevuld."
                )
                % {
                    "raiser": raiser or _("een partner"),
                    "date": formatting.date(day),
                    "deviating": deviating,
                    "subject": subject,
                },
                conversation=_(
                    "Vraag %(deviating)s en %(raiser)s samen hoe zij het artikel lezen. Is het een verschil in lezing, "
                    "dan hoort het bij de lezingen; wijkt %(deviating)s echt af, dan kondigt hij dat aan met reden en "
                    "termijn."
                )
                % {"deviating": deviating, "raiser": raiser or _("de melder")},
                partners=[name for name in (deviating, raiser) if name],
            )
        )
    return cracks


def consent_stalled(health: Health, now: datetime.datetime) -> list[Crack]:
    """An open consent round past its deadline, or older than six weeks, with partners still to decide."""
    cracks = []
    for row in health.indicator(Area.OWNERSHIP).details.get("stalled_rounds", []):
        cracks.append(
            Crack(
                key=f"instemming:{row['title']}:{row['opened_at'].isoformat()}",
                area=Area.OWNERSHIP,
                title=_("Instemmingsronde staat stil: ‘%(title)s’") % {"title": row["title"]},
                explanation=_(
                    "De ronde is geopend op %(opened)s en het besluit was gevraagd vóór %(deadline)s; %(decided)s van "
                    "de %(total)s partners hebben besloten. Een doel dat blijft hangen, wordt niet van iedereen."
                )
                % {
                    "opened": formatting.date(timezone.localdate(row["opened_at"])),
                    "deadline": formatting.date(row["deadline"]),
                    "decided": row["decided"],
                    "total": len(health.partners),
                },
                conversation=_(
                    "Vraag de bestuurlijk contacten die nog niet besloten wat hen tegenhoudt: ontbreekt informatie, "
                    "is er twijfel over wat het hun oplevert, of speelt er iets in de eigen raad?"
                ),
            )
        )
    return cracks


def partner_without_benefit(health: Health, now: datetime.datetime) -> list[Crack]:
    """A partner that has not said what any adopted goal brings it, weeks after adoption."""
    missing = set(health.indicator(Area.OWNERSHIP).details.get("without_benefit", []))
    cracks = []
    for partner in health.partners:
        if partner.id not in missing:
            continue
        cracks.append(
            Crack(
                key=f"opbrengst:{partner.id}",
                area=Area.OWNERSHIP,
                title=_("%(name)s ziet geen opbrengst") % {"name": partner.name},
                explanation=_(
                    "%(name)s heeft bij geen enkel vastgesteld doel beschreven wat het de eigen organisatie oplevert. "
                    "Een partner die er niets aan heeft, blijft niet lang eigenaar."
                )
                % {"name": partner.name},
                conversation=_(
                    "Vraag %(name)s wat de samenwerking voor de eigen inwoners, organisatie of begroting moet "
                    "opleveren, en of de doelen daar ruimte voor laten."
                )
                % {"name": partner.name},
                partners=[partner.name],
            )
        )
    return cracks


def response_dropping(health: Health, now: datetime.datetime) -> list[Crack]:
    """One partner's check-in response fell sharply between the last two check-ins."""
    details = health.indicator(Area.EXPERIENCES).details
    rows, contacts = details.get("checkins", []), details.get("contacts", {})
    if len(rows) < 2:
        return []
    last, previous = rows[-1], rows[-2]
    cracks = []
    for partner in health.partners:
        people = contacts.get(partner.id, 0)
        if not people:
            continue
        before = min(1.0, previous["partners"].get(partner.id, 0) / people)
        after = min(1.0, last["partners"].get(partner.id, 0) / people)
        if before - after < thresholds.RESPONSE_DROP:
            continue
        cracks.append(
            Crack(
                key=f"respons:{partner.id}:{last['id']}",
                area=Area.EXPERIENCES,
                title=_("Respons van %(name)s op de check-in daalt") % {"name": partner.name},
                explanation=_(
                    "Van %(name)s antwoordde bij ‘%(previous)s’ %(before)s van de contactpersonen, bij ‘%(last)s’ "
                    "nog %(after)s. Wie niet meer antwoordt, haakt vaak eerst in stilte af."
                )
                % {
                    "name": partner.name,
                    "previous": previous["title"],
                    "before": formatting.percent(before),
                    "last": last["title"],
                    "after": formatting.percent(after),
                },
                conversation=_(
                    "Vraag de contactpersonen van %(name)s of de check-in nog past: te vaak, te lang, of voelt het "
                    "niet veilig om eerlijk te antwoorden?"
                )
                % {"name": partner.name},
                partners=[partner.name],
            )
        )
    return cracks


RULES: tuple[Callable[[Health, datetime.datetime], list[Crack]], ...] = (
    partner_going_silent,
    relationship_falling,
    cost_signals_unanswered,
    deviations_never_announced,
    consent_stalled,
    partner_without_benefit,
    response_dropping,
)

# What the radar looks for, in the words the health page and docs/gezondheid.md use.
RULE_TEXTS = (
    gettext_lazy("Een partner valt stil: tien weken niets gedeeld of bijgedragen, terwijl anderen wel actief waren."),
    gettext_lazy(
        "De relatiescore daalt minstens een halve punt tussen twee check-ins, terwijl de score voor de inhoud gelijk "
        "blijft."
    ),
    gettext_lazy("Een kostensignaal staat drie weken open zonder antwoord van een ander."),
    gettext_lazy(
        "Een partner meldt dat een ander afwijkt van de afspraak, maar die ander kondigde geen afwijking aan."
    ),
    gettext_lazy(
        "Een instemmingsronde staat stil: over de deadline, of zes weken open, terwijl partners nog niet besloten."
    ),
    gettext_lazy("Een partner beschreef vier weken na vaststelling bij geen enkel doel wat het hem oplevert."),
    gettext_lazy("De respons van één partner op de check-in daalt met dertig procentpunten of meer."),
)


def cracks_for(health: Health, now: datetime.datetime | None = None) -> list[Crack]:
    now = now or timezone.now()
    found: list[Crack] = []
    for rule in RULES:
        found.extend(rule(health, now))
    return found
