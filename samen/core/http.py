"""The request type views receive after login: ``user`` is a Person, ``htmx`` is set."""

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    from samen.accounts.models import Person


class AuthedRequest(HttpRequest):
    user: "Person"
    htmx: HtmxDetails
