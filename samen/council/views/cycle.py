"""The P&C calendar of a regeling, its documents and the zienswijzen on them."""

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samen import permissions
from samen.collaborations.models import Collaboration
from samen.collaborations.workspace import workspace_context
from samen.core.forms import apply_errors
from samen.core.http import AuthedRequest
from samen.council import pages, services
from samen.council.forms import DocumentForm, OwnMomentForm, ResponseForm, ZienswijzeForm
from samen.council.models import Document, OwnMoment, Zienswijze
from samen.notifications import ics
from samen.notifications.services import absolute_url


def _viewable(request: HttpRequest, pk: Any) -> Collaboration:
    collaboration = permissions.get_collaboration_for(request, pk)
    if not permissions.can_view_cycle(request.user, collaboration):
        raise Http404
    return collaboration


def _year(value: Any) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def _context(request: HttpRequest, collaboration: Collaboration, subtab: str, **extra: Any) -> dict[str, Any]:
    return workspace_context(
        request,
        collaboration,
        "council",
        subtab=subtab,
        can_keep=permissions.can_keep_cycle(request.user, collaboration),
        **extra,
    )


@login_required
def cycle(request: HttpRequest, pk: Any) -> HttpResponse:
    collaboration = _viewable(request, pk)
    year = _year(request.GET.get("jaar"))
    calendar = pages.with_links(pages.calendar_of(collaboration, year), request.user, collaboration)
    can_keep = permissions.can_keep_cycle(request.user, collaboration)
    form = OwnMomentForm(prefix="moment") if can_keep else None
    context = _context(request, collaboration, "cycle", calendar=calendar, moment_form=form, today=timezone.localdate())
    context.update(previous_year=year - 1, next_year=year + 1)
    return render(request, "council/cycle.html", context)


@login_required
@require_POST
def add_moment(request: AuthedRequest, pk: Any) -> HttpResponse:
    collaboration = _viewable(request, pk)
    form = OwnMomentForm(request.POST, prefix="moment")
    if form.is_valid():
        try:
            moment = services.add_own_moment(collaboration=collaboration, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Het moment is toegevoegd."))
            return redirect(f"{reverse('council:cycle', args=[collaboration.pk])}?jaar={moment.due_on.year}")
    if not permissions.can_keep_cycle(request.user, collaboration):
        raise Http404
    calendar = pages.calendar_of(collaboration, timezone.localdate().year)
    context = _context(request, collaboration, "cycle", calendar=calendar, moment_form=form, today=timezone.localdate())
    return render(request, "council/cycle.html", context, status=400)


@login_required
@require_POST
def remove_moment(request: AuthedRequest, pk: Any, moment_pk: Any) -> HttpResponse:
    collaboration = _viewable(request, pk)
    moment = get_object_or_404(OwnMoment, pk=moment_pk, collaboration=collaboration)
    services.remove_own_moment(moment=moment, by=request.user)
    messages.success(request, _("Het moment is verwijderd."))
    return redirect(f"{reverse('council:cycle', args=[collaboration.pk])}?jaar={moment.due_on.year}")


@login_required
def add_document(request: AuthedRequest, pk: Any) -> HttpResponse:
    collaboration = _viewable(request, pk)
    if not permissions.can_keep_cycle(request.user, collaboration):
        raise Http404
    year = _year(request.GET.get("jaar"))
    form = DocumentForm(request.POST or None, request.FILES or None, initial={"sent_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            document = services.record_document(
                collaboration=collaboration, by=request.user, year=year, **form.service_arguments()
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Het stuk is vastgelegd; de deelnemers krijgen bericht."))
            return redirect("council:document", collaboration.pk, document.pk)
    context = _context(request, collaboration, "cycle", form=form, year=year)
    return render(request, "council/document_form.html", context, status=400 if form.errors else 200)


def _document(collaboration: Collaboration, document_pk: Any) -> Document:
    return get_object_or_404(Document, pk=document_pk, collaboration=collaboration)


@login_required
def document(request: AuthedRequest, pk: Any, document_pk: Any) -> HttpResponse:
    collaboration = _viewable(request, pk)
    doc = _document(collaboration, document_pk)
    doc.collaboration = collaboration
    overview = pages.overview_of(doc, request.user)
    writable = [p for p in collaboration.current_partners() if permissions.can_write_zienswijze(request.user, p)]
    own = {z.partner_id: z for z in overview.zienswijzen}
    forms = []
    if doc.asks_zienswijze:
        for partner in writable:
            mine = own.get(partner.pk)
            if mine is not None and mine.is_adopted:
                continue
            initial = {}
            if mine is not None:
                initial = {
                    "stance": mine.stance,
                    "text": mine.text,
                    "themes": ", ".join(mine.themes),
                    "decided_on": mine.decided_on,
                }
            forms.append((partner, mine, ZienswijzeForm(initial=initial, prefix=f"z{partner.pk.hex[:8]}")))
    can_respond = permissions.can_respond_to_zienswijze(request.user, collaboration)
    context = _context(
        request,
        collaboration,
        "cycle",
        document=doc,
        overview=overview,
        forms=forms,
        can_respond=can_respond,
        response_form=ResponseForm() if can_respond else None,
    )
    return render(request, "council/document.html", context)


@login_required
@require_POST
def save_zienswijze(request: AuthedRequest, pk: Any, document_pk: Any, partner_pk: Any) -> HttpResponse:
    collaboration = _viewable(request, pk)
    doc = _document(collaboration, document_pk)
    partner = get_object_or_404(collaboration.partners, pk=partner_pk)
    if not permissions.can_write_zienswijze(request.user, partner):
        raise Http404
    form = ZienswijzeForm(request.POST, prefix=f"z{partner.pk.hex[:8]}")
    if form.is_valid():
        try:
            saved = services.save_zienswijze(document=doc, partner=partner, by=request.user, **form.service_arguments())
            if "vaststellen" in request.POST:
                services.adopt_zienswijze(zienswijze=saved, by=request.user)
                messages.success(request, _("De zienswijze is vastgesteld en zichtbaar voor alle deelnemers."))
            else:
                messages.success(request, _("Het concept is opgeslagen; alleen uw organisatie ziet het."))
            return redirect("council:document", collaboration.pk, doc.pk)
        except ValidationError as error:
            apply_errors(form, error)
    doc.collaboration = collaboration
    context = _context(
        request,
        collaboration,
        "cycle",
        document=doc,
        overview=pages.overview_of(doc, request.user),
        forms=[(partner, None, form)],
        can_respond=False,
        response_form=None,
    )
    return render(request, "council/document.html", context, status=400)


@login_required
@require_POST
def respond(request: AuthedRequest, pk: Any, document_pk: Any, zienswijze_pk: Any) -> HttpResponse:
    collaboration = _viewable(request, pk)
    zienswijze = get_object_or_404(
        Zienswijze, pk=zienswijze_pk, document__collaboration=collaboration, document_id=document_pk
    )
    if not permissions.can_respond_to_zienswijze(request.user, collaboration):
        raise Http404
    form = ResponseForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Schrijf wat er met de zienswijze is gedaan."))
        services.respond_to_zienswijze(zienswijze=zienswijze, by=request.user, response=form.cleaned_data["response"])
        messages.success(request, _("De reactie is vastgelegd."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("council:document", collaboration.pk, document_pk)


@login_required
def document_file(request: HttpRequest, pk: Any, document_pk: Any) -> FileResponse:
    collaboration = _viewable(request, pk)
    doc = _document(collaboration, document_pk)
    if not doc.file:
        raise Http404
    response = FileResponse(
        doc.file.open("rb"),
        as_attachment=True,
        filename=doc.file_name or "stuk",
        content_type=doc.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def calendar_items(collaboration: Collaboration, year: int) -> list[ics.CalendarItem]:
    items = []
    for row in pages.calendar_of(collaboration, year).rows:
        items.append(
            ics.CalendarItem(
                uid=f"pc-{collaboration.pk}-{year}-{row.moment.key}-{row.moment.due.isoformat()}@samen",
                start=row.moment.due,
                end=row.moment.due + datetime.timedelta(days=1),
                summary=f"{row.moment.title} – {collaboration.short_name or collaboration.name}",
                description=str(row.moment.basis),
                url=absolute_url(reverse("council:cycle", args=[collaboration.pk]) + f"?jaar={year}"),
            )
        )
    return items


@login_required
def calendar_feed(request: HttpRequest, pk: Any) -> HttpResponse:
    """The year's moments (and the next year's) as an iCalendar file."""
    collaboration = _viewable(request, pk)
    year = _year(request.GET.get("jaar"))
    items = calendar_items(collaboration, year) + calendar_items(collaboration, year + 1)
    body = ics.calendar(items, name=_("P&C-planning %(name)s") % {"name": collaboration.name})
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="pc-planning-{year}.ics"'
    return response
