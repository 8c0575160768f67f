"""Every state change of ambitions, pledges and the honesty round. Each writes its audit event.

Bad input raises ``ValidationError`` with a Dutch message (keyed by form field where there is
one) before anything is written; permissions come from ``samen.permissions``.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samen import permissions
from samen.accounts.models import Person
from samen.audit.services import record
from samen.collaborations.models import Collaboration, Partner, RoleKind
from samen.core.services import ConcurrentEditError, require, save_versioned
from samen.interests import rules
from samen.interests.catalogue import Catalogue, catalogue_for
from samen.interests.models import (
    Ambition,
    CustomMotive,
    CustomTension,
    Declaration,
    DeclarationStatus,
    GoChoice,
    GoDecision,
    HonestyRound,
    Interest,
    Pledge,
    RedLine,
)
from samen.notifications.services import Kind, notify

ANY = object()  # "don't check which pledge this change replaces"


def _concurrent() -> ConcurrentEditError:
    return ConcurrentEditError(
        _(
            "Iemand anders heeft dit intussen opgeslagen. Uw invoer is niet verloren: hij staat hieronder. "
            "Vergelijk hem met de nieuwe versie en sla opnieuw op."
        ),
        code="concurrent_edit",
    )


def _scale(value: Any, field: str, message: str) -> int:
    """A whole number from 1 to 5, or a ValidationError on ``field`` with ``message``."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError({field: message}, code="scale") from None
    if str(number) != str(value).strip() or not rules.SCALE_MIN <= number <= rules.SCALE_MAX:
        raise ValidationError({field: message}, code="scale")
    return number


def _amount(value: Any, field: str, message: str) -> Decimal | None:
    """An optional amount that may not be negative."""
    if value is None or value == "":
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise ValidationError({field: _("Vul een getal in.")}, code="number") from None
    if not amount.is_finite():
        raise ValidationError({field: _("Vul een getal in.")}, code="number")
    if amount < 0:
        raise ValidationError({field: message}, code="negative")
    return amount


def _not_your_partner(partner: Partner) -> str:
    return _("U handelt niet namens %(partner)s en kunt dit dus niet namens hen doen.") % {"partner": partner}


# --- ambitions -----------------------------------------------------------------------------


def _ambition_fields(
    *, title: str, description: str, horizon_year: Any, needed_hours_per_month: Any, needed_budget_euros: Any
) -> dict[str, Any]:
    errors: dict[str, str] = {}
    fields: dict[str, Any] = {"title": (title or "").strip(), "description": (description or "").strip()}
    if not fields["title"]:
        errors["title"] = _("Geef de ambitie een titel.")
    if horizon_year in ("", None):
        fields["horizon_year"] = None
    else:
        try:
            year = int(horizon_year)
        except (TypeError, ValueError):
            year = 0
        if not 2000 <= year <= 2100:
            errors["horizon_year"] = _("Kies als horizon een jaartal tussen 2000 en 2100.")
        fields["horizon_year"] = year
    for name, value, message in (
        ("needed_hours_per_month", needed_hours_per_month, _("Het aantal benodigde uren kan niet negatief zijn.")),
        ("needed_budget_euros", needed_budget_euros, _("Het benodigde budget kan niet negatief zijn.")),
    ):
        try:
            fields[name] = _amount(value, name, message)
        except ValidationError as error:
            errors.update({k: v[0] for k, v in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    return fields


def create_ambition(
    *,
    collaboration: Collaboration,
    by: Any,
    title: str,
    description: str = "",
    horizon_year: Any = None,
    needed_hours_per_month: Any = None,
    needed_budget_euros: Any = None,
) -> Ambition:
    require(
        permissions.can_edit_ambitions(by, collaboration),
        _("Alleen de facilitator en de contactpersonen van de partners kunnen ambities toevoegen."),
    )
    fields = _ambition_fields(
        title=title,
        description=description,
        horizon_year=horizon_year,
        needed_hours_per_month=needed_hours_per_month,
        needed_budget_euros=needed_budget_euros,
    )
    with transaction.atomic():
        ambition = Ambition.objects.create(collaboration=collaboration, created_by=by, **fields)
        record(by, "interests.ambition_created", ambition, collaboration=collaboration, after=fields)
    return ambition


def update_ambition(*, ambition: Ambition, by: Any, expected_version: int | None, **values: Any) -> Ambition:
    collaboration = ambition.collaboration
    require(
        permissions.can_edit_ambitions(by, collaboration),
        _("Alleen de facilitator en de contactpersonen van de partners kunnen ambities wijzigen."),
    )
    fields = _ambition_fields(**values)
    before = {name: getattr(ambition, name) for name in fields}
    if before == fields:
        return ambition
    with transaction.atomic():
        save_versioned(ambition, expected_version, fields)
        record(by, "interests.ambition_changed", ambition, collaboration=collaboration, before=before, after=fields)
    return ambition


def remove_ambition(*, ambition: Ambition, by: Any) -> None:
    collaboration = ambition.collaboration
    require(permissions.can_remove_ambition(by, collaboration), _("Alleen de facilitator kan een ambitie verwijderen."))
    with transaction.atomic():
        record(
            by,
            "interests.ambition_removed",
            ambition,
            collaboration=collaboration,
            before={"title": ambition.title, "pledges": ambition.pledges.count()},
        )
        ambition.delete()


# --- pledges -------------------------------------------------------------------------------


def pledge(
    *,
    ambition: Ambition,
    partner: Partner,
    by: Any,
    urgency: Any,
    hours_per_month: Any = None,
    fte: Any = None,
    budget_euros: Any = None,
    capacity_notes: str = "",
    replaces: Any = ANY,
) -> Pledge:
    """A partner's (new) pledge for an ambition. The previous one stays, marked as superseded.

    ``replaces``: the id of the current pledge the person saw (``None`` when there was none), so
    that two people of one partner changing the pledge at once do not silently overwrite each other.
    """
    collaboration = ambition.collaboration
    require(permissions.can_pledge(by, collaboration, partner), _not_your_partner(partner))
    errors: dict[str, Any] = {}
    values: dict[str, Any] = {"capacity_notes": (capacity_notes or "").strip()}
    try:
        values["urgency"] = _scale(urgency, "urgency", _("Kies een urgentie van 1 (nauwelijks) tot en met 5 (zeer)."))
    except ValidationError as error:
        errors.update(error.message_dict)
    for name, value, message in (
        ("hours_per_month", hours_per_month, _("Het aantal uren per maand kan niet negatief zijn.")),
        ("fte", fte, _("Het aantal fte kan niet negatief zijn.")),
        ("budget_euros", budget_euros, _("Een budget in euro kan niet negatief zijn.")),
    ):
        try:
            values[name] = _amount(value, name, message)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    current = Pledge.objects.current().filter(ambition=ambition, partner=partner).first()
    if replaces is not ANY and str(replaces or "") != str(current.pk if current else ""):
        raise _concurrent()
    if current is not None and all(getattr(current, name) == value for name, value in values.items()):
        return current  # the same pledge again (a double submit): nothing changes
    now = timezone.now()
    try:
        with transaction.atomic():
            if current is not None:
                Pledge.objects.filter(pk=current.pk, superseded_at__isnull=True).update(superseded_at=now)
            new = Pledge.objects.create(ambition=ambition, partner=partner, pledged_by=by, pledged_at=now, **values)
            record(
                by,
                "interests.pledged",
                new,
                collaboration=collaboration,
                before={name: getattr(current, name) for name in values} if current else {},
                after={"partner": str(partner), **values},
            )
    except IntegrityError:
        raise _concurrent() from None
    return new


# --- the catalogue -------------------------------------------------------------------------


def add_motive(*, collaboration: Collaboration, by: Any, name: str, description: str = "") -> CustomMotive:
    """A motive this collaboration's partners need that the shipped catalogue lacks."""
    require(
        permissions.can_run_honesty_round(by, collaboration),
        _("Alleen de facilitator kan de motievencatalogus aanvullen."),
    )
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Geef het motief een naam.")})
    if len(name) > 120:
        raise ValidationError({"name": _("Houd de naam van het motief korter dan 120 tekens.")})
    code = slugify(name).replace("-", "_")[:60].strip("_")
    if not code or not code[0].isalpha():
        code = f"m_{code}"[:60]
    catalogue = catalogue_for(collaboration)
    if code in catalogue.motives or any(m.name.lower() == name.lower() for m in catalogue.motives.values()):
        raise ValidationError({"name": _("Het motief %(name)s staat al in de catalogus.") % {"name": name}})
    try:
        with transaction.atomic():
            motive = CustomMotive.objects.create(
                collaboration=collaboration, code=code, name=name, description=(description or "").strip(), added_by=by
            )
            record(
                by, "interests.motive_added", motive, collaboration=collaboration, after={"code": code, "name": name}
            )
    except IntegrityError:
        raise ValidationError({"name": _("Het motief %(name)s staat al in de catalogus.") % {"name": name}}) from None
    return motive


def add_tension(*, collaboration: Collaboration, by: Any, motive_a: str, motive_b: str, question: str) -> CustomTension:
    """Two motives that pull against each other in this collaboration, with the question to discuss."""
    require(
        permissions.can_run_honesty_round(by, collaboration),
        _("Alleen de facilitator kan de spanningencatalogus aanvullen."),
    )
    catalogue = catalogue_for(collaboration)
    for field, code in (("motive_a", motive_a), ("motive_b", motive_b)):
        if code not in catalogue.motives:
            raise ValidationError({field: _unknown_motive(code)})
    if motive_a == motive_b:
        raise ValidationError(
            {
                "motive_b": _(
                    "Een spanning staat tussen twee verschillende motieven. Kies als tweede motief iets anders "
                    "dan %(motive)s."
                )
                % {"motive": catalogue.lower_name(motive_a)}
            }
        )
    question = (question or "").strip()
    if not question:
        raise ValidationError(
            {"question": _("Schrijf de vraag op die de partners over deze spanning moeten bespreken.")}
        )
    if catalogue.has_tension(motive_a, motive_b):
        raise ValidationError({"motive_b": _("Deze spanning staat al in de catalogus.")})
    with transaction.atomic():
        tension = CustomTension.objects.create(
            collaboration=collaboration, motive_a=motive_a, motive_b=motive_b, question=question, added_by=by
        )
        record(
            by,
            "interests.tension_added",
            tension,
            collaboration=collaboration,
            after={"motive_a": motive_a, "motive_b": motive_b, "question": question},
        )
    return tension


def _unknown_motive(code: str) -> str:
    return _("Het motief %(code)s staat niet in de catalogus van deze samenwerking.") % {"code": code}


# --- the round -----------------------------------------------------------------------------


def open_round(*, collaboration: Collaboration, by: Any, title: str, deadline: datetime.date | None) -> HonestyRound:
    """Open a round; each partner starts from its declaration of the previous round, as a draft."""
    require(
        permissions.can_run_honesty_round(by, collaboration),
        _("Alleen de facilitator kan een eerlijkheidsronde openen."),
    )
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": _("Geef de ronde een titel, bijvoorbeeld Eerlijkheidsronde 2026.")})
    if deadline is None:
        raise ValidationError({"deadline": _("Kies de datum waarop de partners hun verklaring uiterlijk delen.")})
    if deadline < timezone.localdate():
        raise ValidationError({"deadline": _("De deadline ligt in het verleden. Kies vandaag of een latere datum.")})
    running = HonestyRound.objects.filter(collaboration=collaboration, closed_at__isnull=True).first()
    if running is not None:
        raise ValidationError(_("Er loopt al een eerlijkheidsronde (%(title)s). Sluit die eerst.") % {"title": running})
    previous = HonestyRound.objects.of(collaboration).first()
    try:
        with transaction.atomic():
            honesty_round = HonestyRound.objects.create(
                collaboration=collaboration, title=title, deadline=deadline, opened_by=by, previous=previous
            )
            copied = _carry_over(previous, honesty_round, catalogue_for(collaboration)) if previous else 0
            record(
                by,
                "interests.round_opened",
                honesty_round,
                collaboration=collaboration,
                after={"title": title, "deadline": deadline, "declarations_carried_over": copied},
            )
            _announce(honesty_round, collaboration)
    except IntegrityError:
        raise ValidationError(_("Er loopt al een eerlijkheidsronde. Sluit die eerst.")) from None
    return honesty_round


def _carry_over(previous: HonestyRound, honesty_round: HonestyRound, catalogue: Catalogue) -> int:
    """Copy each current partner's declaration of ``previous`` into the new round, as a draft."""
    olds = list(
        Declaration.objects.filter(
            round=previous, partner__in=honesty_round.collaboration.partners.current()
        ).prefetch_related("interests", "red_lines")
    )
    news = [
        Declaration(round=honesty_round, partner_id=old.partner_id, intentions=old.intentions, based_on=old)
        for old in olds
    ]
    Declaration.objects.bulk_create(news)
    Interest.objects.bulk_create(
        [
            Interest(declaration=new, motive=i.motive, weight=i.weight, explanation=i.explanation)
            for old, new in zip(olds, news, strict=True)
            for i in old.interests.all()
            if i.motive in catalogue.motives
        ]
    )
    RedLine.objects.bulk_create(
        [
            RedLine(
                declaration=new,
                text=r.text,
                motive=r.motive if r.motive in catalogue.motives else "",
                position=r.position,
            )
            for old, new in zip(olds, news, strict=True)
            for r in old.red_lines.all()
        ]
    )
    return len(news)


def _announce(honesty_round: HonestyRound, collaboration: Collaboration) -> None:
    """Tell every contact of every partner; texts are lazy, so each reads them in their own language."""
    contacts = Person.objects.filter(
        roles__collaboration=collaboration,
        roles__kind__in=[RoleKind.OFFICIAL, RoleKind.EXECUTIVE],
        roles__partner__in=collaboration.partners.current(),
        is_active=True,
    ).distinct()
    values = {"collaboration": collaboration.name, "title": honesty_round.title}

    def subject() -> str:
        return _("Eerlijkheidsronde geopend: %(title)s") % values

    def body() -> str:
        return _(
            "In %(collaboration)s is de eerlijkheidsronde %(title)s geopend. Deel uiterlijk %(deadline)s de belangen, "
            "intenties en rode lijnen van uw organisatie. Het ambtelijk contact stelt de verklaring op; het "
            "bestuurlijk contact bevestigt en deelt haar."
        ) % {**values, "deadline": date_format(honesty_round.deadline, "j F Y")}

    def summary() -> str:
        return _("Deadline eerlijkheidsronde: %(title)s") % values

    notify(
        kind=Kind.HONESTY_ROUND,
        recipients=list(contacts),
        subject=lazy(subject, str)(),
        body=lazy(body, str)(),
        url=reverse("interests:round", args=[collaboration.pk, honesty_round.pk]),
        collaboration=collaboration,
        addressed=True,
        event_at=honesty_round.deadline,
        calendar={
            "start": honesty_round.deadline,
            "summary": lazy(summary, str)(),
            "uid": f"eerlijkheidsronde-{honesty_round.pk}",
        },
    )


def close_round(*, honesty_round: HonestyRound, by: Any) -> HonestyRound:
    collaboration = honesty_round.collaboration
    require(
        permissions.can_run_honesty_round(by, collaboration),
        _("Alleen de facilitator kan een eerlijkheidsronde sluiten."),
    )
    if not honesty_round.is_open:
        return honesty_round
    with transaction.atomic():
        now = timezone.now()
        HonestyRound.objects.filter(pk=honesty_round.pk).update(closed_at=now, closed_by=by)
        honesty_round.closed_at, honesty_round.closed_by = now, by
        record(by, "interests.round_closed", honesty_round, collaboration=collaboration, after={"closed_at": now})
    return honesty_round


def _require_open(honesty_round: HonestyRound) -> None:
    if not honesty_round.is_open:
        raise ValidationError(_("Deze eerlijkheidsronde is gesloten; er kan niets meer worden gewijzigd."))


# --- declarations --------------------------------------------------------------------------


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
            raise ValidationError({"interests": _unknown_motive(item.motive)})
        if item.motive in seen:
            raise ValidationError(
                {"interests": _("U noemt %(motive)s twee keer.") % {"motive": catalogue.lower_name(item.motive)}}
            )
        seen.add(item.motive)
        weight = _scale(
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
            raise ValidationError({"red_lines": _unknown_motive(given.motive)})
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
    by: Any,
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
    require(permissions.can_draft_declaration(by, collaboration, partner), _not_your_partner(partner))
    _require_open(honesty_round)
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
                    raise _concurrent()
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
        raise _concurrent() from None
    return declaration


def share_declaration(*, declaration: Declaration, by: Any, expected_version: int | None = None) -> Declaration:
    """The bestuurlijk contact confirms the draft and shares it with every partner of the collaboration."""
    honesty_round = declaration.round
    collaboration = honesty_round.collaboration
    partner = declaration.partner
    if not permissions.can_share_declaration(by, collaboration, partner):
        require(permissions.can_draft_declaration(by, collaboration, partner), _not_your_partner(partner))
        require(
            False,
            _("Alleen het bestuurlijk contact van %(partner)s kan de verklaring bevestigen en delen.")
            % {"partner": partner},
        )
    _require_open(honesty_round)
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


def reopen_declaration(*, declaration: Declaration, by: Any) -> Declaration:
    """Back to draft, so that the partner can change it; the other partners no longer see it."""
    honesty_round = declaration.round
    collaboration = honesty_round.collaboration
    partner = declaration.partner
    if not permissions.can_share_declaration(by, collaboration, partner):
        require(permissions.can_draft_declaration(by, collaboration, partner), _not_your_partner(partner))
        require(
            False,
            _("Alleen het bestuurlijk contact van %(partner)s kan een gedeelde verklaring terugzetten naar concept.")
            % {"partner": partner},
        )
    _require_open(honesty_round)
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
    *, honesty_round: HonestyRound, partner: Partner, by: Any, decision: str, reasons: str = ""
) -> GoDecision:
    """Is there ground to work together? The bestuurlijk contact answers for the partner."""
    collaboration = honesty_round.collaboration
    if not permissions.can_decide_ground(by, collaboration, partner):
        require(permissions.can_draft_declaration(by, collaboration, partner), _not_your_partner(partner))
        require(
            False,
            _("Alleen het bestuurlijk contact van %(partner)s kan namens hen go of no-go zeggen.")
            % {"partner": partner},
        )
    _require_open(honesty_round)
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
        raise _concurrent() from None
    return obj
