"""Pages of ambitions and pledges: the matrix, an ambition with its pledge history, the forms, the CSV."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samen import permissions
from samen.core import formatting, spreadsheet
from samen.core.http import AuthedRequest
from samen.interests import services
from samen.interests.forms import AmbitionForm, PledgeForm
from samen.interests.matrix import matrix_for
from samen.interests.models import Ambition, Pledge
from samen.interests.views.common import attempt, page_context, partner_of, refuse_early, status_for


@login_required
def ambitions(request: AuthedRequest, pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    context = page_context(
        request,
        collaboration,
        "ambitions",
        matrix=matrix_for(collaboration, request.user),
        can_edit=permissions.can_edit_ambitions(request.user, collaboration),
    )
    return render(request, "interests/ambitions.html", context)


@login_required
def ambition_create(request: AuthedRequest, pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    form = AmbitionForm(request.POST or None)
    status = refuse_early(
        request,
        permissions.can_edit_ambitions(request.user, collaboration),
        _("Alleen de facilitator en de contactpersonen van de partners kunnen ambities toevoegen."),
    )
    if request.method == "POST" and form.is_valid():
        ambition, status = attempt(
            form, lambda: services.create_ambition(collaboration=collaboration, by=request.user, **form.values())
        )
        if ambition is not None:
            messages.success(request, _("De ambitie is toegevoegd. Vraag de partners nu hun inzet op te geven."))
            return redirect("interests:ambition", collaboration.pk, ambition.pk)
    context = page_context(request, collaboration, "ambitions", form=form, ambition=None)
    return render(request, "interests/ambition_form.html", context, status=status_for(form, status))


@login_required
def ambition_detail(request: HttpRequest, pk: Any, ambition_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    ambition = get_object_or_404(Ambition, pk=ambition_pk, collaboration=collaboration)
    history = list(Pledge.objects.history_of(ambition))
    acted_for = permissions.partners_acted_for(request.user, collaboration)
    context = page_context(
        request,
        collaboration,
        "ambitions",
        ambition=ambition,
        history=history,
        current=[p for p in history if p.superseded_at is None],
        my_partners=[p for p in collaboration.current_partners() if p.pk in acted_for],
        can_edit=permissions.can_edit_ambitions(request.user, collaboration),
        can_remove=permissions.can_remove_ambition(request.user, collaboration),
    )
    return render(request, "interests/ambition_detail.html", context)


@login_required
def ambition_edit(request: AuthedRequest, pk: Any, ambition_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    ambition = get_object_or_404(Ambition, pk=ambition_pk, collaboration=collaboration)
    initial = {name: getattr(ambition, name) for name in AmbitionForm.base_fields if name != "version"}
    form = AmbitionForm(request.POST or None, initial={**initial, "version": ambition.version})
    status = refuse_early(
        request,
        permissions.can_edit_ambitions(request.user, collaboration),
        _("Alleen de facilitator en de contactpersonen van de partners kunnen ambities wijzigen."),
    )
    concurrent = False
    if request.method == "POST" and form.is_valid():
        values = form.values()
        done, status = attempt(
            form,
            lambda: services.update_ambition(
                ambition=ambition, by=request.user, expected_version=form.cleaned_data["version"], **values
            ),
        )
        if done is not None:
            messages.success(request, _("De ambitie is bijgewerkt."))
            return redirect("interests:ambition", collaboration.pk, ambition.pk)
        if form.has_error(NON_FIELD_ERRORS, "concurrent_edit"):
            # ``ambition`` is what was saved meanwhile; saving again now is a conscious choice.
            data = request.POST.copy()
            data["version"] = str(ambition.version)
            form.data, concurrent = data, True
    context = page_context(request, collaboration, "ambitions", form=form, ambition=ambition, concurrent=concurrent)
    return render(request, "interests/ambition_form.html", context, status=status_for(form, status))


@login_required
@require_POST
def ambition_remove(request: AuthedRequest, pk: Any, ambition_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    ambition = get_object_or_404(Ambition, pk=ambition_pk, collaboration=collaboration)
    try:
        services.remove_ambition(ambition=ambition, by=request.user)
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
        return redirect("interests:ambition", collaboration.pk, ambition.pk)
    messages.success(request, _("De ambitie %(title)s is verwijderd.") % {"title": ambition.title})
    return redirect("interests:ambitions", collaboration.pk)


@login_required
def pledge_edit(request: AuthedRequest, pk: Any, ambition_pk: Any, partner_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    ambition = get_object_or_404(Ambition, pk=ambition_pk, collaboration=collaboration)
    partner = partner_of(collaboration, partner_pk)
    current = Pledge.objects.current().filter(ambition=ambition, partner=partner).first()
    form = PledgeForm.for_pledge(current, request.POST or None)
    status = refuse_early(
        request,
        permissions.can_pledge(request.user, collaboration, partner),
        _("U handelt niet namens %(partner)s en kunt dus geen inzet voor hen opgeven.") % {"partner": partner},
    )
    if request.method == "POST" and form.is_valid():
        done, status = attempt(
            form, lambda: services.pledge(ambition=ambition, partner=partner, by=request.user, **form.values())
        )
        if done is not None:
            messages.success(request, _("De inzet van %(partner)s is opgeslagen.") % {"partner": partner})
            return redirect("interests:ambition", collaboration.pk, ambition.pk)
    context = page_context(
        request, collaboration, "ambitions", form=form, ambition=ambition, partner=partner, current=current
    )
    return render(request, "interests/pledge_form.html", context, status=status_for(form, status))


@login_required
def matrix_csv(request: HttpRequest, pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    pledges = {(p.ambition_id, p.partner_id): p for p in Pledge.objects.current_in(collaboration)}
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="inzet-{slugify(collaboration.name)[:60]}.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 only with a byte order mark
    writer = spreadsheet.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Ambitie"),
            _("Partner"),
            _("Urgentie"),
            _("Uren per maand"),
            _("Fte"),
            _("Budget in euro"),
            _("Toelichting"),
            _("Opgegeven op"),
        ]
    )
    partners = list(collaboration.current_partners())
    for ambition in Ambition.objects.of(collaboration):
        for partner in partners:
            pledge = pledges.get((ambition.pk, partner.pk))
            values = (
                [
                    pledge.urgency,
                    formatting.number(pledge.hours_per_month, 2, trim=True),
                    formatting.number(pledge.fte, 2, trim=True),
                    formatting.number(pledge.budget_euros, 2, trim=True),
                    pledge.capacity_notes,
                    timezone.localtime(pledge.pledged_at).date().isoformat(),
                ]
                if pledge
                else ["", "", "", "", _("geen inzet opgegeven"), ""]
            )
            writer.writerow([ambition.title, partner, *values])
    return response
