"""Pages of Ben eerlijk: ambitions and pledges, the honesty round, its analysis and agenda.

Views parse input, call one service and render. Only shared declarations reach the analysis,
the agenda and the exports; a draft is shown only to its own partner's contacts.
"""

import csv
from functools import cache
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samen import permissions
from samen.collaborations.models import Collaboration, Partner
from samen.collaborations.views import workspace_context
from samen.core.forms import apply_errors
from samen.interests import rules, services
from samen.interests.catalogue import catalogue_for
from samen.interests.forms import (
    AmbitionForm,
    DeclarationForm,
    GoDecisionForm,
    MotiveForm,
    PledgeForm,
    RoundForm,
    TensionForm,
)
from samen.interests.matrix import matrix_for
from samen.interests.models import Ambition, Declaration, GoDecision, HonestyRound, Pledge
from samen.interests.overview import agenda, analyse_round, describe, outcome, round_status

AGENDA_CSS = Path(__file__).resolve().parent / "static" / "interests" / "agenda.css"


def _context(request: HttpRequest, collaboration: Collaboration, section: str, **extra: Any) -> dict[str, Any]:
    return workspace_context(request, collaboration, "interests", section=section, **extra)


def _try(form: BaseForm, action: Any) -> tuple[Any, int]:
    """Run a service; put its Dutch refusal or validation message on the form. Returns (result, status)."""
    try:
        return action(), 200
    except PermissionDenied as refusal:
        form.add_error(None, str(refusal))
        return None, 403
    except ValidationError as error:
        apply_errors(form, error)
        return None, 400


def _code(form: BaseForm, status: int) -> int:
    """400 for a form with errors, unless the service already refused (403)."""
    return 400 if form.errors and status == 200 else status


def _button(request: HttpRequest, action: Any, done: str) -> None:
    """A POST button without a form: the outcome as a message on the next page."""
    try:
        action()
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)


def _round(collaboration: Collaboration, round_pk: Any) -> HonestyRound:
    return get_object_or_404(HonestyRound, pk=round_pk, collaboration=collaboration)


def _partner(collaboration: Collaboration, partner_pk: Any) -> Partner:
    return get_object_or_404(Partner.objects.select_related("organisation"), pk=partner_pk, collaboration=collaboration)


# --- ambitions and pledges -----------------------------------------------------------------


@login_required
def ambitions(request: HttpRequest, pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    context = _context(
        request,
        collaboration,
        "ambitions",
        matrix=matrix_for(collaboration, request.user),
        can_edit=permissions.can_edit_ambitions(request.user, collaboration),
    )
    return render(request, "interests/ambitions.html", context)


@login_required
def ambition_create(request: HttpRequest, pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    form = AmbitionForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        ambition, status = _try(
            form, lambda: services.create_ambition(collaboration=collaboration, by=request.user, **form.values())
        )
        if ambition is not None:
            messages.success(request, _("De ambitie is toegevoegd. Vraag de partners nu hun inzet op te geven."))
            return redirect("interests:ambition", collaboration.pk, ambition.pk)
    context = _context(request, collaboration, "ambitions", form=form, ambition=None)
    return render(request, "interests/ambition_form.html", context, status=_code(form, status))


@login_required
def ambition_detail(request: HttpRequest, pk: Any, ambition_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    ambition = get_object_or_404(Ambition, pk=ambition_pk, collaboration=collaboration)
    history = list(Pledge.objects.history_of(ambition))
    acted_for = permissions.partners_acted_for(request.user, collaboration)
    context = _context(
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
def ambition_edit(request: HttpRequest, pk: Any, ambition_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    ambition = get_object_or_404(Ambition, pk=ambition_pk, collaboration=collaboration)
    initial = {name: getattr(ambition, name) for name in AmbitionForm.base_fields if name != "version"}
    form = AmbitionForm(request.POST or None, initial={**initial, "version": ambition.version})
    status = 200
    if request.method == "POST" and form.is_valid():
        values = form.values()
        done, status = _try(
            form,
            lambda: services.update_ambition(
                ambition=ambition, by=request.user, expected_version=form.cleaned_data["version"], **values
            ),
        )
        if done is not None:
            messages.success(request, _("De ambitie is bijgewerkt."))
            return redirect("interests:ambition", collaboration.pk, ambition.pk)
    context = _context(request, collaboration, "ambitions", form=form, ambition=ambition)
    return render(request, "interests/ambition_form.html", context, status=_code(form, status))


@login_required
@require_POST
def ambition_remove(request: HttpRequest, pk: Any, ambition_pk: Any) -> HttpResponse:
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
def pledge_edit(request: HttpRequest, pk: Any, ambition_pk: Any, partner_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    ambition = get_object_or_404(Ambition, pk=ambition_pk, collaboration=collaboration)
    partner = _partner(collaboration, partner_pk)
    current = Pledge.objects.current().filter(ambition=ambition, partner=partner).first()
    form = PledgeForm.for_pledge(current, request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        done, status = _try(
            form, lambda: services.pledge(ambition=ambition, partner=partner, by=request.user, **form.values())
        )
        if done is not None:
            messages.success(request, _("De inzet van %(partner)s is opgeslagen.") % {"partner": partner})
            return redirect("interests:ambition", collaboration.pk, ambition.pk)
    elif request.method != "POST" and not permissions.can_pledge(request.user, collaboration, partner):
        form.add_error(
            None, _("U handelt niet namens %(partner)s en kunt dus geen inzet voor hen opgeven.") % {"partner": partner}
        )
        status = 403
    context = _context(
        request, collaboration, "ambitions", form=form, ambition=ambition, partner=partner, current=current
    )
    return render(request, "interests/pledge_form.html", context, status=_code(form, status))


@login_required
def matrix_csv(request: HttpRequest, pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    pledges = {(p.ambition_id, p.partner_id): p for p in Pledge.objects.current_in(collaboration)}
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="inzet-{slugify(collaboration.name)[:60]}.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 only with a byte order mark
    writer = csv.writer(response, delimiter=";")
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
                    _csv_number(pledge.hours_per_month),
                    _csv_number(pledge.fte),
                    _csv_number(pledge.budget_euros),
                    pledge.capacity_notes,
                    pledge.pledged_at.date().isoformat(),
                ]
                if pledge
                else ["", "", "", "", _("geen inzet opgegeven"), ""]
            )
            writer.writerow([ambition.title, partner, *values])
    return response


def _csv_number(value: Any) -> str:
    return "" if value is None else str(value).replace(".", ",")


# --- the honesty round ---------------------------------------------------------------------


def _round_page(request: HttpRequest, collaboration: Collaboration, honesty_round: HonestyRound | None) -> HttpResponse:
    rounds = list(HonestyRound.objects.of(collaboration))
    status = round_status(honesty_round, collaboration, request.user) if honesty_round else []
    decided = {row.partner.pk: row.decision for row in status if row.decision}
    context = _context(
        request,
        collaboration,
        "round",
        honesty_round=honesty_round,
        rounds=rounds,
        status=status,
        shared_count=sum(1 for row in status if row.shared),
        outcome=outcome([row.partner for row in status], decided) if honesty_round else None,
        can_run=permissions.can_run_honesty_round(request.user, collaboration),
        has_open=any(r.is_open for r in rounds),
    )
    return render(request, "interests/round.html", context)


@login_required
def rounds(request: HttpRequest, pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    return _round_page(request, collaboration, HonestyRound.objects.of(collaboration).first())


@login_required
def round_detail(request: HttpRequest, pk: Any, round_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    return _round_page(request, collaboration, _round(collaboration, round_pk))


@login_required
def round_open(request: HttpRequest, pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    form = RoundForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        opened, status = _try(
            form, lambda: services.open_round(collaboration=collaboration, by=request.user, **form.cleaned_data)
        )
        if opened is not None:
            messages.success(
                request, _("De eerlijkheidsronde is geopend; de contactpersonen van de partners krijgen bericht.")
            )
            return redirect("interests:round", collaboration.pk, opened.pk)
    context = _context(request, collaboration, "round", form=form)
    return render(request, "interests/round_open.html", context, status=_code(form, status))


@login_required
@require_POST
def round_close(request: HttpRequest, pk: Any, round_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    honesty_round = _round(collaboration, round_pk)
    _button(
        request,
        lambda: services.close_round(honesty_round=honesty_round, by=request.user),
        _("De eerlijkheidsronde is gesloten."),
    )
    return redirect("interests:round", collaboration.pk, honesty_round.pk)


@login_required
def declaration(request: HttpRequest, pk: Any, round_pk: Any, partner_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    honesty_round, partner = _round(collaboration, round_pk), _partner(collaboration, partner_pk)
    found = Declaration.objects.filter(round=honesty_round, partner=partner).with_contents().first()
    visible = found if found and permissions.can_view_declaration(request.user, collaboration, found) else None
    own = permissions.can_draft_declaration(request.user, collaboration, partner)
    catalogue = catalogue_for(collaboration)
    form, status = None, 200
    if request.method == "POST":
        form = DeclarationForm(request.POST, catalogue=catalogue, declaration=visible)
        if form.is_valid():
            saved, status = _try(
                form,
                lambda: services.save_declaration(
                    honesty_round=honesty_round,
                    partner=partner,
                    by=request.user,
                    intentions=form.cleaned_data["intentions"],
                    interests=form.interests(),
                    red_lines=form.red_lines(),
                    expected_version=form.cleaned_data["version"],
                ),
            )
            if saved is not None:
                messages.success(
                    request, _("Het concept is opgeslagen. Alleen %(partner)s ziet het.") % {"partner": partner}
                )
                return redirect("interests:declaration", collaboration.pk, honesty_round.pk, partner.pk)
        status = 400 if status == 200 else status
    elif own and honesty_round.is_open and not (visible and visible.is_shared):
        form = DeclarationForm(catalogue=catalogue, declaration=visible)
    context = _context(
        request,
        collaboration,
        "round",
        honesty_round=honesty_round,
        partner=partner,
        declaration=visible,
        form=form,
        own=own,
        described=describe(visible, catalogue) if visible else None,
        can_share=permissions.can_share_declaration(request.user, collaboration, partner) and honesty_round.is_open,
    )
    return render(request, "interests/declaration.html", context, status=status)


@login_required
@require_POST
def declaration_share(request: HttpRequest, pk: Any, round_pk: Any, partner_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    honesty_round, partner = _round(collaboration, round_pk), _partner(collaboration, partner_pk)
    found = Declaration.objects.filter(round=honesty_round, partner=partner).first()
    if found is None or not permissions.can_view_declaration(request.user, collaboration, found):
        messages.error(request, _("Er is nog geen verklaring van %(partner)s om te delen.") % {"partner": partner})
    else:
        version = request.POST.get("version", "")
        _button(
            request,
            lambda: services.share_declaration(
                declaration=found,
                by=request.user,
                expected_version=int(version) if version.isdigit() else None,
            ),
            _("De verklaring van %(partner)s is bevestigd en gedeeld met alle partners.") % {"partner": partner},
        )
    return redirect("interests:declaration", collaboration.pk, honesty_round.pk, partner.pk)


@login_required
@require_POST
def declaration_reopen(request: HttpRequest, pk: Any, round_pk: Any, partner_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    honesty_round, partner = _round(collaboration, round_pk), _partner(collaboration, partner_pk)
    found = get_object_or_404(Declaration, round=honesty_round, partner=partner)
    _button(
        request,
        lambda: services.reopen_declaration(declaration=found, by=request.user),
        _("De verklaring is teruggezet naar concept; de andere partners zien haar niet meer."),
    )
    return redirect("interests:declaration", collaboration.pk, honesty_round.pk, partner.pk)


@login_required
def decision(request: HttpRequest, pk: Any, round_pk: Any, partner_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    honesty_round, partner = _round(collaboration, round_pk), _partner(collaboration, partner_pk)
    current = GoDecision.objects.filter(round=honesty_round, partner=partner).first()
    initial = {"decision": current.decision, "reasons": current.reasons} if current else None
    form = GoDecisionForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        done, status = _try(
            form,
            lambda: services.record_go_decision(
                honesty_round=honesty_round, partner=partner, by=request.user, **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, _("Het besluit van %(partner)s is vastgelegd.") % {"partner": partner})
            return redirect("interests:round", collaboration.pk, honesty_round.pk)
    elif request.method != "POST" and not permissions.can_decide_ground(request.user, collaboration, partner):
        form.add_error(
            None,
            _("Alleen het bestuurlijk contact van %(partner)s kan namens hen go of no-go zeggen.")
            % {"partner": partner},
        )
        status = 403
    context = _context(
        request, collaboration, "round", honesty_round=honesty_round, partner=partner, form=form, current=current
    )
    return render(request, "interests/decision.html", context, status=_code(form, status))


@login_required
def analysis(request: HttpRequest, pk: Any, round_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    honesty_round = _round(collaboration, round_pk)
    result = analyse_round(honesty_round, collaboration)
    context = _context(
        request,
        collaboration,
        "round",
        honesty_round=honesty_round,
        result=result,
        analysis=result.analysis,
        shown_pairs=result.analysis.pairs[: rules.PAIRS_SHOWN],
        pair_counts=result.analysis.pair_counts(),
    )
    return render(request, "interests/analysis.html", context)


@login_required
def pairs(request: HttpRequest, pk: Any, round_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    honesty_round = _round(collaboration, round_pk)
    result = analyse_round(honesty_round, collaboration)
    context = _context(request, collaboration, "round", honesty_round=honesty_round, analysis=result.analysis)
    return render(request, "interests/pairs.html", context)


# --- the conversation agenda ---------------------------------------------------------------


def _agenda_context(request: HttpRequest, pk: Any, round_pk: Any) -> tuple[Collaboration, dict[str, Any]]:
    collaboration = permissions.get_collaboration_for(request, pk)
    honesty_round = _round(collaboration, round_pk)
    result = analyse_round(honesty_round, collaboration)
    return collaboration, {
        "collaboration": collaboration,
        "honesty_round": honesty_round,
        "result": result,
        "sections": agenda(result),
    }


@login_required
def agenda_page(request: HttpRequest, pk: Any, round_pk: Any) -> HttpResponse:
    collaboration, context = _agenda_context(request, pk, round_pk)
    del context["collaboration"]
    return render(request, "interests/agenda.html", _context(request, collaboration, "round", **context))


@login_required
def agenda_print(request: HttpRequest, pk: Any, round_pk: Any) -> HttpResponse:
    _collaboration, context = _agenda_context(request, pk, round_pk)
    return render(request, "interests/agenda_document.html", context)


@login_required
def agenda_markdown(request: HttpRequest, pk: Any, round_pk: Any) -> HttpResponse:
    collaboration, context = _agenda_context(request, pk, round_pk)
    response = HttpResponse(
        render_to_string("interests/agenda.md", context, request=request), content_type="text/markdown; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_agenda_filename(collaboration, "md")}"'
    return response


@cache
def _agenda_css() -> str:
    return AGENDA_CSS.read_text(encoding="utf-8")


def agenda_html_for_pdf(context: dict[str, Any]) -> str:
    """The printable agenda with its stylesheet inline: WeasyPrint fetches nothing, fonts come from the system."""
    return render_to_string("interests/agenda_document.html", {**context, "inline_css": _agenda_css()})


@login_required
def agenda_pdf(request: HttpRequest, pk: Any, round_pk: Any) -> HttpResponse:
    import weasyprint

    collaboration, context = _agenda_context(request, pk, round_pk)
    pdf = weasyprint.HTML(string=agenda_html_for_pdf(context)).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_agenda_filename(collaboration, "pdf")}"'
    return response


def _agenda_filename(collaboration: Collaboration, extension: str) -> str:
    return f"gespreksagenda-{slugify(collaboration.short_name or collaboration.name)[:60]}.{extension}"


# --- the catalogue -------------------------------------------------------------------------


@login_required
def catalogue(request: HttpRequest, pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    found = catalogue_for(collaboration)
    motive_form = MotiveForm(request.POST if request.POST.get("form") == "motief" else None, prefix="motief")
    tension_form = TensionForm(
        request.POST if request.POST.get("form") == "spanning" else None, prefix="spanning", catalogue=found
    )
    status = 200
    if request.method == "POST":
        if motive_form.is_bound and motive_form.is_valid():
            done, status = _try(
                motive_form,
                lambda: services.add_motive(collaboration=collaboration, by=request.user, **motive_form.cleaned_data),
            )
            if done is not None:
                messages.success(request, _("Het motief %(name)s is toegevoegd.") % {"name": done.name})
                return redirect("interests:catalogue", collaboration.pk)
        elif tension_form.is_bound and tension_form.is_valid():
            done, status = _try(
                tension_form,
                lambda: services.add_tension(collaboration=collaboration, by=request.user, **tension_form.cleaned_data),
            )
            if done is not None:
                messages.success(request, _("De spanning is toegevoegd."))
                return redirect("interests:catalogue", collaboration.pk)
        status = 400 if status == 200 else status
    context = _context(
        request,
        collaboration,
        "catalogue",
        catalogue=found,
        motive_form=motive_form,
        tension_form=tension_form,
        tensions=[(found.name(t.motive_a), found.lower_name(t.motive_b), t.question, t.custom) for t in found.tensions],
        can_extend=permissions.can_run_honesty_round(request.user, collaboration),
    )
    return render(request, "interests/catalogue.html", context, status=status)
