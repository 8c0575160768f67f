"""Pages of the honesty round: status per partner, a declaration, go / no-go, the analysis, the catalogue.

Only shared declarations reach the analysis; a draft is shown only to its own partner's contacts.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samen import permissions
from samen.collaborations.models import Collaboration
from samen.core.http import AuthedRequest
from samen.interests import rules, services
from samen.interests.catalogue import catalogue_for
from samen.interests.forms import DeclarationForm, GoDecisionForm, MotiveForm, RoundForm, TensionForm
from samen.interests.models import Declaration, GoDecision, HonestyRound
from samen.interests.overview import analyse_round, describe, outcome, round_status
from samen.interests.views.common import (
    attempt,
    page_context,
    partner_of,
    press,
    refuse_early,
    round_of,
    status_for,
)


def _round_page(
    request: AuthedRequest, collaboration: Collaboration, honesty_round: HonestyRound | None
) -> HttpResponse:
    rounds = list(HonestyRound.objects.of(collaboration))
    status = round_status(honesty_round, collaboration, request.user) if honesty_round else []
    decided = {row.partner.pk: row.decision for row in status if row.decision}
    context = page_context(
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
def rounds(request: AuthedRequest, pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    return _round_page(request, collaboration, HonestyRound.objects.of(collaboration).first())


@login_required
def round_detail(request: AuthedRequest, pk: Any, round_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    return _round_page(request, collaboration, round_of(collaboration, round_pk))


@login_required
def round_open(request: AuthedRequest, pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    form = RoundForm(request.POST or None)
    status = refuse_early(
        request,
        permissions.can_run_honesty_round(request.user, collaboration),
        _("Alleen de facilitator kan een eerlijkheidsronde openen."),
    )
    if request.method == "POST" and form.is_valid():
        opened, status = attempt(
            form, lambda: services.open_round(collaboration=collaboration, by=request.user, **form.cleaned_data)
        )
        if opened is not None:
            messages.success(
                request, _("De eerlijkheidsronde is geopend; de contactpersonen van de partners krijgen bericht.")
            )
            return redirect("interests:round", collaboration.pk, opened.pk)
    context = page_context(request, collaboration, "round", form=form)
    return render(request, "interests/round_open.html", context, status=status_for(form, status))


@login_required
@require_POST
def round_close(request: AuthedRequest, pk: Any, round_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    honesty_round = round_of(collaboration, round_pk)
    press(
        request,
        lambda: services.close_round(honesty_round=honesty_round, by=request.user),
        _("De eerlijkheidsronde is gesloten."),
    )
    return redirect("interests:round", collaboration.pk, honesty_round.pk)


@login_required
def declaration(request: AuthedRequest, pk: Any, round_pk: Any, partner_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    honesty_round, partner = round_of(collaboration, round_pk), partner_of(collaboration, partner_pk)
    found = Declaration.objects.filter(round=honesty_round, partner=partner).with_contents().first()
    visible = found if found and permissions.can_view_declaration(request.user, collaboration, found) else None
    own = permissions.can_draft_declaration(request.user, collaboration, partner)
    catalogue = catalogue_for(collaboration)
    form, status, concurrent = None, 200, False
    if request.method == "POST":
        form = DeclarationForm(request.POST, catalogue=catalogue, declaration=visible)
        if form.is_valid():
            saved, status = attempt(
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
            if visible and form.has_error(NON_FIELD_ERRORS, "concurrent_edit"):
                # Show what was saved meanwhile beside their own text; saving again is a conscious choice.
                data = request.POST.copy()
                data["version"] = str(visible.version)
                form.data = data
                concurrent = True
        status = 400 if status == 200 else status
    elif own and honesty_round.is_open and not (visible and visible.is_shared):
        form = DeclarationForm(catalogue=catalogue, declaration=visible)
    context = page_context(
        request,
        collaboration,
        "round",
        honesty_round=honesty_round,
        partner=partner,
        declaration=visible,
        form=form,
        own=own,
        concurrent=concurrent,
        described=describe(visible, catalogue) if visible else None,
        can_share=permissions.can_share_declaration(request.user, collaboration, partner) and honesty_round.is_open,
    )
    return render(request, "interests/declaration.html", context, status=status)


@login_required
@require_POST
def declaration_share(request: AuthedRequest, pk: Any, round_pk: Any, partner_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    honesty_round, partner = round_of(collaboration, round_pk), partner_of(collaboration, partner_pk)
    found = Declaration.objects.filter(round=honesty_round, partner=partner).first()
    if found is None or not permissions.can_view_declaration(request.user, collaboration, found):
        messages.error(request, _("Er is nog geen verklaring van %(partner)s om te delen.") % {"partner": partner})
    else:
        version = request.POST.get("version", "")
        press(
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
def declaration_reopen(request: AuthedRequest, pk: Any, round_pk: Any, partner_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    honesty_round, partner = round_of(collaboration, round_pk), partner_of(collaboration, partner_pk)
    found = get_object_or_404(Declaration, round=honesty_round, partner=partner)
    press(
        request,
        lambda: services.reopen_declaration(declaration=found, by=request.user),
        _("De verklaring is teruggezet naar concept; de andere partners zien haar niet meer."),
    )
    return redirect("interests:declaration", collaboration.pk, honesty_round.pk, partner.pk)


@login_required
def decision(request: AuthedRequest, pk: Any, round_pk: Any, partner_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    honesty_round, partner = round_of(collaboration, round_pk), partner_of(collaboration, partner_pk)
    current = GoDecision.objects.filter(round=honesty_round, partner=partner).first()
    initial = {"decision": current.decision, "reasons": current.reasons} if current else None
    form = GoDecisionForm(request.POST or None, initial=initial)
    status = refuse_early(
        request,
        permissions.can_decide_ground(request.user, collaboration, partner),
        _("Alleen het bestuurlijk contact van %(partner)s kan namens hen go of no-go zeggen.") % {"partner": partner},
    )
    if request.method == "POST" and form.is_valid():
        done, status = attempt(
            form,
            lambda: services.record_go_decision(
                honesty_round=honesty_round, partner=partner, by=request.user, **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, _("Het besluit van %(partner)s is vastgelegd.") % {"partner": partner})
            return redirect("interests:round", collaboration.pk, honesty_round.pk)
    context = page_context(
        request, collaboration, "round", honesty_round=honesty_round, partner=partner, form=form, current=current
    )
    return render(request, "interests/decision.html", context, status=status_for(form, status))


@login_required
def analysis(request: HttpRequest, pk: Any, round_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    honesty_round = round_of(collaboration, round_pk)
    result = analyse_round(honesty_round, collaboration)
    context = page_context(
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
    honesty_round = round_of(collaboration, round_pk)
    result = analyse_round(honesty_round, collaboration)
    context = page_context(request, collaboration, "round", honesty_round=honesty_round, analysis=result.analysis)
    return render(request, "interests/pairs.html", context)


# --- the catalogue -------------------------------------------------------------------------


@login_required
def catalogue(request: AuthedRequest, pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    found = catalogue_for(collaboration)
    motive_form = MotiveForm(request.POST if request.POST.get("form") == "motief" else None, prefix="motief")
    tension_form = TensionForm(
        request.POST if request.POST.get("form") == "spanning" else None, prefix="spanning", catalogue=found
    )
    status = 200
    if request.method == "POST":
        if motive_form.is_bound and motive_form.is_valid():
            done, status = attempt(
                motive_form,
                lambda: services.add_motive(collaboration=collaboration, by=request.user, **motive_form.cleaned_data),
            )
            if done is not None:
                messages.success(request, _("Het motief %(name)s is toegevoegd.") % {"name": done.name})
                return redirect("interests:catalogue", collaboration.pk)
        elif tension_form.is_bound and tension_form.is_valid():
            done, status = attempt(
                tension_form,
                lambda: services.add_tension(collaboration=collaboration, by=request.user, **tension_form.cleaned_data),
            )
            if done is not None:
                messages.success(request, _("De spanning is toegevoegd."))
                return redirect("interests:catalogue", collaboration.pk)
        status = 400 if status == 200 else status
    context = page_context(
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
