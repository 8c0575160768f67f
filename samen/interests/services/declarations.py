"""Declarations (drafted ambtelijk, confirmed and shared bestuurlijk) and the go / no-go per partner."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samen import permissions
from samen.audit.services import record
from samen.collaborations.models import Partner
from samen.core.services import require, save_versioned
from samen.interests.catalogue import Catalogue, catalogue_for
from samen.interests.choices import GoChoice
from samen.interests.models import Declaration, DeclarationStatus, GoDecision, HonestyRound, Interest, RedLine
from samen.interests.services.common import concurrent_edit, not_your_partner, require_open, scale, unknown_motive

if TYPE_CHECKING:
    from samen.accounts.models import Person


@dataclass(frozen=True)
class InterestInput:
    motive: str
    weight: Any
    explanation: str = ""


@dataclass(frozen=True)
class RedLineInput:
    text: str
    motive: str = ""


def _clean_contents(
    interests: Sequence[InterestInput], red_lines: Sequence[RedLineInput], catalogue: Catalogue
) -> tuple[list[tuple[str, int, str]], list[tuple[str, str]]]:
    cleaned: list[tuple[str, int, str]] = []
    seen: set[str] = set()
    for item in interests:
        if item.motive not in catalogue.motives:
            raise ValidationError({"interests": unknown_motive(item.motive)})
        if item.motive in seen:
            raise ValidationError(
                {"interests": _("U noemt %(motive)s twee keer.") % {"motive": catalogue.lower_name(item.motive)}}
            )
        seen.add(item.motive)
        weight = scale(
            item.weight,
            f"weight_{item.motive}",
            _("Geef %(motive)s een gewicht van 1 (bijzaak) tot en met 5 (doorslaggevend).")
            % {"motive": catalogue.lower_name(item.motive)},
        )
        cleaned.append((item.motive, weight, (item.explanation or "").strip()))
    lines: list[tuple[str, str]] = []
    for given in red_lines:
        text = " ".join((given.text or "").split())
        if not text:
            continue
        if len(text) > 500:
            raise ValidationError({"red_lines": _("Houd elke rode lijn korter dan 500 tekens.")})
        if given.motive and given.motive not in catalogue.motives:
            raise ValidationError({"red_lines": unknown_motive(given.motive)})
        lines.append((text, given.motive or ""))
    return cleaned, lines


def _contents(declaration: Declaration) -> tuple[str, list[tuple[str, int, str]], list[tuple[str, str]]]:
    interests = sorted((i.motive, i.weight, i.explanation) for i in declaration.interests.all())
    red_lines = [(r.text, r.motive) for r in declaration.red_lines.order_by("position")]
    return declaration.intentions, interests, red_lines


def save_declaration(
    *,
    honesty_round: HonestyRound,
    partner: Partner,
    by: "Person",
    intentions: str,
    interests: Sequence[InterestInput],
    red_lines: Sequence[RedLineInput],
    expected_version: int | None = None,
) -> Declaration:
    """Write a partner's draft: interests with weight and explanation, intentions, red lines.

    ``expected_version`` is the version the person opened (0 when there was no declaration yet).
    The audit event records only counts: a draft's content stays inside the partner.
    """
    collaboration = honesty_round.collaboration
    require(permissions.can_draft_declaration(by, collaboration, partner), not_your_partner(partner))
    require_open(honesty_round)
    declaration = Declaration.objects.filter(round=honesty_round, partner=partner).first()
    if declaration is not None and declaration.is_shared:
        raise ValidationError(
            _(
                "Deze verklaring is al gedeeld. Het bestuurlijk contact kan haar terugzetten naar concept; "
                "daarna kunt u haar weer wijzigen."
            )
        )
    cleaned, lines = _clean_contents(interests, red_lines, catalogue_for(collaboration))
    intentions = (intentions or "").strip()
    if declaration is not None and _contents(declaration) == (intentions, sorted(cleaned), lines):
        return declaration  # nothing changed (or the same form sent twice)
    try:
        with transaction.atomic():
            if declaration is None:
                if expected_version not in (None, 0):
                    raise concurrent_edit()
                declaration = Declaration.objects.create(
                    round=honesty_round, partner=partner, intentions=intentions, drafted_by=by
                )
            else:
                save_versioned(
                    declaration,
                    expected_version,
                    {"intentions": intentions, "drafted_by": by, "updated_at": timezone.now()},
                )
                declaration.interests.all().delete()
                declaration.red_lines.all().delete()
            Interest.objects.bulk_create(
                [Interest(declaration=declaration, motive=m, weight=w, explanation=e) for m, w, e in cleaned]
            )
            RedLine.objects.bulk_create(
                [RedLine(declaration=declaration, text=t, motive=m, position=n) for n, (t, m) in enumerate(lines)]
            )
            record(
                by,
                "interests.declaration_saved",
                declaration,
                collaboration=collaboration,
                after={"status": DeclarationStatus.DRAFT, "interests": len(cleaned), "red_lines": len(lines)},
            )
    except IntegrityError:
        raise concurrent_edit() from None
    return declaration


def share_declaration(*, declaration: Declaration, by: "Person", expected_version: int | None = None) -> Declaration:
    """The bestuurlijk contact confirms the draft and shares it with every partner of the collaboration."""
    honesty_round = declaration.round
    collaboration = honesty_round.collaboration
    partner = declaration.partner
    if not permissions.can_share_declaration(by, collaboration, partner):
        require(permissions.can_draft_declaration(by, collaboration, partner), not_your_partner(partner))
        require(
            False,
            _("Alleen het bestuurlijk contact van %(partner)s kan de verklaring bevestigen en delen.")
            % {"partner": partner},
        )
    require_open(honesty_round)
    if declaration.is_shared:
        return declaration
    if not declaration.interests.exists():
        raise ValidationError(_("Kies minstens één belang voordat u de verklaring deelt."))
    with transaction.atomic():
        save_versioned(
            declaration,
            expected_version,
            {"status": DeclarationStatus.SHARED, "shared_by": by, "shared_at": timezone.now()},
        )
        record(
            by,
            "interests.declaration_shared",
            declaration,
            collaboration=collaboration,
            after={
                "status": DeclarationStatus.SHARED,
                "interests": {i.motive: i.weight for i in declaration.interests.all()},
                "red_lines": [r.text for r in declaration.red_lines.all()],
            },
        )
    return declaration


def reopen_declaration(*, declaration: Declaration, by: "Person") -> Declaration:
    """Back to draft, so that the partner can change it; the other partners no longer see it."""
    honesty_round = declaration.round
    collaboration = honesty_round.collaboration
    partner = declaration.partner
    if not permissions.can_share_declaration(by, collaboration, partner):
        require(permissions.can_draft_declaration(by, collaboration, partner), not_your_partner(partner))
        require(
            False,
            _("Alleen het bestuurlijk contact van %(partner)s kan een gedeelde verklaring terugzetten naar concept.")
            % {"partner": partner},
        )
    require_open(honesty_round)
    if not declaration.is_shared:
        return declaration
    with transaction.atomic():
        save_versioned(declaration, None, {"status": DeclarationStatus.DRAFT, "shared_by": None, "shared_at": None})
        record(
            by,
            "interests.declaration_reopened",
            declaration,
            collaboration=collaboration,
            before={"status": DeclarationStatus.SHARED},
            after={"status": DeclarationStatus.DRAFT},
        )
    return declaration


# --- go / no-go ----------------------------------------------------------------------------


def record_go_decision(
    *, honesty_round: HonestyRound, partner: Partner, by: "Person", decision: str, reasons: str = ""
) -> GoDecision:
    """Is there ground to work together? The bestuurlijk contact answers for the partner."""
    collaboration = honesty_round.collaboration
    if not permissions.can_decide_ground(by, collaboration, partner):
        require(permissions.can_draft_declaration(by, collaboration, partner), not_your_partner(partner))
        require(
            False,
            _("Alleen het bestuurlijk contact van %(partner)s kan namens hen go of no-go zeggen.")
            % {"partner": partner},
        )
    require_open(honesty_round)
    if decision not in GoChoice.values:
        raise ValidationError({"decision": _("Kies go, go met voorwaarden of no-go.")})
    reasons = (reasons or "").strip()
    if decision == GoChoice.CONDITIONS and not reasons:
        raise ValidationError({"reasons": _("Schrijf bij go met voorwaarden op welke voorwaarden u stelt.")})
    if decision == GoChoice.NO_GO and not reasons:
        raise ValidationError({"reasons": _("Schrijf bij een no-go op waarom er voor u geen bodem is.")})
    current = GoDecision.objects.filter(round=honesty_round, partner=partner).first()
    if current is not None and (current.decision, current.reasons) == (decision, reasons):
        return current
    before = {"decision": current.decision, "reasons": current.reasons} if current else {}
    try:
        with transaction.atomic():
            obj, _created = GoDecision.objects.update_or_create(
                round=honesty_round,
                partner=partner,
                defaults={"decision": decision, "reasons": reasons, "decided_by": by, "decided_at": timezone.now()},
            )
            record(
                by,
                "interests.go_decision",
                obj,
                collaboration=collaboration,
                before=before,
                after={"partner": str(partner), "decision": decision, "reasons": reasons},
            )
    except IntegrityError:
        raise concurrent_edit() from None
    return obj
