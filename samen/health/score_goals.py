"""Toon eigenaarschap: scored from the facts the goals area offers."""

from uuid import UUID

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samen.core.templatetags.samen import nl_date
from samen.goals import facts
from samen.goals.facts import ConsentRoundFacts, OwnershipFacts
from samen.health import thresholds
from samen.health.areas import Area, Indicator, PartnerRef, Scope, as_score, mean
from samen.health.scoring import finish, names, no_data, of_partners
from samen.health.words import join_names, number_word, of_count


def ownership(scope: Scope) -> dict[UUID, Indicator]:
    """Goals adopted by all, commitments on time, a benefit for every partner, consent rounds that move."""
    ids, moments = scope.collaboration_ids, scope.moments
    found = facts.ownership_facts(
        ids,
        moments=moments,
        today=scope.today,
        benefit_grace=thresholds.BENEFIT_GRACE,
        stalled_after=thresholds.CONSENT_STALLED_AFTER,
    )
    if not found:
        return no_data(scope, Area.OWNERSHIP)
    indicators: dict[UUID, Indicator] = {}
    for cid in ids:
        partners, goal = scope.partner_count(cid), found.get(cid)
        history: list[int | None] = []
        for i in range(len(moments)):
            created = goal.goals[i] if goal else 0
            if not goal or not created or not partners:
                history.append(None)
                continue
            adopted, active = goal.adopted[i], goal.active_commitments[i]
            open_rounds = [r for r in goal.rounds if r.open[i]]
            stalled = [r for r in open_rounds if r.late[i] and r.decisions[i] < partners]
            history.append(
                as_score(
                    mean(
                        [
                            adopted / created,
                            1 - goal.overdue_commitments[i] / active if active else None,
                            goal.partners_with_benefit[i] / partners if adopted else None,
                            1 - len(stalled) / len(open_rounds) if open_rounds else None,
                        ]
                    )
                )
            )
        if not scope.detail or goal is None or not goal.goals[0]:
            indicators[cid] = finish(Area.OWNERSHIP, history, facts=[])
            continue
        indicators[cid] = _ownership_detail(scope, cid, history, goal)
    return indicators


def _ownership_detail(scope: Scope, cid: UUID, history: list[int | None], goals: OwnershipFacts) -> Indicator:
    """Facts, partner scores, activity and the stalled rounds of one collaboration."""
    partners = scope.partners_of(cid)
    detail = facts.ownership_detail(cid, today=scope.today)
    with_benefit = detail.partners_with_benefit
    commitments = {p.id: detail.commitments.get(p.id, (0, 0)) for p in partners}
    stalled = [
        {"title": r.title, "opened_at": r.opened_at, "deadline": r.deadline, "decided": r.decided}
        for r in detail.open_rounds
        if _late(r, scope) and r.decided < len(partners)
    ]
    adopted = goals.adopted[0]
    without_benefit = [p for p in partners if p.id not in with_benefit] if goals.adopted_before_grace else []
    return finish(
        Area.OWNERSHIP,
        history,
        facts=_ownership_facts(
            goals.goals[0],
            adopted,
            [(p, commitments[p.id][1]) for p in partners],
            without_benefit,
            stalled,
            detail.results,
        ),
        partner_scores={
            p.id: as_score(
                mean(
                    [
                        (1.0 if p.id in with_benefit else 0.0) if adopted else None,
                        1 - commitments[p.id][1] / commitments[p.id][0] if commitments[p.id][0] else None,
                    ]
                )
            )
            for p in partners
        },
        last_activity=of_partners(detail.last_activity, partners),
        details={"without_benefit": [p.id for p in without_benefit], "stalled_rounds": stalled},
    )


def _late(row: ConsentRoundFacts, scope: Scope) -> bool:
    return row.deadline < scope.today or row.opened_at < scope.now - thresholds.CONSENT_STALLED_AFTER


def _ownership_facts(
    goals: int,
    adopted: int,
    overdue_by: list[tuple[PartnerRef, int]],
    without_benefit: list[PartnerRef],
    stalled: list[dict[str, object]],
    results: tuple[int, int, int],
) -> list[str]:
    found = [
        ngettext(
            "%(part)s doelen is door alle partners vastgesteld.",
            "%(part)s doelen zijn door alle partners vastgesteld.",
            adopted,
        )
        % {"part": of_count(adopted, goals)}
    ]
    late = [(p, n) for p, n in overdue_by if n]
    if late:
        total = sum(n for _p, n in late)
        found.append(
            ngettext("%(n)s afspraak is over tijd: %(who)s.", "%(n)s afspraken zijn over tijd: %(who)s.", total)
            % {"n": number_word(total), "who": join_names([f"{p.name} ({number_word(n)})" for p, n in late])}
        )
    if without_benefit:
        found.append(
            _("Nog niet beschreven wat de vastgestelde doelen hun opleveren: %(names)s.")
            % {"names": names(without_benefit)}
        )
    for row in stalled:
        found.append(
            _(
                "De instemmingsronde over ‘%(title)s’ staat stil: geopend op %(opened)s, "
                "besluit gevraagd vóór %(deadline)s."
            )
            % {
                "title": row["title"],
                "opened": nl_date(timezone.localdate(row["opened_at"])),  # type: ignore[arg-type]
                "deadline": nl_date(row["deadline"]),
            }
        )
    on_track, risk, off = results
    if on_track or risk or off:
        found.append(
            _("Resultaten: %(on)s op koers, %(risk)s met risico, %(off)s uit koers.")
            % {"on": number_word(on_track), "risk": number_word(risk), "off": number_word(off)}
        )
    return found
