"""Deel ervaringen: scored from the facts the experiences area offers."""

import datetime
from typing import Any
from uuid import UUID

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samen.core import formatting
from samen.experiences import facts
from samen.experiences.facts import ExperienceFacts, Totals
from samen.health import thresholds
from samen.health.areas import Area, Indicator, PartnerRef, Scope, as_score, mean
from samen.health.scoring import finish, of_partners
from samen.health.words import number_word, of_count, weeks_since, weeks_word


def _since(scope: Scope) -> datetime.date:
    """The check-ins that count: those closing in the half year before the oldest moment."""
    return scope.dates()[-1] - 2 * thresholds.QUARTER


def experiences(scope: Scope) -> dict[UUID, Indicator]:
    """Check-in response and the relationship score, signals that stay open, deviations nobody acknowledged."""
    ids, moments = scope.collaboration_ids, scope.moments
    found = facts.experience_facts(
        ids,
        moments=moments,
        checkins_since=_since(scope),
        signal_open_longer_than=thresholds.SIGNAL_OPEN_WORRY,
        acknowledge_within=thresholds.DEVIATION_UNACKNOWLEDGED_WORRY,
    )
    fields = facts.RELATIONSHIP_QUESTIONS
    indicators: dict[UUID, Indicator] = {}
    for cid in ids:
        partners, eligible, own = scope.partner_count(cid), scope.contact_count(cid), found[cid]
        history: list[int | None] = []
        for i in range(len(moments)):
            closed = [c for c in own.checkins if c.closed[i]]
            present = [d for d in own.deviations if d.announced[i]]
            if not (closed or own.signals[i] or present):
                history.append(None)
                continue
            parts: list[float | None] = []
            if closed:
                last = closed[-1]
                parts.append(
                    min(1.0, last.respondents / eligible / thresholds.CHECKIN_RESPONSE_GOOD) if eligible else None
                )
                total = last.totals
                if total and total.answers >= facts.MIN_RESPONDENTS:
                    parts.append((total.relationship / total.answers / fields - 1) / 4)
            if own.signals[i]:
                parts.append(1 - min(1.0, own.signals_open_long[i] / 3))
            due = [d for d in present if d.due[i]]
            if due:
                parts.append(sum(1 for d in due if d.acknowledged[i] >= partners - 1) / len(due))
            history.append(as_score(mean(parts)))
        if not scope.detail:
            indicators[cid] = finish(Area.EXPERIENCES, history, facts=[])
            continue
        unacknowledged = sum(1 for d in own.deviations if d.due[0] and d.acknowledged[0] < partners - 1)
        indicators[cid] = _experiences_detail(scope, cid, history, own, unacknowledged)
    return indicators


def _average(total: Totals | None, value: int | None, fields: int) -> float | None:
    if not total or total.answers < facts.MIN_RESPONDENTS or value is None:
        return None
    return round(value / total.answers / fields, 1)


def _experiences_detail(
    scope: Scope, cid: UUID, history: list[int | None], own: ExperienceFacts, unacknowledged: int
) -> Indicator:
    """The closed check-ins with per-partner response, sharing per partner, and the facts."""
    partners, now = scope.partners_of(cid), scope.now
    detail = facts.experience_detail(cid, since=_since(scope), today=scope.today)
    fields = facts.RELATIONSHIP_QUESTIONS
    checkins: list[dict[str, Any]] = [
        {
            "id": c.id,
            "title": c.title,
            "closes_on": c.closes_on,
            "respondents": c.respondents,
            "partners": c.answers_per_partner,
            "relationship": _average(c.totals, c.totals.relationship if c.totals else None, fields),
            "content": _average(c.totals, c.totals.progress if c.totals else None, 1),
        }
        for c in detail.checkins
    ]
    activity = of_partners(detail.last_activity, partners)
    silent = _silent(partners, activity, now)
    last = checkins[-1] if checkins else None
    partner_scores = {}
    for p in partners:
        response = None
        if last is not None and p.contacts:
            response = min(1.0, last["partners"].get(p.id, 0) / p.contacts / thresholds.CHECKIN_RESPONSE_GOOD)
        recent = 0.0 if p in silent else (1.0 if p.id in activity else None)
        partner_scores[p.id] = as_score(mean([response, recent]))
    return finish(
        Area.EXPERIENCES,
        history,
        facts=_experience_facts(
            last,
            checkins[-2] if len(checkins) > 1 else None,
            scope.contact_count(cid),
            own,
            unacknowledged,
            silent,
            activity,
            now,
        ),
        partner_scores=partner_scores,
        last_activity=activity,
        details={
            "checkins": checkins,
            "contacts": {p.id: p.contacts for p in partners},
            "silent": [p.id for p in silent],
        },
    )


def _silent(
    partners: list[PartnerRef], activity: dict[UUID, datetime.datetime], now: datetime.datetime
) -> list[PartnerRef]:
    """Partners with contacts that shared nothing for ten weeks while another partner did."""
    since = now - thresholds.SILENT_AFTER
    someone_active = any(at >= since for at in activity.values())
    if not someone_active:
        return []
    return [p for p in partners if p.has_contacts and (p.id not in activity or activity[p.id] < since)]


def _experience_facts(
    last: dict[str, Any] | None,
    previous: dict[str, Any] | None,
    eligible: int,
    own: ExperienceFacts,
    unacknowledged: int,
    silent: list[PartnerRef],
    activity: dict[UUID, datetime.datetime],
    now: datetime.datetime,
) -> list[str]:
    found = []
    if last is not None:
        found.append(
            _("Laatste check-in ‘%(title)s’ (gesloten %(date)s): %(part)s contactpersonen antwoordden.")
            % {
                "title": last["title"],
                "date": formatting.date(last["closes_on"]),
                "part": of_count(last["respondents"], eligible),
            }
        )
        if last["relationship"] is not None:
            text = _("De relatiescore is %(now)s op 5") % {"now": formatting.number(last["relationship"], 1)}
            if previous is not None and previous["relationship"] is not None:
                text += _(" (vorige check-in %(before)s)") % {"before": formatting.number(previous["relationship"], 1)}
            found.append(text + ".")
    open_long = own.signals_open_long[0] if own.signals_open_long else 0
    if open_long:
        oldest = own.oldest_open_signal
        found.append(
            ngettext(
                "%(n)s signaal staat al langer dan vier weken open.",
                "%(n)s signalen staan al langer dan vier weken open.",
                open_long,
            )
            % {"n": number_word(open_long)}
            + (
                " " + _("Het oudste open signaal is van %(date)s.") % {"date": formatting.date(oldest)}
                if oldest
                else ""
            )
        )
    if unacknowledged:
        found.append(
            ngettext(
                "%(n)s aangekondigde afwijking is na twee weken nog niet door alle partners gezien.",
                "%(n)s aangekondigde afwijkingen zijn na twee weken nog niet door alle partners gezien.",
                unacknowledged,
            )
            % {"n": number_word(unacknowledged)}
        )
    for partner in silent:
        since = activity.get(partner.id)
        found.append(
            _("%(name)s heeft in %(weeks)s niets gedeeld.")
            % {"name": partner.name, "weeks": weeks_since(since, now) if since else weeks_word(thresholds.SILENT_AFTER)}
        )
    return found
