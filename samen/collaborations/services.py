"""Every state change of collaborations, partners and roles. Each writes its audit event."""

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samen import permissions
from samen.audit.services import record
from samen.collaborations import people
from samen.collaborations.models import (
    Collaboration,
    CollaborationKind,
    Organisation,
    Partner,
    PolicyField,
    Role,
    RoleKind,
)
from samen.collaborations.signals import partner_joined, partner_left
from samen.core import formatting
from samen.core.services import require

if TYPE_CHECKING:
    from samen.accounts.models import Person

REASON_MAX = 300


def activate_workspace(*, collaboration: Collaboration, by: "Person") -> Collaboration:
    """Start working in Samen on a register collaboration; the person who starts it facilitates."""
    require(
        permissions.can_activate(by, collaboration),
        _("Alleen iemand van een deelnemende organisatie kan deze samenwerking in Samen starten."),
    )
    with transaction.atomic():
        collaboration.workspace_active = True
        collaboration.save(update_fields=["workspace_active"])
        Role.objects.get_or_create(person=by, collaboration=collaboration, partner=None, kind=RoleKind.FACILITATOR)
        record(by, "collaboration.activated", collaboration, after={"workspace_active": True})
    permissions.forget_roles(by)
    return collaboration


def create_collaboration(
    *,
    by: "Person",
    name: str,
    kind: str,
    purpose: str,
    organisations: Sequence[Organisation],
    start_date: datetime.date | None = None,
    policy_fields: Sequence[PolicyField] = (),
) -> Collaboration:
    """A convenant, DVO or informal collaboration that is not in the register."""
    require(
        permissions.can_create_collaboration(by),
        _("U hoort bij geen organisatie en kunt dus geen samenwerking starten."),
    )
    if kind == CollaborationKind.GR:
        raise ValidationError(
            _("Een gemeenschappelijke regeling staat in het landelijke register; zoek haar op en start daar."),
            code="gr_from_register",
        )
    if not name.strip():
        raise ValidationError(_("Geef de samenwerking een naam."), code="name")
    unique = list(dict.fromkeys(organisations))
    if len(unique) < 2:
        raise ValidationError(_("Een samenwerking heeft minstens twee partners."), code="partners")
    with transaction.atomic():
        collaboration = Collaboration.objects.create(
            name=name.strip(), kind=kind, purpose=purpose.strip(), start_date=start_date, workspace_active=True
        )
        collaboration.policy_fields.set(policy_fields)
        today = timezone.localdate()
        Partner.objects.bulk_create(
            [Partner(collaboration=collaboration, organisation=o, joined_on=start_date or today) for o in unique]
        )
        Role.objects.create(person=by, collaboration=collaboration, partner=None, kind=RoleKind.FACILITATOR)
        record(
            by,
            "collaboration.created",
            collaboration,
            after={"name": collaboration.name, "kind": kind, "partners": [o.name for o in unique]},
        )
    permissions.forget_roles(by)
    return collaboration


def assign_role(
    *, collaboration: Collaboration, person: "Person", kind: str, partner: Partner | None, by: "Person"
) -> Role:
    """Give ``person`` a role; a partner role only for someone of that partner's organisation."""
    require(permissions.can_manage(by, collaboration), _("Alleen de facilitator kan rollen toekennen."))
    validate_role(collaboration=collaboration, kind=kind, partner=partner, organisation=person.organisation)
    with transaction.atomic():
        role, created = Role.objects.get_or_create(
            person=person, collaboration=collaboration, partner=partner, kind=kind
        )
        if created:
            record(
                by,
                "role.assigned",
                role,
                collaboration=collaboration,
                after={"person": str(person), "kind": kind, "partner": str(partner) if partner else ""},
            )
    permissions.forget_roles(person)
    return role


def validate_role(
    *, collaboration: Collaboration, kind: str, partner: Partner | None, organisation: Organisation | None
) -> None:
    """The shared rule for roles and invitations: partner roles belong to that partner's people."""
    if kind not in RoleKind.values:
        raise ValidationError(_("Kies een bestaande rol."), code="kind")
    if kind == RoleKind.FACILITATOR:
        if partner is not None:
            raise ValidationError(_("Een facilitator handelt namens de samenwerking, niet namens een partner."))
        return
    if partner is None:
        raise ValidationError(_("Kies de partner namens wie deze persoon handelt."), code="partner")
    if partner.collaboration_id != collaboration.pk or not partner.is_current:
        raise ValidationError(_("Deze organisatie is geen partner van deze samenwerking."), code="partner")
    if organisation is not None and organisation.pk != partner.organisation_id:
        raise ValidationError(
            _("Deze persoon hoort bij %(org)s en kan dus niet namens %(partner)s handelen.")
            % {"org": organisation, "partner": partner.organisation},
            code="organisation",
        )


def remove_role(*, role: Role, by: "Person") -> None:
    collaboration = role.collaboration
    require(permissions.can_manage(by, collaboration), _("Alleen de facilitator kan rollen intrekken."))
    if role.kind == RoleKind.FACILITATOR and collaboration.roles.filter(kind=RoleKind.FACILITATOR).count() == 1:
        raise ValidationError(_("Een samenwerking heeft altijd minstens één facilitator."), code="last_facilitator")
    with transaction.atomic():
        record(
            by,
            "role.removed",
            role,
            collaboration=collaboration,
            before={"person": str(role.person), "kind": role.kind, "partner": str(role.partner or "")},
        )
        role.delete()
    permissions.forget_roles(role.person)


# --- partners joining and leaving ------------------------------------------------------------
#
# What a departure does, in this order and in one transaction:
# 1. the partner gets ``left_on`` and ``left_reason``; it stays in the list of former partners, and
#    everything it wrote (decisions, pledges, readings, commitments) keeps pointing to it;
# 2. the roles of its people in this collaboration end (listed in the audit event), so they are no
#    longer invited, reminded, asked to decide or counted in check-ins;
# 3. ``partner_left`` is sent; each area reacts in its own ``receivers`` module: goals settles the open
#    consent rounds without the partner and drops its open commitments, interests closes its pledges,
#    accounts revokes the open invitations for the partner;
# 4. everyone in the collaboration is told (the leaving partner's people as addressed to them).
# Health and the check-in anonymity groups count current partners only, so they follow by themselves.


def _change_allowed(by: "Person | None", collaboration: Collaboration) -> None:
    """``by`` None is the register import, which records what the national register says."""
    if by is not None:
        require(permissions.can_change_partners(by, collaboration), str(permissions.CHANGE_PARTNERS_REFUSED))


def _checked_reason(reason: str, message: str) -> str:
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": message}, code="reason")
    if len(reason) > REASON_MAX:
        raise ValidationError(
            {"reason": _("Houd de reden kort: hoogstens %(max)s tekens.") % {"max": REASON_MAX}}, code="reason"
        )
    return reason


def _checked_day(on: datetime.date | None, missing: str) -> datetime.date:
    if on is None:
        raise ValidationError({"on": missing}, code="on")
    if on > timezone.localdate():
        raise ValidationError(
            {"on": _("Leg dit vast op of na de dag zelf: kies vandaag of een eerdere datum.")}, code="future"
        )
    return on


def _tell(collaboration: Collaboration, partner: Partner, own_people: list[Any], subject: str, body: str) -> None:
    from samen.notifications.services import Kind, notify

    others = [p for p in people.people(collaboration) if p.pk not in {o.pk for o in own_people}]
    url = reverse("collaborations:detail", args=[collaboration.pk])
    for recipients, addressed in ((own_people, True), (others, False)):
        if recipients:
            notify(
                kind=Kind.OTHER,
                recipients=recipients,
                subject=subject,
                body=body,
                url=url,
                collaboration=collaboration,
                addressed=addressed,
            )


def partner_leaves(
    *,
    collaboration: Collaboration,
    organisation: Organisation,
    on: datetime.date | None,
    by: "Person | None",
    reason: str,
) -> Partner:
    """``organisation`` leaves ``collaboration`` on ``on`` (today or earlier; once; not before it joined)."""
    _change_allowed(by, collaboration)
    partner = collaboration.partners.filter(organisation=organisation).select_related("organisation").first()
    if partner is None:
        raise ValidationError(
            _("%(org)s is geen partner van deze samenwerking.") % {"org": organisation}, code="not_partner"
        )
    if partner.left_on is not None:
        raise ValidationError(
            _("%(org)s is al uitgetreden op %(date)s.")
            % {"org": organisation, "date": formatting.date(partner.left_on)},
            code="already_left",
        )
    on = _checked_day(on, _("Vul de datum van uittreden in."))
    if partner.joined_on and on < partner.joined_on:
        raise ValidationError(
            {
                "on": _("De uittreding kan niet vóór de toetreding op %(date)s liggen.")
                % {"date": formatting.date(partner.joined_on)}
            },
            code="before_joining",
        )
    reason = _checked_reason(reason, _("Geef de reden van het uittreden."))
    with transaction.atomic():
        roles = list(partner.roles.select_related("person"))
        own_people = [role.person for role in roles if role.person.is_active]
        partner.left_on, partner.left_reason = on, reason
        partner.save(update_fields=["left_on", "left_reason"])
        Role.objects.filter(pk__in=[role.pk for role in roles]).delete()
        record(
            by,
            "partner.left",
            partner,
            collaboration=collaboration,
            before={"left_on": None},
            after={
                "organisation": str(organisation),
                "left_on": on,
                "reason": reason,
                "roles_ended": [f"{role.person} ({role.get_kind_display()})" for role in roles],
            },
        )
        partner_left.send(sender=Partner, partner=partner, by=by, reason=reason)
        _tell(
            collaboration,
            partner,
            own_people,
            _("%(org)s is uitgetreden uit %(collaboration)s") % {"org": organisation, "collaboration": collaboration},
            _("%(org)s neemt sinds %(date)s niet meer deel aan %(collaboration)s. Reden: %(reason)s")
            % {"org": organisation, "date": formatting.date(on), "collaboration": collaboration, "reason": reason},
        )
    for role in roles:
        permissions.forget_roles(role.person)
    return partner


def partner_joins(
    *,
    collaboration: Collaboration,
    organisation: Organisation,
    on: datetime.date | None,
    by: "Person | None",
    reason: str,
    in_register: bool = False,
) -> Partner:
    """``organisation`` joins ``collaboration`` on ``on`` (today or earlier); a former partner may join again."""
    _change_allowed(by, collaboration)
    if not organisation.exists:
        message = _("%(org)s bestaat niet meer en kan dus niet toetreden.") % {"org": organisation}
        if organisation.successor_id:
            message = _("%(org)s bestaat niet meer; de gemeente is opgegaan in %(successor)s.") % {
                "org": organisation,
                "successor": organisation.successor,
            }
        raise ValidationError(message, code="ceased")
    partner = collaboration.partners.filter(organisation=organisation).first()
    if partner is not None and partner.left_on is None:
        raise ValidationError(
            _("%(org)s is al partner van deze samenwerking.") % {"org": organisation}, code="already_partner"
        )
    on = _checked_day(on, _("Vul de datum van toetreden in."))
    if partner is not None and partner.left_on and on < partner.left_on:
        raise ValidationError(
            {
                "on": _("%(org)s is uitgetreden op %(date)s; een nieuwe toetreding ligt niet daarvóór.")
                % {"org": organisation, "date": formatting.date(partner.left_on)}
            },
            code="before_leaving",
        )
    reason = _checked_reason(reason, _("Geef de reden van het toetreden."))
    with transaction.atomic():
        before: dict[str, Any] = {}
        if partner is None:
            partner = Partner.objects.create(
                collaboration=collaboration, organisation=organisation, joined_on=on, in_register=in_register
            )
        else:
            before = {"joined_on": partner.joined_on, "left_on": partner.left_on, "left_reason": partner.left_reason}
            partner.joined_on, partner.left_on, partner.left_reason = on, None, ""
            partner.in_register = partner.in_register or in_register
            partner.save(update_fields=["joined_on", "left_on", "left_reason", "in_register"])
        record(
            by,
            "partner.joined",
            partner,
            collaboration=collaboration,
            before=before,
            after={"organisation": str(organisation), "joined_on": on, "reason": reason},
        )
        partner_joined.send(sender=Partner, partner=partner, by=by, reason=reason)
        _tell(
            collaboration,
            partner,
            [],
            _("%(org)s is toegetreden tot %(collaboration)s") % {"org": organisation, "collaboration": collaboration},
            _("%(org)s neemt sinds %(date)s deel aan %(collaboration)s. Reden: %(reason)s")
            % {"org": organisation, "date": formatting.date(on), "collaboration": collaboration, "reason": reason},
        )
    return partner
