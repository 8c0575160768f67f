"""A person removed at their organisation's identity provider loses access to Samen within minutes.

At an OIDC login Samen keeps the provider's tokens in the (server-side) session. Every
``OIDC_RECHECK_MINUTES`` it asks the provider again: with the refresh token at the token endpoint, or,
when the provider gave none, with the access token at the userinfo endpoint. When the provider refuses
(the person was removed or blocked, their tokens revoked, or their session there ended), Samen logs the
person out with a Dutch message and records ``person.oidc_access_ended``. A provider that cannot be
reached is no refusal: the session goes on and Samen asks again after the next interval.
"""

import time
from typing import Any, cast

import requests
import structlog
from allauth.socialaccount.models import SocialLogin
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from samen.audit.services import record

SESSION_KEY = "samen_oidc"
TIMEOUT_SECONDS = 5
SKIPPED_PREFIXES = ("/static/", "/_healthz/", "/api/")

log = structlog.get_logger("samen.accounts.oidc")


def logged_in(sender: Any, request: HttpRequest, sociallogin: SocialLogin | None = None, **kwargs: Any) -> None:
    """Every login (allauth's signal) starts afresh: only a login through the provider is rechecked with it."""
    request.session.pop(SESSION_KEY, None)
    if sociallogin is not None and sociallogin.token is not None:
        remember(request, sociallogin)


def remember(request: HttpRequest, sociallogin: SocialLogin) -> None:
    """Keep what Samen needs to ask the provider again later."""
    token = sociallogin.token
    assert token is not None
    request.session[SESSION_KEY] = {
        "provider": sociallogin.account.provider,
        "access": token.token,
        "refresh": token.token_secret or "",
        "checked": time.time(),
    }


def ask_provider(request: HttpRequest, state: dict[str, Any]) -> tuple[bool | None, str]:
    """(True, "") while the provider knows the person, (False, reason) when it refuses, (None, …) if unreachable."""
    adapter = OpenIDConnectOAuth2Adapter(request, state["provider"])
    try:
        app = adapter.get_provider().app
        if state.get("refresh"):
            data = {"grant_type": "refresh_token", "refresh_token": state["refresh"]}
            auth = None
            if adapter.basic_auth:
                auth = (app.client_id, app.secret)
            else:
                data.update(client_id=app.client_id, client_secret=app.secret)
            response = requests.post(adapter.access_token_url, data=data, auth=auth, timeout=TIMEOUT_SECONDS)
        else:
            headers = {"Authorization": f"Bearer {state['access']}"}
            response = requests.get(adapter.profile_url, headers=headers, timeout=TIMEOUT_SECONDS)
    except (requests.RequestException, ValueError, KeyError) as exc:
        return None, type(exc).__name__
    if response.status_code in (400, 401, 403):
        try:
            reason = str(response.json().get("error") or response.status_code)
        except ValueError:
            reason = str(response.status_code)
        return False, reason
    if response.status_code != 200:
        return None, str(response.status_code)
    if state.get("refresh"):
        tokens = response.json()
        state["access"] = tokens.get("access_token") or state["access"]
        state["refresh"] = tokens.get("refresh_token") or state["refresh"]  # a provider may rotate it
    return True, ""


class RecheckIdentityProviderMiddleware:
    """For a session that came through OIDC: ask the provider again every ``OIDC_RECHECK_MINUTES``."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(SKIPPED_PREFIXES) or not request.user.is_authenticated:
            return cast(HttpResponse, self.get_response(request))
        state = request.session.get(SESSION_KEY)
        if state and time.time() - float(state.get("checked", 0)) >= settings.OIDC_RECHECK_MINUTES * 60:
            allowed, reason = ask_provider(request, state)
            if allowed is False:
                return self._end(request, state, reason)
            if allowed is None:
                log.warning("oidc.recheck_unreachable", provider=state["provider"], reason=reason)
            state["checked"] = time.time()
            request.session[SESSION_KEY] = state
        return cast(HttpResponse, self.get_response(request))

    def _end(self, request: HttpRequest, state: dict[str, Any], reason: str) -> HttpResponse:
        person: Any = request.user
        record(person, "person.oidc_access_ended", person, after={"provider": state["provider"], "reason": reason})
        logout(request)
        messages.warning(
            request,
            _(
                "Uw organisatie heeft uw toegang tot Samen beëindigd, of uw sessie bij uw organisatie is "
                "verlopen. U bent uitgelogd; log opnieuw in als u nog toegang hebt."
            ),
        )
        return redirect(settings.LOGIN_URL)
