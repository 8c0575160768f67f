"""Invitations: a facilitator brings a person into a collaboration for a partner and a role."""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samen import permissions
from samen.accounts.models import Invitation, Person, hash_token
from samen.audit.services import record
from samen.collaborations.models import Collaboration, Partner, Role
from samen.collaborations.services import validate_role
from samen.core.services import require

INVITATION_VALID_FOR = datetime.timedelta(days=14)


def invite_person(
    *, collaboration: Collaboration, email: str, full_name: str, kind: str, partner: Partner | None, by: "Person"
) -> Invitation:
    """Send a one-time invitation link by e-mail. Returns the invitation (the token is only in the mail)."""
    require(permissions.can_manage(by, collaboration), _("Alleen de facilitator kan mensen uitnodigen."))
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({"email": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl.")}) from exc
    existing = Person.objects.filter(email=email).select_related("organisation").first()
    validate_role(
        collaboration=collaboration,
        kind=kind,
        partner=partner,
        organisation=existing.organisation if existing else None,
    )
    if (
        existing
        and Role.objects.filter(person=existing, collaboration=collaboration, partner=partner, kind=kind).exists()
    ):
        raise ValidationError({"email": _("Deze persoon heeft deze rol al in deze samenwerking.")})
    if Invitation.objects.open().filter(collaboration=collaboration, email=email, partner=partner, kind=kind).exists():
        raise ValidationError({"email": _("Er staat al een uitnodiging open voor dit e-mailadres en deze rol.")})
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = Invitation.objects.create(
            email=email,
            full_name=full_name.strip(),
            collaboration=collaboration,
            partner=partner,
            kind=kind,
            token_hash=hash_token(token),
            invited_by=by,
            expires_at=timezone.now() + INVITATION_VALID_FOR,
        )
        record(
            by,
            "invitation.sent",
            invitation,
            collaboration=collaboration,
            after={"email": email, "kind": kind, "partner": str(partner or "")},
        )
        transaction.on_commit(lambda: _send_invitation(invitation, token))
    return invitation


def invitation_url(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("accounts:accept_invitation", args=[token])


def _send_invitation(invitation: Invitation, token: str) -> None:
    language = getattr(Person.objects.filter(email=invitation.email).first(), "language", "nl")
    with translation.override(language):
        context = {"invitation": invitation, "url": invitation_url(token)}
        subject = _("Uitnodiging voor %(name)s in Samen") % {"name": invitation.collaboration.name[:80]}
        body = render_to_string("accounts/email/invitation.txt", context)
    send_mail(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body, None, [invitation.email])


def find_open_invitation(token: str) -> Invitation:
    """The invitation behind ``token``; a clear Dutch message when it is used, revoked or expired."""
    invitation = (
        Invitation.objects.select_related("collaboration", "partner__organisation")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if invitation is None:
        raise ValidationError(_("Deze uitnodigingslink is onbekend. Controleer of u de hele link hebt gekopieerd."))
    if invitation.accepted_at is not None:
        raise ValidationError(_("Deze uitnodiging is al gebruikt. Log in met uw e-mailadres en wachtwoord."))
    if invitation.revoked_at is not None:
        raise ValidationError(_("Deze uitnodiging is ingetrokken. Vraag de facilitator om een nieuwe."))
    if invitation.expires_at <= timezone.now():
        raise ValidationError(_("Deze uitnodiging is verlopen. Vraag de facilitator om een nieuwe."))
    return invitation


def accept_invitation(*, token: str, person: Person | None, full_name: str = "", password: str = "") -> Person:
    """Use the link once: create the account if needed and give the role.

    ``person`` is the signed-in person, if any; they must be the invited address.
    """
    with transaction.atomic():
        invitation = find_open_invitation(token)
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at is not None:
            raise ValidationError(_("Deze uitnodiging is al gebruikt. Log in met uw e-mailadres en wachtwoord."))
        organisation = invitation.partner.organisation if invitation.partner else None
        if person is None:
            if Person.objects.filter(email=invitation.email).exists():
                raise ValidationError(_("Er bestaat al een account voor dit e-mailadres. Log eerst in."))
            if not full_name.strip():
                raise ValidationError({"full_name": _("Vul uw naam in.")})
            person = Person.objects.create_user(
                invitation.email, password, full_name=full_name.strip(), organisation=organisation
            )
            record(
                person, "person.created", person, collaboration=invitation.collaboration, after={"email": person.email}
            )
        elif person.email.lower() != invitation.email:
            raise ValidationError(
                _("Deze uitnodiging is voor %(email)s. Log uit en open de link opnieuw.") % {"email": invitation.email}
            )
        elif person.organisation_id is None and organisation is not None:
            person.organisation = organisation
            person.save(update_fields=["organisation"])
        validate_role(
            collaboration=invitation.collaboration,
            kind=invitation.kind,
            partner=invitation.partner,
            organisation=person.organisation,
        )
        Role.objects.get_or_create(
            person=person, collaboration=invitation.collaboration, partner=invitation.partner, kind=invitation.kind
        )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = person
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        record(
            person,
            "invitation.accepted",
            invitation,
            collaboration=invitation.collaboration,
            after={"kind": invitation.kind, "partner": str(invitation.partner or "")},
        )
    permissions.forget_roles(person)
    return person


def revoke_invitation(*, invitation: Invitation, by: "Person") -> None:
    require(
        permissions.can_manage(by, invitation.collaboration), _("Alleen de facilitator kan uitnodigingen intrekken.")
    )
    if not invitation.is_open:
        raise ValidationError(_("Deze uitnodiging is niet meer open."))
    with transaction.atomic():
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        record(by, "invitation.revoked", invitation, collaboration=invitation.collaboration)
