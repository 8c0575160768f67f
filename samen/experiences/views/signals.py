"""Signals and announced deviations."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samen import permissions
from samen.collaborations.models import Collaboration
from samen.core.forms import apply_errors, attempt, form_status
from samen.core.http import AuthedRequest
from samen.core.services import require
from samen.experiences import services
from samen.experiences.beside import beside_cost_signal
from samen.experiences.facts import COST_KINDS
from samen.experiences.forms import (
    AcknowledgeForm,
    DeviationForm,
    ReplyForm,
    SignalForm,
    SignalStatusForm,
    resolve_article,
)
from samen.experiences.models import Deviation, Signal, SignalStatus
from samen.experiences.views.common import experiences_context, my_partners, require_experiences


def _visible_signals(request: HttpRequest, collaboration: Collaboration) -> Any:
    return Signal.objects.filter(collaboration=collaboration).visible_to(
        permissions.partners_acted_for(request.user, collaboration),
        facilitator=permissions.is_facilitator(request.user, collaboration),
    )


@login_required
def signals(request: HttpRequest, pk: str) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    require_experiences(request, collaboration)
    status = request.GET.get("status", "")
    queryset = _visible_signals(request, collaboration).overview()
    if status in SignalStatus.values:
        queryset = queryset.filter(status=status)
    page = Paginator(queryset, 25).get_page(request.GET.get("pagina"))
    context = experiences_context(
        request,
        collaboration,
        "signals",
        page=page,
        status=status,
        statuses=SignalStatus.choices,
        query=f"status={status}" if status else "",
    )
    return render(request, "experiences/signals.html", context)


def _senders(request: HttpRequest, collaboration: Collaboration) -> list[tuple[str, str]]:
    senders = [(str(p.pk), str(p)) for p in my_partners(request, collaboration)]
    if permissions.is_facilitator(request.user, collaboration):
        senders.append(("", _("de facilitator (namens de samenwerking)")))
    return senders


@login_required
def signal_create(request: AuthedRequest, pk: str) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    require_experiences(request, collaboration)
    senders = _senders(request, collaboration)
    require(bool(senders), str(permissions.RAISE_SIGNAL_REFUSED))
    initial = {"article": request.GET.get("artikel", ""), "addressee": "iedereen"}
    form = SignalForm(request.POST or None, initial=initial, collaboration=collaboration, senders=senders)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        partners = {str(p.pk): p for p in my_partners(request, collaboration)}
        signal, _status = attempt(
            form,
            lambda: services.raise_signal(
                collaboration=collaboration,
                by=request.user,
                from_partner=partners.get(data["from_partner"]),
                kind=data["kind"],
                subject=data["subject"],
                text=data["text"],
                addressee=data["addressee"],
                addressee_partner=data["addressee_partner"],
                article=resolve_article(collaboration, data["article"]),
                amount=data["amount"],
            ),
        )
        if signal is not None:
            messages.success(request, _("Het signaal is gedeeld."))
            return redirect("experiences:signal", collaboration.pk, signal.pk)
    context = experiences_context(request, collaboration, "signals", form=form)
    return render(request, "experiences/signal_form.html", context, status=form_status(form))


def _signal(request: HttpRequest, collaboration: Collaboration, signal_pk: str) -> Signal:
    require_experiences(request, collaboration)
    signal = get_object_or_404(
        Signal.objects.filter(collaboration=collaboration).select_related(
            "from_partner__organisation", "addressee_partner__organisation", "article__agreement", "raised_by"
        ),
        pk=signal_pk,
    )
    if not permissions.can_view_signal(request.user, collaboration, signal):
        raise Http404
    return signal


def _signal_page(
    request: HttpRequest,
    collaboration: Collaboration,
    signal: Signal,
    *,
    reply: ReplyForm | None = None,
    status_form: SignalStatusForm | None = None,
) -> HttpResponse:
    person = request.user
    can_reply = permissions.can_reply_to_signal(person, collaboration, signal)
    can_status = permissions.can_change_signal_status(person, collaboration, signal)
    context = experiences_context(
        request,
        collaboration,
        "signals",
        signal=signal,
        replies=signal.replies.select_related("by", "partner__organisation"),
        beside=beside_cost_signal(person, collaboration, timezone.localtime(signal.created_at).year)
        if signal.kind in COST_KINDS or signal.amount is not None
        else [],
        reply_form=(reply or ReplyForm()) if can_reply else None,
        status_form=(status_form or SignalStatusForm(initial={"version": signal.version, "status": signal.status}))
        if can_status
        else None,
    )
    failed = (reply is not None and reply.errors) or (status_form is not None and status_form.errors)
    return render(request, "experiences/signal.html", context, status=400 if failed else 200)


@login_required
def signal_detail(request: HttpRequest, pk: str, signal_pk: str) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    return _signal_page(request, collaboration, _signal(request, collaboration, signal_pk))


@login_required
@require_POST
def signal_reply(request: AuthedRequest, pk: str, signal_pk: str) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    signal = _signal(request, collaboration, signal_pk)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.reply_to_signal(signal=signal, by=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Uw reactie is geplaatst."))
            return redirect("experiences:signal", collaboration.pk, signal.pk)
    return _signal_page(request, collaboration, signal, reply=form)


@login_required
@require_POST
def signal_status(request: AuthedRequest, pk: str, signal_pk: str) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    signal = _signal(request, collaboration, signal_pk)
    form = SignalStatusForm(request.POST)
    if form.is_valid():
        try:
            services.change_signal_status(
                signal=signal,
                by=request.user,
                status=form.cleaned_data["status"],
                outcome=form.cleaned_data["outcome"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De status is nu ‘%(status)s’.") % {"status": signal.get_status_display()})
            return redirect("experiences:signal", collaboration.pk, signal.pk)
    return _signal_page(request, collaboration, signal, status_form=form)


# --- deviations -------------------------------------------------------------------------------


@login_required
def deviations(request: HttpRequest, pk: str) -> HttpResponse:
    """Announced deviations, and apart from them deviations other partners raised as a signal."""
    collaboration = permissions.get_collaboration_for(request, pk)
    require_experiences(request, collaboration)
    mine = my_partners(request, collaboration)
    announced = list(Deviation.objects.filter(collaboration=collaboration).overview())
    rows = []
    for deviation in announced:
        done = deviation.acknowledged_partner_ids()
        pending = [p for p in mine if p.pk != deviation.partner_id and p.pk not in done]
        rows.append((deviation, AcknowledgeForm(partners=pending, prefix=str(deviation.pk)) if pending else None))
    raised = _visible_signals(request, collaboration).raised_deviations().overview()
    partner_count = collaboration.current_partners().count()
    context = experiences_context(
        request,
        collaboration,
        "deviations",
        rows=rows,
        raised=raised,
        partner_count=partner_count,
        can_announce=bool(mine),
    )
    return render(request, "experiences/deviations.html", context)


@login_required
def deviation_announce(request: AuthedRequest, pk: str) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    require_experiences(request, collaboration)
    partners = my_partners(request, collaboration)
    require(bool(partners), str(permissions.ANNOUNCE_DEVIATION_REFUSED))
    initial = {"article": request.GET.get("artikel", "")}
    form = DeviationForm(request.POST or None, initial=initial, collaboration=collaboration, partners=partners)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        deviation, _status = attempt(
            form,
            lambda: services.announce_deviation(
                collaboration=collaboration,
                by=request.user,
                partner=data["partner"],
                article=resolve_article(collaboration, data["article"]),
                reason=data["reason"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
            ),
        )
        if deviation is not None:
            messages.success(request, _("De afwijking is aangekondigd; de andere partners krijgen bericht."))
            return redirect("experiences:deviations", collaboration.pk)
    context = experiences_context(request, collaboration, "deviations", form=form)
    return render(request, "experiences/deviation_form.html", context, status=form_status(form))


@login_required
@require_POST
def deviation_acknowledge(request: AuthedRequest, pk: str, deviation_pk: str) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    require_experiences(request, collaboration)
    deviation = get_object_or_404(Deviation.objects.filter(collaboration=collaboration), pk=deviation_pk)
    form = AcknowledgeForm(request.POST, partners=my_partners(request, collaboration), prefix=str(deviation.pk))
    if form.is_valid():
        try:
            services.acknowledge_deviation(
                deviation=deviation,
                by=request.user,
                partner=form.cleaned_data["partner"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Uw organisatie heeft kennisgenomen van de afwijking."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("experiences:deviations", collaboration.pk)
