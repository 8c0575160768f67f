"""Consent pages: opening a round, ambtelijk advice, bestuurlijk decision, adoption."""

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samen import permissions
from samen.core.http import AuthedRequest
from samen.goals import services
from samen.goals.forms import (
    AdviceForm,
    DecisionForm,
    RoundForm,
)
from samen.goals.models import (
    ConsentRound,
    Goal,
)
from samen.goals.views.common import attempt, form_page, get_goal, goal_url, my_partners

# --- consent ----------------------------------------------------------------------------


@login_required
def open_round(request: AuthedRequest, pk: Any, goal_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    found = get_goal(request, collaboration, goal_pk)
    if not permissions.can_open_consent_round(request.user, collaboration):
        raise PermissionDenied(str(permissions.OPEN_CONSENT_ROUND_REFUSED))
    form = RoundForm(request.POST or None, initial={"deadline": timezone.localdate() + datetime.timedelta(days=14)})
    if request.method == "POST" and form.is_valid():
        opened = attempt(form, lambda: services.open_consent_round(goal=found, by=request.user, **form.cleaned_data))
        if opened is not None:
            messages.success(
                request, _("De instemmingsronde is geopend. De bestuurlijk contactpersonen krijgen bericht.")
            )
            return redirect(goal_url(found, "instemming"))
    return form_page(
        request,
        collaboration,
        found,
        form,
        _("Instemmingsronde openen"),
        _("Instemmingsronde openen"),
        subject=found.latest_version,
        intro=_(
            "Elke partner besluit via de bestuurlijk contactpersoon; de ambtelijk contactpersonen kunnen "
            "eerst adviseren. Het doel is vastgesteld als elke huidige partner heeft ingestemd."
        ),
    )


def _round(found: Goal, round_pk: Any) -> ConsentRound:
    consent_round = get_object_or_404(ConsentRound.objects.select_related("version"), pk=round_pk, goal=found)
    consent_round.goal = found
    return consent_round


@login_required
def advice(request: AuthedRequest, pk: Any, goal_pk: Any, round_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    found = get_goal(request, collaboration, goal_pk)
    consent_round = _round(found, round_pk)
    mine = my_partners(request.user, collaboration, permissions.can_advise)
    if not mine:
        raise PermissionDenied(str(permissions.ADVISE_REFUSED))
    form = AdviceForm(request.POST or None, collaboration=collaboration, partners=mine)
    if request.method == "POST" and form.is_valid():
        given = attempt(
            form, lambda: services.record_advice(consent_round=consent_round, by=request.user, **form.cleaned_data)
        )
        if given is not None:
            messages.success(request, _("Uw advies is vastgelegd."))
            return redirect(goal_url(found, "instemming"))
    return form_page(
        request,
        collaboration,
        found,
        form,
        _("Ambtelijk advies"),
        _("Advies geven"),
        subject=consent_round.version,
        intro=_("Uw advies helpt uw bestuurder en de andere partners. Steun, of zorgen met een toelichting."),
    )


@login_required
def decision(request: AuthedRequest, pk: Any, goal_pk: Any, round_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    found = get_goal(request, collaboration, goal_pk)
    consent_round = _round(found, round_pk)
    mine = my_partners(request.user, collaboration, permissions.can_decide)
    if not mine:
        raise PermissionDenied(str(permissions.DECIDE_REFUSED))
    form = DecisionForm(request.POST or None, collaboration=collaboration, partners=mine)
    if request.method == "POST" and form.is_valid():
        made = attempt(
            form, lambda: services.record_decision(consent_round=consent_round, by=request.user, **form.cleaned_data)
        )
        if made is not None:
            messages.success(
                request, _("Het besluit van %(partner)s is vastgelegd.") % {"partner": made.partner.organisation}
            )
            return redirect(goal_url(found, "instemming"))
    advice_given = consent_round.advice.filter(partner__in=mine).select_related("person", "partner__organisation")
    return form_page(
        request,
        collaboration,
        found,
        form,
        _("Besluit namens uw organisatie"),
        _("Besluit vastleggen"),
        subject=consent_round.version,
        advice_given=advice_given,
        intro=_(
            "Instemmen, instemmen met voorwaarden, bezwaar maken (met reden; dat houdt vaststelling tegen) "
            "of u onthouden (dat houdt niets tegen). Zolang de ronde open is, kunt u uw besluit wijzigen."
        ),
    )


@login_required
@require_POST
def adopt(request: AuthedRequest, pk: Any, goal_pk: Any, round_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    found = get_goal(request, collaboration, goal_pk)
    consent_round = _round(found, round_pk)
    try:
        services.adopt_goal(consent_round=consent_round, by=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("Het doel is vastgesteld."))
    return redirect(goal_url(found, "instemming"))
