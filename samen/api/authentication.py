"""``Authorization: Bearer <token>`` with a personal API token."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from samen import permissions
from samen.api import services
from samen.api.models import ApiToken


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        keyword, _sep, raw = header.strip().partition(" ")
        if keyword.lower() != self.keyword.lower() or not raw.strip():
            raise exceptions.AuthenticationFailed(_("Stuur het token mee als 'Authorization: Bearer <token>'."))
        token = services.token_for(raw.strip())
        if token is None:
            raise exceptions.AuthenticationFailed(_("Dit token is onbekend."))
        if token.revoked_at is None and token.is_expired:
            raise exceptions.AuthenticationFailed(_("Dit token is verlopen. Maak een nieuw token aan."))
        if not token.is_active:
            raise exceptions.AuthenticationFailed(_("Dit token is ingetrokken. Maak een nieuw token aan."))
        if not permissions.can_use_api(token.person):
            raise exceptions.AuthenticationFailed(_("Het account van dit token is niet actief."))
        services.mark_used(token)
        return token.person, token

    def authenticate_header(self, request: Request) -> str:
        return f'{self.keyword} realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "samen.api.authentication.ApiTokenAuthentication"
    name = "persoonlijkToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Een persoonlijk API-token, aan te maken op de pagina API-tokens in Samen.",
        }
