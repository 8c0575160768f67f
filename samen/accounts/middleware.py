from collections.abc import Callable

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from samen.accounts.models import Person
from samen.collaborations.models import RoleKind
from samen.permissions import roles_of

ALLOWED_PREFIXES = (
    "/accounts/",
    "/static/",
    "/_healthz/",
    "/i18n/",
    "/toegankelijkheid",
    "/uitnodiging/",
    "/meldingen/afmelden/",
    "/agenda/",
)


class RequireFacilitatorTwoFactorMiddleware:
    """Facilitators manage people and see the audit log: they must use a second factor (TOTP)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(ALLOWED_PREFIXES)
            and not request.path.startswith("/api/")
            and _is_facilitator_anywhere(user)
            and not is_mfa_enabled(user)
        ):
            messages.warning(request, _("Als facilitator moet u inloggen met twee stappen. Stel dat nu in."))
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


def _is_facilitator_anywhere(user: Person) -> bool:
    return any(
        kind == RoleKind.FACILITATOR for roles in roles_of(user).by_collaboration.values() for kind, _partner in roles
    )
