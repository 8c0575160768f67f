"""Every state change of collaborations, partners and roles. Each writes its audit event."""

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samen import permissions
from samen.audit.services import record
from samen.collaborations.models import (
    Collaboration,
    CollaborationKind,
    Organisation,
    Partner,
    PolicyField,
    Role,
    RoleKind,
)
from samen.core.services import require


def activate_workspace(*, collaboration: Collaboration, by: Any) -> Collaboration:
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
    by: Any,
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


def assign_role(*, collaboration: Collaboration, person: Any, kind: str, partner: Partner | None, by: Any) -> Role:
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


def remove_role(*, role: Role, by: Any) -> None:
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
