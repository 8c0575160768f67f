"""What every page of Ben eerlijk shares: the workspace context, and a service's refusal put on a form."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from samen.collaborations.models import Collaboration, Partner
from samen.collaborations.workspace import workspace_context
from samen.core.forms import attempt
from samen.interests.models import HonestyRound


def page_context(request: HttpRequest, collaboration: Collaboration, section: str, **extra: Any) -> dict[str, Any]:
    return workspace_context(request, collaboration, "interests", section=section, **extra)


__all__ = ["attempt", "page_context", "partner_of", "press", "refuse_early", "round_of", "status_for"]


def status_for(form: BaseForm, status: int) -> int:
    """400 for a form with errors, unless the service already refused (403)."""
    return 400 if form.errors and status == 200 else status


def refuse_early(request: HttpRequest, allowed: bool, reason: str) -> int:
    """On opening a form the person may not send: say so at once (403) instead of after they typed."""
    if request.method != "POST" and not allowed:
        messages.error(request, reason)
        return 403
    return 200


def press(request: HttpRequest, action: Any, done: str) -> None:
    """A POST button without a form: the outcome as a message on the next page."""
    try:
        action()
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)


def round_of(collaboration: Collaboration, round_pk: Any) -> HonestyRound:
    return get_object_or_404(HonestyRound, pk=round_pk, collaboration=collaboration)


def partner_of(collaboration: Collaboration, partner_pk: Any) -> Partner:
    return get_object_or_404(Partner.objects.select_related("organisation"), pk=partner_pk, collaboration=collaboration)
