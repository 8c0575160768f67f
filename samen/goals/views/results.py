"""Results with their progress, and commitments."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samen import permissions
from samen.core.http import AuthedRequest
from samen.goals import services
from samen.goals.forms import (
    CommitmentForm,
    CommitmentStatusForm,
    ProgressForm,
    ResultForm,
)
from samen.goals.models import (
    Commitment,
    Result,
)
from samen.goals.pages import progress_chart
from samen.goals.views.common import attempt, contacts_of, form_page, get_goal, goal_url, my_partners, page_context

# --- results and commitments ------------------------------------------------------------


@login_required
def new_result(request: AuthedRequest, pk: Any, goal_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    found = get_goal(request, collaboration, goal_pk)
    if not permissions.can_add_result(request.user, collaboration):
        raise PermissionDenied(str(permissions.ADD_RESULT_REFUSED))
    partners = collaboration.current_partners()
    form = ResultForm(
        request.POST or None,
        partners=partners,
        people=contacts_of(collaboration, partners),
        initial={"baseline_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        added = attempt(form, lambda: services.add_result(goal=found, by=request.user, **form.cleaned_data))
        if added is not None:
            messages.success(request, _("Het resultaat is toegevoegd."))
            return redirect(goal_url(found, "resultaten"))
    return form_page(request, collaboration, found, form, _("Nieuw resultaat"), _("Resultaat toevoegen"))


@login_required
def result(request: AuthedRequest, pk: Any, goal_pk: Any, result_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    found = get_goal(request, collaboration, goal_pk)
    item = get_object_or_404(Result.objects.for_goal(found), pk=result_pk)
    may_report = permissions.can_record_progress(request.user, item.owner_partner)
    form = ProgressForm(request.POST or None, initial={"measured_on": timezone.localdate()})
    if request.method == "POST":
        if not may_report:
            raise PermissionDenied(str(permissions.RECORD_PROGRESS_REFUSED))
        if (
            form.is_valid()
            and attempt(form, lambda: services.record_progress(result=item, by=request.user, **form.cleaned_data))
            is not None
        ):
            messages.success(request, _("De voortgang is vastgelegd."))
            return redirect("goals:result", collaboration.pk, found.pk, item.pk)
    history = Paginator(item.updates.select_related("person"), 25).get_page(request.GET.get("pagina"))
    context = page_context(
        request,
        collaboration,
        found,
        item.indicator,
        result=item,
        history=history,
        form=form,
        may_report=may_report,
        chart=progress_chart(item),
    )
    return render(request, "goals/result.html", context, status=400 if form.errors else 200)


@login_required
def new_commitment(request: AuthedRequest, pk: Any, goal_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    found = get_goal(request, collaboration, goal_pk)
    mine = my_partners(request.user, collaboration, permissions.can_write_for)
    if not mine:
        raise PermissionDenied(str(permissions.WRITE_FOR_REFUSED))
    form = CommitmentForm(
        request.POST or None,
        collaboration=collaboration,
        partners=mine,
        people=contacts_of(collaboration, mine),
        initial={"who": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        made = attempt(form, lambda: services.add_commitment(goal=found, by=request.user, **form.cleaned_data))
        if made is not None:
            messages.success(request, _("De afspraak is vastgelegd."))
            return redirect(goal_url(found, "afspraken"))
    return form_page(request, collaboration, found, form, _("Nieuwe afspraak"), _("Afspraak vastleggen"))


@login_required
@require_POST
def commitment_status(request: AuthedRequest, pk: Any, goal_pk: Any, commitment_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    found = get_goal(request, collaboration, goal_pk)
    item = get_object_or_404(Commitment.objects.select_related("partner"), pk=commitment_pk, goal=found)
    item.goal = found
    form = CommitmentStatusForm(request.POST)
    if (
        form.is_valid()
        and attempt(
            form, lambda: services.update_commitment_status(commitment=item, by=request.user, **form.cleaned_data)
        )
        is not None
    ):
        messages.success(request, _("De status van de afspraak is bijgewerkt."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(goal_url(found, "afspraken"))
