"""How allauth logs people in: no open sign-up, and a municipality's own identity provider (OIDC).

People normally join through an invitation. A municipality that connects its identity provider
(``OIDC_SERVER_URL``) lets its own people in directly: the first login creates the person and links
them to their organisation, found from a claim (see ``organisation_for_claims``). A person whose
organisation Samen does not know is refused with a Dutch explanation; an existing person is only
linked when the provider's organisation is theirs, so one IdP cannot take over another's accounts.
"""

from collections.abc import Mapping
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.stages import AuthenticateStage
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialLogin
from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import render
from django.utils.translation import gettext as _

from samen.accounts.models import Person
from samen.audit.services import record
from samen.collaborations.models import Organisation

# The session key that remembers that the identity provider itself asserted a second factor.
IDP_MFA_SESSION_KEY = "samen_idp_mfa"
# RFC 8176 "amr" values that stand for a second factor or a phishing-resistant key.
MFA_AMR_VALUES = frozenset({"mfa", "otp", "hwk", "swk", "sms", "fido", "sc"})


class AccountAdapter(DefaultAccountAdapter):
    """Samen has no open sign-up: people join through an invitation from a facilitator."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def get_login_stages(self) -> list[str]:
        stages = super().get_login_stages()
        return [
            "samen.accounts.adapters.SecondFactorStage" if stage == "allauth.mfa.stages.AuthenticateStage" else stage
            for stage in stages
        ]


class SecondFactorStage(AuthenticateStage):
    """Samen's own TOTP step, skipped only when the organisation's identity provider asserted MFA."""

    def _should_handle(self, request: HttpRequest) -> bool:
        if request.session.get(IDP_MFA_SESSION_KEY):
            return False
        return bool(super()._should_handle(request))


def claims_of(sociallogin: SocialLogin) -> dict[str, Any]:
    """The ID token's claims, completed with the userinfo endpoint's."""
    data = sociallogin.account.extra_data or {}
    merged: dict[str, Any] = {}
    for part in ("userinfo", "id_token"):
        if isinstance(data.get(part), Mapping):
            merged.update(data[part])
    return merged or dict(data)


def asserts_mfa(claims: Mapping[str, Any]) -> bool:
    """True when the provider says the person used a second factor (``amr``, or an ``acr`` listed in settings)."""
    amr = claims.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    if MFA_AMR_VALUES & {str(value).lower() for value in amr}:
        return True
    return str(claims.get("acr", "")) in settings.OIDC_MFA_ACR_VALUES


def organisation_for_claims(claims: Mapping[str, Any]) -> Organisation | None:
    """The person's organisation: a fixed OIN for this provider, else the OIN in the configured claim.

    ``OIDC_ORGANISATION_OIN`` suits a provider of one municipality (every person it logs in works
    there); ``OIDC_ORGANISATION_CLAIM`` (default ``oin``) suits a shared provider that says per person
    which organisation they belong to.
    """
    oin = settings.OIDC_ORGANISATION_OIN or str(claims.get(settings.OIDC_ORGANISATION_CLAIM) or "").strip()
    if not oin:
        return None
    return Organisation.objects.filter(oin=oin).first()


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """A municipality's own identity provider logs in its people, linked to their organisation."""

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        claims = claims_of(sociallogin)
        request.session[IDP_MFA_SESSION_KEY] = asserts_mfa(claims)
        if sociallogin.is_existing:
            if not sociallogin.user.is_active:
                self._refuse(request, _("Uw account in Samen is niet actief. Vraag de facilitator om hulp."))
            return
        organisation = organisation_for_claims(claims)
        if organisation is None:
            self._refuse(
                request,
                _(
                    "Uw organisatie is (nog) niet bekend in Samen, dus u kunt niet via uw eigen organisatie "
                    "inloggen. Vraag de facilitator van uw samenwerking om een uitnodiging."
                ),
            )
        assert organisation is not None
        email = str(claims.get("email") or "").strip().lower()
        if not email:
            self._refuse(request, _("Uw organisatie gaf geen e-mailadres door. Vraag uw beheerder om hulp."))
        existing = Person.objects.filter(email__iexact=email).first()
        if existing is not None:
            if existing.organisation_id != organisation.pk or not existing.is_active:
                self._refuse(
                    request,
                    _(
                        "Er bestaat al een account met dit e-mailadres bij een andere organisatie. "
                        "Log in met uw wachtwoord of vraag de facilitator om hulp."
                    ),
                )
            sociallogin.connect(request, existing)
            record(existing, "person.oidc_linked", existing, after={"provider": sociallogin.account.provider})
        else:
            sociallogin.user.organisation = organisation
        request.session["samen_oidc_organisation"] = str(organisation.pk)

    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        """Only people whose organisation the provider named (checked in ``pre_social_login``)."""
        return bool(request.session.get("samen_oidc_organisation"))

    def populate_user(self, request: HttpRequest, sociallogin: SocialLogin, data: dict[str, Any]) -> Any:
        user = super().populate_user(request, sociallogin, data)
        claims = claims_of(sociallogin)
        user.email = str(claims.get("email") or data.get("email") or "").lower()
        user.full_name = str(
            claims.get("name") or " ".join(filter(None, (data.get("first_name"), data.get("last_name")))) or user.email
        )
        return user

    def save_user(self, request: HttpRequest, sociallogin: SocialLogin, form: Any = None) -> Any:
        user = super().save_user(request, sociallogin, form)
        record(
            user,
            "person.created_by_oidc",
            user,
            after={
                "email": user.email,
                "organisation": str(user.organisation),
                "provider": sociallogin.account.provider,
            },
        )
        return user

    def _refuse(self, request: HttpRequest, reason: str) -> None:
        record(None, "person.oidc_refused", None, after={"reason": reason})
        raise ImmediateHttpResponse(render(request, "403.html", {"exception": reason}, status=403))
