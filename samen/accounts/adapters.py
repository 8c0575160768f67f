from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    """Samen has no open sign-up: people join through an invitation from a facilitator."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """A municipality's own identity provider may log in existing people, not create new ones."""

    def is_open_for_signup(self, request: HttpRequest, sociallogin: Any) -> bool:
        return False
