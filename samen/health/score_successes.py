"""Erken en vier successen: scored from the facts the successes area offers."""

from uuid import UUID

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samen.health import thresholds
from samen.health.areas import Area, Indicator, Scope, as_score, mean
from samen.health.scoring import finish, names
from samen.health.words import number_word
from samen.successes import facts


def successes(scope: Scope) -> dict[UUID, Indicator]:
    """Successes per quarter, and what was reached but not (yet) celebrated."""
    ids = scope.collaboration_ids
    found = facts.success_facts(
        ids, moments=scope.moments, quarter=thresholds.QUARTER, celebration_grace=thresholds.CELEBRATION_GRACE
    )
    involvement = (
        facts.partner_involvement(ids, moment=scope.now, window=thresholds.PARTNER_SUCCESS_WINDOW)
        if scope.detail
        else {}
    )
    indicators: dict[UUID, Indicator] = {}
    for cid in ids:
        count = found[cid]
        history: list[int | None] = []
        for i in range(len(scope.moments)):
            if not (count.recorded[i] or count.reached[i] or count.spotlights[i]):
                history.append(None)
                continue
            celebrated = 1 - count.not_celebrated[i] / count.reached[i] if count.reached[i] else None
            in_quarter = min(1.0, count.in_quarter[i] / thresholds.SUCCESSES_PER_QUARTER_GOOD)
            history.append(as_score(mean([in_quarter, celebrated])))
        if not scope.detail:
            indicators[cid] = finish(Area.SUCCESSES, history, facts=[])
            continue
        partners = scope.partners_of(cid)
        not_involved = [p for p in partners if not involvement.get(p.id)]
        said = [
            ngettext(
                "%(n)s succes in het afgelopen kwartaal (%(public)s openbaar).",
                "%(n)s successen in het afgelopen kwartaal (%(public)s openbaar).",
                count.in_quarter[0],
            )
            % {"n": number_word(count.in_quarter[0]), "public": number_word(count.public_in_quarter[0])}
        ]
        if count.not_celebrated[0]:
            said.append(
                ngettext(
                    "%(n)s keer iets bereikt dat na twee weken nog niet is gevierd.",
                    "%(n)s keer iets bereikt dat na twee weken nog niet is gevierd.",
                    count.not_celebrated[0],
                )
                % {"n": number_word(count.not_celebrated[0])}
            )
        if count.spotlights[0]:
            said.append(
                ngettext(
                    "%(n)s keer iemand in het zonnetje gezet dit kwartaal.",
                    "%(n)s keer iemand in het zonnetje gezet dit kwartaal.",
                    count.spotlights[0],
                )
                % {"n": number_word(count.spotlights[0])}
            )
        if not_involved and len(not_involved) < len(partners):
            said.append(
                _("Geen succes waarbij %(names)s betrokken was in het afgelopen half jaar.")
                % {"names": names(not_involved)}
            )
        indicators[cid] = finish(
            Area.SUCCESSES,
            history,
            facts=said,
            partner_scores={
                p.id: as_score(involvement.get(p.id, 0) / thresholds.SUCCESSES_PER_QUARTER_GOOD) for p in partners
            },
            details={"uncelebrated": count.not_celebrated[0], "public_this_quarter": count.public_in_quarter[0]},
        )
    return indicators
