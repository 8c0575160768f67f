"""Consent per partner organisation: opening a round, ambtelijk advice, bestuurlijk decisions, adoption."""

import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samen import permissions
from samen.audit.services import record
from samen.collaborations import people
from samen.collaborations.models import Collaboration, Partner, RoleKind
from samen.core import formatting
from samen.core.services import require
from samen.goals.models import (
    Advice,
    AdviceKind,
    Benefit,
    ConsentRound,
    Decision,
    DecisionKind,
    Goal,
    GoalVersion,
    RoundStatus,
    Tally,
    VersionStatus,
    tally,
)
from samen.goals.signals import goal_adopted
from samen.notifications.services import Kind, notify

if TYPE_CHECKING:
    from samen.accounts.models import Person


def _closed_error(action: str) -> ValidationError:
    return ValidationError(
        _("Deze instemmingsronde is gesloten; %(action)s kan niet meer.") % {"action": action}, code="round_closed"
    )


def round_tally(consent_round: ConsentRound) -> Tally:
    """Where ``consent_round`` stands now, counting the partners that are current today.

    Three queries, whatever the number of partners: the current partners (with their organisations),
    the decisions and the advice (with their people). Each decision and advice gets its partner from
    the first list, so no query joins four tables.
    """
    partners = list(
        Partner.objects.current()
        .filter(collaboration__goals=consent_round.goal_id)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    by_id = {partner.pk: partner for partner in partners}
    decisions = list(consent_round.decisions.select_related("person"))
    advice = list(consent_round.advice.select_related("person"))
    for decision in decisions:
        if decision.partner_id in by_id:
            decision.partner = by_id[decision.partner_id]
    for item in advice:
        if item.partner_id in by_id:
            item.partner = by_id[item.partner_id]
    return tally(partners, decisions, advice)


def goal_url(goal: Goal) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("goals:goal", args=[goal.collaboration_id, goal.pk])


def _notify_waiting(consent_round: ConsentRound, partners: list[Partner]) -> None:
    """Tell the bestuurlijk contacts of ``partners`` that a decision is asked of them (queued, not sent here)."""
    recipients = people.people(consent_round.goal.collaboration_id, kinds=[RoleKind.EXECUTIVE], partner_ids=partners)
    version = consent_round.version
    deadline = consent_round.deadline
    start = timezone.make_aware(datetime.datetime.combine(deadline, datetime.time(9, 0)))
    notify(
        kind=Kind.CONSENT_WAITING,
        recipients=list(recipients),
        subject=_("Uw besluit gevraagd: %(title)s") % {"title": version.title},
        body=_(
            "Versie %(number)s van het doel “%(title)s” ligt ter instemming voor. "
            "Wilt u namens uw organisatie besluiten vóór %(deadline)s: instemmen, instemmen met voorwaarden, "
            "bezwaar maken of u onthouden?"
        )
        % {"number": version.number, "title": version.title, "deadline": formatting.date(deadline)},
        url=goal_url(consent_round.goal),
        collaboration=consent_round.goal.collaboration,
        addressed=True,
        calendar={
            "start": start,
            "end": start + datetime.timedelta(minutes=30),
            "summary": _("Besluit over doel: %(title)s") % {"title": version.title},
        },
    )


def open_consent_round(*, goal: Goal, by: "Person", deadline: datetime.date | None) -> ConsentRound:
    """Put the goal's draft to every current partner. Needs a benefit statement of each of them."""
    collaboration = goal.collaboration
    require(
        permissions.can_open_consent_round(by, collaboration),
        str(permissions.OPEN_CONSENT_ROUND_REFUSED),
    )
    today = timezone.localdate()
    if deadline is None:
        raise ValidationError({"deadline": _("Kies de datum waarvóór de partners besluiten.")})
    if deadline < today:
        raise ValidationError({"deadline": _("De uiterste datum ligt in het verleden. Kies vandaag of later.")})
    with transaction.atomic():
        goal = Goal.objects.select_for_update(of=("self",)).select_related("latest_version").get(pk=goal.pk)
        version = goal.latest_version
        if version is None or version.status == VersionStatus.IN_CONSENT:
            raise ValidationError(_("Er loopt al een instemmingsronde over dit doel."), code="round_open")
        if version.status != VersionStatus.DRAFT:
            raise ValidationError(
                _("Er is geen concept om voor te leggen. Doe eerst een wijzigingsvoorstel."), code="no_draft"
            )
        partners = list(collaboration.current_partners())
        stated = set(
            Benefit.objects.filter(goal=goal, partner__in=partners)
            .exclude(text="")
            .values_list("partner_id", flat=True)
        )
        missing = [str(p.organisation) for p in partners if p.pk not in stated]
        if missing:
            raise ValidationError(
                _(
                    "Een instemmingsronde kan pas openen als elke partner heeft beschreven wat het doel oplevert. "
                    "Dat ontbreekt nog voor: %(names)s."
                )
                % {"names": ", ".join(missing)},
                code="benefit_missing",
            )
        # Bumping ``version`` makes a draft save that started before this moment fail instead of slipping in.
        changed = GoalVersion.objects.filter(pk=version.pk, status=VersionStatus.DRAFT).update(
            status=VersionStatus.IN_CONSENT, version=F("version") + 1
        )
        if changed != 1:
            raise ValidationError(_("Er loopt al een instemmingsronde over dit doel."), code="round_open")
        version.refresh_from_db()
        consent_round = ConsentRound.objects.create(goal=goal, version=version, opened_by=by, deadline=deadline)
        record(
            by,
            "goal.round_opened",
            consent_round,
            collaboration=collaboration,
            after={"version": version.number, "deadline": deadline, "partners": [str(p) for p in partners]},
        )
        _notify_waiting(consent_round, partners)
    return consent_round


def record_advice(*, consent_round: ConsentRound, partner: Partner, by: "Person", kind: str, text: str = "") -> Advice:
    """Ambtelijk advice to the partner's bestuur: support, or concerns with a text. Changeable while open."""
    if not consent_round.is_open:
        raise _closed_error(_("advies geven"))
    require(
        partner.collaboration_id == consent_round.goal.collaboration_id and permissions.can_advise(by, partner),
        _("Alleen een ambtelijk contactpersoon van %(partner)s kan namens hen adviseren.")
        % {"partner": partner.organisation},
    )
    text = (text or "").strip()
    if kind not in AdviceKind.values:
        raise ValidationError({"kind": _("Kies steun of zorgen.")})
    if kind == AdviceKind.CONCERNS and not text:
        raise ValidationError(
            {"text": _("Beschrijf uw zorgen, zodat uw bestuurder en de partners weten waar het om gaat.")}
        )
    with transaction.atomic():
        consent_round = ConsentRound.objects.select_for_update(of=("self",)).get(pk=consent_round.pk)
        if not consent_round.is_open:
            raise _closed_error(_("advies geven"))
        existing = Advice.objects.filter(round=consent_round, person=by).first()
        if existing is not None and existing.kind == kind and existing.text == text:
            return existing
        before = {"kind": existing.kind, "text": existing.text} if existing else None
        advice, created = Advice.objects.update_or_create(
            round=consent_round,
            person=by,
            defaults={"partner": partner, "kind": kind, "text": text, "given_at": timezone.now()},
        )
        record(
            by,
            "goal.advice_given" if created else "goal.advice_changed",
            advice,
            collaboration=consent_round.goal.collaboration,
            before=before,
            after={"partner": str(partner), "kind": kind, "text": text},
        )
    return advice


def record_decision(
    *, consent_round: ConsentRound, partner: Partner, by: "Person", kind: str, text: str = ""
) -> Decision:
    """The bestuurlijk contact's decision for one partner in one round (one per partner).

    A change of mind while the round is open replaces the decision and is logged with the
    previous one; the same decision submitted twice changes nothing. The last decision that
    completes the round adopts the goal.
    """
    if partner.collaboration_id != consent_round.goal.collaboration_id:
        raise PermissionDenied(_("Deze organisatie is geen partner van deze samenwerking."))
    if not consent_round.is_open:
        raise _closed_error(_("een besluit nemen"))
    require(
        permissions.can_decide(by, partner),
        _("Alleen de bestuurlijk contactpersoon van %(partner)s kan namens hen besluiten.")
        % {"partner": partner.organisation},
    )
    text = (text or "").strip()
    if kind not in DecisionKind.values:
        raise ValidationError(
            {"kind": _("Kies een besluit: instemming, instemming met voorwaarden, bezwaar of onthouding.")}
        )
    if kind == DecisionKind.CONDITIONAL and not text:
        raise ValidationError({"text": _("Noem de voorwaarden waaronder u instemt.")})
    if kind == DecisionKind.OBJECTION and not text:
        raise ValidationError({"text": _("Geef de reden van uw bezwaar, zodat de partners het doel kunnen aanpassen.")})
    collaboration = consent_round.goal.collaboration
    with transaction.atomic():
        consent_round = ConsentRound.objects.select_for_update(of=("self",)).get(pk=consent_round.pk)
        if not consent_round.is_open:
            raise _closed_error(_("een besluit nemen"))
        decision = Decision.objects.filter(round=consent_round, partner=partner).first()
        if decision is not None and decision.kind == kind and decision.text == text:
            return decision  # a double submit: one decision, one audit event
        if decision is None:
            decision = Decision.objects.create(round=consent_round, partner=partner, person=by, kind=kind, text=text)
            record(
                by,
                "goal.decision_recorded",
                decision,
                collaboration=collaboration,
                after={"partner": str(partner), "kind": kind, "text": text},
            )
        else:
            before = {"partner": str(partner), "kind": decision.kind, "text": decision.text, "by": str(decision.person)}
            decision.kind, decision.text, decision.person = kind, text, by
            decision.decided_at = timezone.now()
            decision.changes += 1
            decision.save(update_fields=["kind", "text", "person", "decided_at", "changes"])
            record(
                by,
                "goal.decision_changed",
                decision,
                collaboration=collaboration,
                before=before,
                after={"partner": str(partner), "kind": kind, "text": text},
            )
        _adopt_if_complete(consent_round, by)
    return decision


def _adopt_if_complete(consent_round: ConsentRound, actor: "Person | None") -> bool:
    """Adopt the round's version when the tally allows it. Call inside a transaction holding the round."""
    current = round_tally(consent_round)
    if not current.adoptable:
        return False
    now = timezone.now()
    goal = Goal.objects.select_for_update(of=("self",)).select_related("collaboration").get(pk=consent_round.goal_id)
    version = GoalVersion.objects.get(pk=consent_round.version_id)
    previous = goal.adopted_version_id
    if previous is not None:
        GoalVersion.objects.filter(pk=previous).update(status=VersionStatus.SUPERSEDED)
    GoalVersion.objects.filter(pk=version.pk).update(status=VersionStatus.ADOPTED, adopted_at=now)
    ConsentRound.objects.filter(pk=consent_round.pk).update(status=RoundStatus.ADOPTED, closed_at=now)
    consent_round.status, consent_round.closed_at = RoundStatus.ADOPTED, now
    version.status, version.adopted_at = VersionStatus.ADOPTED, now
    goal.adopted_version, goal.adopted_at = version, now
    goal.save(update_fields=["adopted_version", "adopted_at"])
    record(
        actor,
        "goal.adopted",
        goal,
        collaboration=goal.collaboration,
        before={"version": None} if previous is None else {"version_id": previous},
        after={
            "version": version.number,
            "consented": [str(row.partner) for row in current.rows if row.decision and row.decision.is_consent],
            "abstained": [
                str(row.partner) for row in current.rows if row.decision and row.decision.kind == DecisionKind.ABSTAIN
            ],
            "conditions": {str(d.partner): d.text for d in current.conditions},
        },
    )
    collaboration = goal.collaboration
    transaction.on_commit(
        lambda: goal_adopted.send(
            sender=Goal, goal=goal, version=version, consent_round=consent_round, collaboration=collaboration
        )
    )
    return True


def adopt_goal(*, consent_round: ConsentRound, by: "Person") -> Goal:
    """Adopt a round whose tally allows it but that was not settled yet (a partner left since the last decision)."""
    collaboration = consent_round.goal.collaboration
    require(
        permissions.can_open_consent_round(by, collaboration),
        _("Alleen de facilitator of een contactpersoon van een partner kan een doel vaststellen."),
    )
    if not consent_round.is_open:
        raise _closed_error(_("vaststellen"))
    with transaction.atomic():
        consent_round = ConsentRound.objects.select_for_update(of=("self",)).get(pk=consent_round.pk)
        if not consent_round.is_open:
            raise _closed_error(_("vaststellen"))
        if not _adopt_if_complete(consent_round, by):
            current = round_tally(consent_round)
            if current.objected:
                message = _("Er is bezwaar gemaakt. Pas het doel aan met een wijzigingsvoorstel.")
            elif current.waiting:
                message = _("Nog niet alle partners hebben besloten. Wachten op: %(names)s.") % {
                    "names": ", ".join(str(p.organisation) for p in current.waiting)
                }
            else:
                message = _("Geen enkele partner heeft ingestemd; het doel kan niet worden vastgesteld.")
            raise ValidationError(message, code="not_adoptable")
    return Goal.objects.get(pk=consent_round.goal_id)


def settle_rounds_after_departure(collaboration: Collaboration | Any) -> int:
    """A partner left: its decision no longer counts, so open rounds may now be complete. Returns adoptions."""
    adopted = 0
    open_rounds = ConsentRound.objects.filter(goal__collaboration=collaboration, status=RoundStatus.OPEN)
    for round_id in list(open_rounds.values_list("pk", flat=True)):
        with transaction.atomic():
            consent_round = ConsentRound.objects.select_for_update(of=("self",)).get(pk=round_id)
            if consent_round.is_open and _adopt_if_complete(consent_round, None):
                adopted += 1
    return adopted
