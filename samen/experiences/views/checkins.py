"""Check-ins: the list with trends, scheduling, answering, results and their export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samen import permissions
from samen.collaborations.models import Collaboration
from samen.core import formatting, spreadsheet
from samen.core.forms import apply_errors
from samen.core.http import AuthedRequest
from samen.core.services import require
from samen.experiences import services
from samen.experiences.charts import Series, line_chart
from samen.experiences.forms import AnswerForm, ScheduleForm
from samen.experiences.models import CONTENT_SCORES, RELATIONSHIP_SCORES, CheckIn, CheckInParticipation
from samen.experiences.results import MIN_RESPONDENTS, TrendPoint, results_for, trends_for
from samen.experiences.views.common import experiences_context, my_partners, require_experiences


def _trend_chart(points: list[TrendPoint]) -> str:
    if not points:
        return ""
    return line_chart(
        labels=[formatting.short_date(point.checkin.opens_on) for point in points],
        series=[
            Series(_("Inhoud"), [p.content for p in points], "#1c5b8f", marker="circle"),
            Series(_("Relatie"), [p.relationship for p in points], "#8a3b00", dash="8 5", marker="square"),
        ],
        aria_label=_(
            "Lijngrafiek: gemiddelde score per spoor (inhoud en relatie, schaal 1 tot 5) over %(count)s check-ins. "
            "Dezelfde cijfers staan in de tabel hieronder."
        )
        % {"count": len(points)},
    )


@login_required
def checkins(request: HttpRequest, pk: str) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    require_experiences(request, collaboration)
    rounds = CheckIn.objects.filter(collaboration=collaboration).annotate(answers=Count("participations"))
    mine = CheckInParticipation.objects.filter(checkin__collaboration=collaboration, person_id=str(request.user.pk))
    answered = set(mine.values_list("checkin_id", flat=True))
    points = trends_for(collaboration)
    context = experiences_context(
        request,
        collaboration,
        "checkins",
        rounds=rounds.order_by("-opens_on"),
        answered=answered,
        points=points,
        chart=_trend_chart(points),
        relationship_scores=RELATIONSHIP_SCORES,
        can_schedule=permissions.can_schedule_checkins(request.user, collaboration),
        can_answer=bool(my_partners(request, collaboration)),
        min_respondents=MIN_RESPONDENTS,
    )
    return render(request, "experiences/checkins.html", context)


@login_required
def checkin_schedule(request: AuthedRequest, pk: str) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    require(permissions.can_schedule_checkins(request.user, collaboration), str(permissions.SCHEDULE_CHECKINS_REFUSED))
    form = ScheduleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            planned = services.schedule_checkins(collaboration=collaboration, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("%(count)s check-in(s) gepland.") % {"count": len(planned)})
            return redirect("experiences:checkins", collaboration.pk)
    context = experiences_context(request, collaboration, "checkins", form=form)
    return render(request, "experiences/checkin_schedule.html", context, status=400 if form.errors else 200)


def _checkin(request: HttpRequest, collaboration: Collaboration, checkin_pk: str) -> CheckIn:
    require_experiences(request, collaboration)
    return get_object_or_404(
        CheckIn.objects.filter(collaboration=collaboration).select_related("collaboration"), pk=checkin_pk
    )


@login_required
def checkin_detail(request: AuthedRequest, pk: str, checkin_pk: str) -> HttpResponse:
    """Answer (once) while open; the aggregated results once closed. Never an individual answer."""
    collaboration = permissions.get_collaboration_for(request, pk)
    checkin = _checkin(request, collaboration, checkin_pk)
    partners = my_partners(request, collaboration)
    answered = services.has_answered(checkin, request.user)
    form = (
        AnswerForm(request.POST or None, partners=partners) if checkin.is_open and partners and not answered else None
    )
    refused = _refusal(checkin, answered) if request.method == "POST" and form is None else ""
    if request.method == "POST" and form is None:
        require(bool(partners), str(permissions.ANSWER_CHECKIN_REFUSED))
    elif form is not None and form.is_valid():
        data = dict(form.cleaned_data)
        partner = data.pop("partner")
        scores = {name: data.pop(name) for name, _label in CONTENT_SCORES + RELATIONSHIP_SCORES}
        try:
            services.answer_checkin(checkin=checkin, by=request.user, partner=partner, scores=scores, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Dank u wel. Uw antwoorden zijn anoniem opgeslagen."))
            return redirect("experiences:checkin", collaboration.pk, checkin.pk)
    context = experiences_context(
        request,
        collaboration,
        "checkins",
        checkin=checkin,
        form=form,
        answered=answered,
        refused=refused,
        results=results_for(checkin),
        min_respondents=MIN_RESPONDENTS,
        content_scores=CONTENT_SCORES,
        relationship_scores=RELATIONSHIP_SCORES,
        can_close=checkin.is_open and permissions.can_schedule_checkins(request.user, collaboration),
    )
    failed = bool(refused) or (form is not None and bool(form.errors))
    return render(request, "experiences/checkin.html", context, status=400 if failed else 200)


def _refusal(checkin: CheckIn, answered: bool) -> str:
    """Why an answer is not taken (a second answer, or a check-in that is not open)."""
    if answered:
        return _("U heeft deze check-in al ingevuld. Elke contactpersoon antwoordt één keer.")
    if checkin.is_closed:
        return _("Deze check-in is gesloten; antwoorden kan niet meer.")
    return _("Deze check-in is nog niet open.")


@login_required
@require_POST
def checkin_close(request: AuthedRequest, pk: str, checkin_pk: str) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    checkin = _checkin(request, collaboration, checkin_pk)
    try:
        services.close_checkin(checkin=checkin, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De check-in is gesloten; de samengevatte resultaten zijn nu zichtbaar."))
    return redirect("experiences:checkin", collaboration.pk, checkin.pk)


@login_required
def checkin_export(request: HttpRequest, pk: str, checkin_pk: str) -> HttpResponse:
    """The aggregated results as CSV (semicolons, decimal commas): the same figures as the page."""
    collaboration = permissions.get_collaboration_for(request, pk)
    checkin = _checkin(request, collaboration, checkin_pk)
    results = results_for(checkin)
    if not results.visible:
        messages.info(request, _("De resultaten zijn zichtbaar zodra de check-in sluit."))
        return redirect("experiences:checkin", collaboration.pk, checkin.pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="check-in-{checkin.opens_on:%Y-%m-%d}.csv"'
    writer = spreadsheet.writer(response, delimiter=";")
    labels = [str(label) for _name, label in CONTENT_SCORES + RELATIONSHIP_SCORES]
    writer.writerow([_("Groep"), _("Aantal antwoorden"), *labels])
    names = [name for name, _label in CONTENT_SCORES + RELATIONSHIP_SCORES]
    rows = [(_("Alle partners"), results.respondents, results.overall)] + [
        (str(p.partner), p.respondents, p.averages) for p in results.partners
    ]
    for label, count, averages in rows:
        if averages is None:
            writer.writerow([label, count, *[_("te weinig antwoorden")] * len(names)])
        else:
            writer.writerow([label, count, *[formatting.number(averages.scores.get(name), 1) for name in names]])
    return response
