"""Pages of the successes area. Views parse input, call a service and render."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samen import permissions
from samen.collaborations.models import Collaboration
from samen.collaborations.workspace import workspace_context
from samen.core.documents import pdf_response
from samen.core.forms import apply_errors
from samen.core.http import AuthedRequest
from samen.successes import services
from samen.successes.brief import brief_markdown, brief_pdf_html, build_brief
from samen.successes.forms import PartnerFilterForm, PeriodForm, SpotlightForm, SuccessForm
from samen.successes.models import CelebrationPrompt, Spotlight, Success
from samen.successes.timeline import bar_chart, quarter_series

FEED_LENGTH = 30


def _context(request: HttpRequest, collaboration: Collaboration, **extra: Any) -> dict[str, Any]:
    person = request.user
    return workspace_context(
        request,
        collaboration,
        "successes",
        can_record=permissions.can_record_success(person, collaboration),
        can_celebrate=permissions.can_celebrate(person, collaboration),
        sees_internal=permissions.can_view_internal_successes(person, collaboration),
        **extra,
    )


def _success_for(request: HttpRequest, collaboration: Collaboration, success_pk: Any) -> Success:
    success = get_object_or_404(Success.objects.for_list(), pk=success_pk, collaboration=collaboration)
    if not permissions.can_view_success(request.user, success):
        raise Http404
    return success


@login_required
def overview(request: HttpRequest, pk: Any) -> HttpResponse:
    """The feed: recent successes and spotlights, and what still waits to be celebrated."""
    collaboration = permissions.get_collaboration_for(request, pk)
    internal = permissions.can_view_internal_successes(request.user, collaboration)
    prompts = CelebrationPrompt.objects.none()
    if permissions.can_celebrate(request.user, collaboration):
        services.refresh_prompts(collaboration)
        prompts = CelebrationPrompt.objects.open_for(collaboration)
    successes = list(Success.objects.feed(collaboration, internal=internal)[:FEED_LENGTH])
    spotlights = list(Spotlight.objects.feed(collaboration)[:FEED_LENGTH]) if internal else []
    feed = sorted(
        [(s.date, s.recorded_at, "success", s) for s in successes]
        + [(timezone.localdate(s.created_at), s.created_at, "spotlight", s) for s in spotlights],
        key=lambda item: (item[0], item[1]),
        reverse=True,
    )[:FEED_LENGTH]
    context = _context(request, collaboration, feed=feed, prompts=list(prompts[:3]), prompt_count=prompts.count())
    return render(request, "successes/overview.html", context)


@login_required
def record(request: AuthedRequest, pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    if not permissions.can_record_success(request.user, collaboration):
        raise Http404
    prompt = None
    if prompt_pk := request.GET.get("aanleiding"):
        prompt = get_object_or_404(CelebrationPrompt, pk=prompt_pk, collaboration=collaboration)
        if not prompt.is_open:  # celebrated meanwhile, or a second submit of the same form
            messages.info(request, _("Dit is al gevierd met het succes ‘%(title)s’.") % {"title": prompt.success})
            return redirect("successes:detail", collaboration.pk, prompt.success_id)
    initial: dict[str, Any] = {"date": timezone.localdate()}
    if prompt is not None:
        initial.update(title=prompt.title, goal=prompt.goal_id, result=prompt.result_id)
    form = SuccessForm(request.POST or None, request.FILES or None, collaboration=collaboration, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            success = services.record_success(
                collaboration=collaboration, by=request.user, prompt=prompt, **form.service_arguments()
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Het succes is vastgelegd. Proficiat!"))
            return redirect("successes:detail", collaboration.pk, success.pk)
    context = _context(request, collaboration, form=form, prompt=prompt)
    return render(request, "successes/record.html", context, status=400 if form.errors else 200)


@login_required
def detail(request: HttpRequest, pk: Any, success_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    success = _success_for(request, collaboration, success_pk)
    partner_ids = [partner.pk for partner in success.partners.all()]
    context = _context(
        request,
        collaboration,
        success=success,
        can_edit=permissions.can_edit_success(request.user, success, partner_ids),
        can_publish=permissions.can_publish_success(request.user, collaboration, partner_ids),
    )
    return render(request, "successes/detail.html", context)


@login_required
def edit(request: AuthedRequest, pk: Any, success_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    success = _success_for(request, collaboration, success_pk)
    if not permissions.can_edit_success(request.user, success, [p.pk for p in success.partners.all()]):
        raise Http404
    initial = {
        "title": success.title,
        "story": success.story,
        "date": success.date,
        "goal": success.goal_id,
        "result": success.result_id,
        "teams": success.teams,
        "version": success.version,
        "partners": list(success.partners.all()),
        "people": list(success.people.all()),
    }
    form = SuccessForm(
        request.POST or None, request.FILES or None, collaboration=collaboration, editing=True, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            was_public = success.is_public
            success = services.update_success(
                success=success, by=request.user, version=form.cleaned_data["version"], **form.service_arguments()
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            if was_public and not success.is_public:
                messages.warning(
                    request, _("Het succes is weer intern: een bestuurlijk contact maakt de nieuwe tekst openbaar.")
                )
            return redirect("successes:detail", collaboration.pk, success.pk)
    context = _context(request, collaboration, form=form, success=success)
    return render(request, "successes/edit.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def publish(request: AuthedRequest, pk: Any, success_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    success = _success_for(request, collaboration, success_pk)
    public = request.POST.get("openbaar") == "ja"
    try:
        services.set_success_public(success=success, by=request.user, public=public)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Het succes is openbaar.") if public else _("Het succes is weer intern."))
    return redirect("successes:detail", collaboration.pk, success.pk)


@login_required
def attachment(request: HttpRequest, pk: Any, success_pk: Any) -> FileResponse:
    """Always a download with the type detected at upload and nosniff: never shown inline, never run."""
    collaboration = permissions.get_collaboration_for(request, pk)
    success = _success_for(request, collaboration, success_pk)
    if not success.attachment:
        raise Http404
    response = FileResponse(
        success.attachment.open("rb"),
        as_attachment=True,
        filename=success.attachment_name or "bijlage",
        content_type=success.attachment_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def spotlights(request: AuthedRequest, pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    if not permissions.can_view_internal_successes(request.user, collaboration):
        raise Http404
    can_give = permissions.can_give_spotlight(request.user, collaboration)
    form = SpotlightForm(request.POST or None, collaboration=collaboration, exclude=request.user) if can_give else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                services.give_spotlight(collaboration=collaboration, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Staat in het zonnetje! Wie u noemde, krijgt bericht."))
                return redirect("successes:spotlights", collaboration.pk)
    page = Paginator(Spotlight.objects.feed(collaboration), 25).get_page(request.GET.get("pagina"))
    context = _context(request, collaboration, form=form, page=page)
    return render(
        request, "successes/spotlights.html", context, status=400 if form is not None and form.errors else 200
    )


@login_required
def prompts(request: HttpRequest, pk: Any) -> HttpResponse:
    """What was reached but not yet celebrated."""
    collaboration = permissions.get_collaboration_for(request, pk)
    if not permissions.can_celebrate(request.user, collaboration):
        raise Http404
    services.refresh_prompts(collaboration)
    context = _context(request, collaboration, prompts=CelebrationPrompt.objects.open_for(collaboration))
    return render(request, "successes/prompts.html", context)


def _brief_for(request: HttpRequest, pk: Any) -> tuple[Collaboration, PeriodForm, Any]:
    collaboration = permissions.get_collaboration_for(request, pk)
    if not permissions.can_make_success_brief(request.user, collaboration):
        raise Http404
    form = PeriodForm(request.GET or None, initial=dict(zip(("van", "tot"), PeriodForm.default_period(), strict=True)))
    start, end = form.period()
    return collaboration, form, build_brief(collaboration, start, end)


@login_required
def brief(request: HttpRequest, pk: Any) -> HttpResponse:
    collaboration, form, the_brief = _brief_for(request, pk)
    query = f"?van={the_brief.start.isoformat()}&tot={the_brief.end.isoformat()}"
    context = _context(request, collaboration, form=form, brief=the_brief, query=query)
    return render(request, "successes/brief.html", context, status=400 if form.errors else 200)


@login_required
def brief_as_pdf(request: AuthedRequest, pk: Any) -> HttpResponseBase:
    """Made by the task worker; until it is ready this answers with a page that says so."""
    collaboration, _form, the_brief = _brief_for(request, pk)
    filename = f"{the_brief.filename_stem}.pdf"
    return pdf_response(request, brief_pdf_html(the_brief), filename, collaboration=collaboration)


@login_required
def brief_as_text(request: HttpRequest, pk: Any) -> HttpResponse:
    _collaboration, _form, the_brief = _brief_for(request, pk)
    response = HttpResponse(brief_markdown(the_brief), content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{the_brief.filename_stem}.md"'
    return response


@login_required
def timeline(request: HttpRequest, pk: Any) -> HttpResponse:
    """Successes per quarter, for the whole collaboration or one partner: a chart and its table."""
    collaboration = permissions.get_collaboration_for(request, pk)
    internal = permissions.can_view_internal_successes(request.user, collaboration)
    form = PartnerFilterForm(request.GET or None, collaboration=collaboration)
    partner = form.cleaned_data.get("partner") if form.is_bound and form.is_valid() else None
    visible = Success.objects.filter(collaboration=collaboration).visible_to(internal=internal)
    scoped = visible.filter(partners=partner) if partner is not None else visible
    series = quarter_series(scoped.quarter_counts(), timezone.localdate())
    subject = partner.organisation.name if partner is not None else (collaboration.short_name or collaboration.name)
    partner_counts = visible.partner_counts()
    partner_rows = [
        (partner_pk, name, partner_counts.get(partner_pk, 0))
        for partner_pk, name in collaboration.partners.order_by("organisation__name").values_list(
            "pk", "organisation__name"
        )
    ]
    listed = scoped.only("id", "title", "date", "is_public", "collaboration_id").order_by("-date", "-recorded_at", "id")
    page = Paginator(listed, 50).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    context = _context(
        request,
        collaboration,
        form=form,
        partner=partner,
        series=series,
        chart=bar_chart(series, subject),
        partner_rows=partner_rows,
        page=page,
        query=query.urlencode(),
        detail_base=reverse("successes:overview", args=[collaboration.pk]) + "/",  # one reverse, not one per row
    )
    return render(request, "successes/timeline.html", context)
