"""Writing goals together: drafts, edits, amendments and change proposals, and what each partner gains."""

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samen import permissions
from samen.audit.services import record
from samen.collaborations.models import Collaboration, Partner
from samen.core.services import ConcurrentEditError, require, save_versioned
from samen.goals.models import (
    Benefit,
    ConsentRound,
    Goal,
    GoalEdit,
    GoalVersion,
    RoundStatus,
    VersionStatus,
)
from samen.goals.services.common import acting_partner, clean_text, collect, raise_if

if TYPE_CHECKING:
    from samen.accounts.models import Person

TITLE_MAX = 200


def _clean_wording(title: str, text: str) -> tuple[str, str]:
    title, text = clean_text(title), clean_text(text)
    errors: dict[str, list[str]] = {}
    if not title:
        collect(errors, "title", _("Geef het doel een korte titel."))
    elif len(title) > TITLE_MAX:
        collect(errors, "title", _("De titel is te lang: gebruik hoogstens 200 tekens."))
    if not text:
        collect(errors, "text", _("Beschrijf het doel: wat willen we samen bereiken?"))
    raise_if(errors)
    return title, text


def _require_writer(by: "Person", collaboration: Collaboration) -> None:
    require(
        permissions.can_write_goal(by, collaboration),
        str(permissions.WRITE_GOAL_REFUSED),
    )


def create_goal(
    *, collaboration: Collaboration, by: "Person", title: str, text: str, partner: Partner | None = None
) -> Goal:
    """A new goal with its first version as a draft, written on behalf of ``by``'s partner."""
    _require_writer(by, collaboration)
    partner = acting_partner(by, collaboration, partner)
    title, text = _clean_wording(title, text)
    with transaction.atomic():
        goal = Goal.objects.create(collaboration=collaboration, created_by=by)
        version = GoalVersion.objects.create(
            goal=goal, number=1, title=title, text=text, author=by, author_partner=partner
        )
        GoalEdit.objects.create(version=version, person=by, partner=partner, title=title, text=text)
        goal.latest_version = version
        goal.save(update_fields=["latest_version"])
        record(
            by,
            "goal.created",
            goal,
            collaboration=collaboration,
            after={"title": title, "text": text, "partner": str(partner)},
        )
    return goal


def save_draft(
    *,
    version: GoalVersion,
    by: "Person",
    expected_version: int | None,
    title: str,
    text: str,
    reason: str | None = None,
    partner: Partner | None = None,
) -> GoalVersion:
    """Save a draft that several people may be editing (optimistic locking on ``expected_version``).

    When someone else saved in between, ``ConcurrentEditError`` is raised and nothing is
    written: the page then shows the other person's text beside this person's own.
    Submitting the very same wording twice is not a conflict.
    """
    collaboration = version.goal.collaboration
    _require_writer(by, collaboration)
    partner = acting_partner(by, collaboration, partner)
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(
            _(
                "Deze versie ligt ter instemming of is vastgesteld en kan niet meer worden bewerkt. "
                "Doe een wijzigingsvoorstel."
            ),
            code="not_a_draft",
        )
    title, text = _clean_wording(title, text)
    fields: dict[str, Any] = {"title": title, "text": text, "updated_at": timezone.now()}
    if reason is not None:
        reason = clean_text(reason)
        if version.number > 1 and not reason:
            raise ValidationError({"reason": _("Geef de reden van deze nieuwe versie.")})
        fields["reason"] = reason
    before = {"title": version.title, "text": version.text}
    try:
        with transaction.atomic():
            save_versioned(version, expected_version, fields)
            if version.status != VersionStatus.DRAFT:  # opened for consent in the same instant
                raise ConcurrentEditError(
                    _("Deze versie is intussen ter instemming voorgelegd en kan niet meer worden bewerkt."),
                    code="concurrent_edit",
                )
            GoalEdit.objects.create(version=version, person=by, partner=partner, title=title, text=text)
            record(by, "goal.draft_saved", version, collaboration=collaboration, before=before, after=fields)
    except ConcurrentEditError:
        version.refresh_from_db()
        if version.title == title and version.text == text and version.status == VersionStatus.DRAFT:
            return version  # a double submit of the same text
        raise
    return version


def propose_amendment(
    *, goal: Goal, by: "Person", title: str, text: str, reason: str, partner: Partner | None = None
) -> GoalVersion:
    """A new version with a reason: after an objection, or as a change proposal on an adopted goal.

    A consent round still open on the previous version is closed (its decisions do not carry
    over: a new version resets). An adopted version stays in force until the new one is adopted.
    """
    collaboration = goal.collaboration
    _require_writer(by, collaboration)
    partner = acting_partner(by, collaboration, partner)
    title, text = _clean_wording(title, text)
    reason = clean_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Geef de reden van dit wijzigingsvoorstel.")})
    with transaction.atomic():
        goal = Goal.objects.select_for_update(of=("self",)).select_related("latest_version").get(pk=goal.pk)
        latest = goal.latest_version
        assert latest is not None
        if latest.status == VersionStatus.DRAFT:
            raise ValidationError(
                _("Er ligt al een concept voor dit doel. Bewerk dat concept in plaats van een nieuwe versie te maken."),
                code="draft_exists",
            )
        if latest.title == title and latest.text == text:
            raise ValidationError({"text": _("De nieuwe versie is gelijk aan de vorige. Pas de tekst aan.")})
        now = timezone.now()
        closed = ConsentRound.objects.filter(goal=goal, status=RoundStatus.OPEN).first()
        if closed is not None:
            ConsentRound.objects.filter(pk=closed.pk).update(status=RoundStatus.CLOSED, closed_at=now)
            record(by, "goal.round_closed", closed, collaboration=collaboration, after={"reason": "amendment"})
        if latest.status == VersionStatus.IN_CONSENT:
            GoalVersion.objects.filter(pk=latest.pk).update(status=VersionStatus.NOT_ADOPTED)
        try:
            with transaction.atomic():
                version = GoalVersion.objects.create(
                    goal=goal,
                    number=latest.number + 1,
                    title=title,
                    text=text,
                    reason=reason,
                    author=by,
                    author_partner=partner,
                    based_on=latest,
                )
        except IntegrityError:
            raise ValidationError(
                _("Iemand anders heeft zojuist een nieuwe versie van dit doel gemaakt. Bekijk die eerst."),
                code="concurrent_amendment",
            ) from None
        GoalEdit.objects.create(version=version, person=by, partner=partner, title=title, text=text)
        goal.latest_version = version
        goal.save(update_fields=["latest_version"])
        record(
            by,
            "goal.amendment_proposed",
            version,
            collaboration=collaboration,
            before={"version": latest.number, "title": latest.title, "text": latest.text},
            after={"version": version.number, "title": title, "text": text, "reason": reason},
        )
    return version


def state_benefit(
    *, goal: Goal, partner: Partner, by: "Person", text: str, expected_version: int | None = None
) -> Benefit:
    """What the goal yields for ``partner`` ("wat levert het ons op"), written by that partner's contact."""
    if partner.collaboration_id != goal.collaboration_id:
        raise ValidationError(_("Deze organisatie is geen partner van deze samenwerking."), code="partner")
    require(
        permissions.can_write_for(by, partner),
        _("U kunt alleen beschrijven wat het doel uw eigen organisatie oplevert."),
    )
    text = clean_text(text)
    if not text:
        raise ValidationError({"text": _("Beschrijf wat dit doel uw organisatie oplevert.")})
    collaboration = goal.collaboration
    with transaction.atomic():
        existing = Benefit.objects.filter(goal=goal, partner=partner).first()
        if existing is None:
            try:
                with transaction.atomic():
                    benefit = Benefit.objects.create(goal=goal, partner=partner, text=text, author=by)
            except IntegrityError:
                raise ConcurrentEditError(
                    _(
                        "Iemand anders heeft dit intussen opgeslagen. Uw tekst is niet verloren: "
                        "hij staat hieronder. Vergelijk hem met de nieuwe versie en sla opnieuw op."
                    ),
                    code="concurrent_edit",
                ) from None
            record(by, "goal.benefit_stated", benefit, collaboration=collaboration, after={"text": text})
            return benefit
        if existing.text == text:
            return existing
        before = {"text": existing.text}
        save_versioned(existing, expected_version, {"text": text, "author": by, "updated_at": timezone.now()})
        record(by, "goal.benefit_changed", existing, collaboration=collaboration, before=before, after={"text": text})
    return existing
