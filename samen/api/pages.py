"""The interface page where a person creates and revokes personal API tokens."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from samen.api import services
from samen.api.forms import TokenForm
from samen.api.models import ApiToken
from samen.core import idempotency
from samen.core.forms import apply_errors
from samen.core.http import AuthedRequest


@never_cache
@login_required
def tokens(request: AuthedRequest) -> HttpResponse:
    """The token itself is shown once, in the answer to the POST that made it; it is never stored.

    Sent twice (a double click, a refresh), the form makes one token: the repeat lands on this page with
    ``?aangemaakt=<id>``, which names the token that was made but cannot show it again.
    """
    form = TokenForm(request.POST or None)
    new_token = ""
    if request.method == "POST" and form.is_valid():
        try:
            token, new_token = services.create_token(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            idempotency.remember(request, f"{reverse('api:tokens')}?aangemaakt={token.pk}")
            form = TokenForm()
    made_before = _made_before(request.user, request.GET.get("aangemaakt", "")) if request.method == "GET" else None
    context = {
        "form": form,
        "new_token": new_token,
        "made_before": made_before,
        "tokens": ApiToken.objects.of_person(request.user),
        "nav": "api_tokens",
    }
    return render(request, "api/tokens.html", context, status=400 if form.errors else 200)


def _made_before(person: Any, wanted: str) -> ApiToken | None:
    try:
        return ApiToken.objects.filter(person=person, pk=wanted).first()
    except ValidationError:  # not a UUID
        return None


@login_required
@require_POST
def revoke(request: AuthedRequest, pk: str) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, person=request.user)
    try:
        services.revoke_token(token=token, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Het token %(name)s is ingetrokken. Het werkt niet meer.") % {"name": token.name})
    return redirect("api:tokens")
