"""Key figures per regeling, the BBV paragraph of a municipality and the reader's view."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samen import permissions
from samen.collaborations.models import Collaboration, CollaborationKind, Organisation
from samen.core import documents
from samen.core.forms import apply_errors
from samen.core.http import AuthedRequest
from samen.council import bbv, exports, figures, pages
from samen.council.forms import FiguresForm, ImportForm
from samen.council.models import Basis, Document, Zienswijze
from samen.council.views.cycle import _context, _viewable, _year
from samen.experiences.facts import cost_signals_by_year

MAX_IMPORT_BYTES = 2 * 1024 * 1024


@login_required
def key_figures(request: AuthedRequest, pk: Any) -> HttpResponse:
    collaboration = _viewable(request, pk)
    can_keep = permissions.can_keep_cycle(request.user, collaboration)
    partners = list(collaboration.current_partners())
    form = import_form = None
    if can_keep:
        form = FiguresForm(
            request.POST if "opslaan" in request.POST else None,
            partners=partners,
            initial={"year": timezone.localdate().year, "basis": Basis.BUDGET},
            prefix="f",
        )
        import_form = ImportForm(
            request.POST if "importeren" in request.POST else None,
            request.FILES if "importeren" in request.POST else None,
            prefix="i",
        )
    if request.method == "POST":
        if not can_keep:
            raise Http404
        try:
            if "opslaan" in request.POST and form is not None and form.is_valid():
                figures.save_key_figures(collaboration=collaboration, by=request.user, **form.service_arguments())
                messages.success(request, _("De kengetallen zijn opgeslagen."))
                return redirect("council:figures", collaboration.pk)
            if "importeren" in request.POST and import_form is not None and import_form.is_valid():
                upload = import_form.cleaned_data["file"]
                if upload.size > MAX_IMPORT_BYTES:
                    raise ValidationError({"file": _("Een importbestand mag hoogstens 2 MB zijn.")})
                rows = figures.import_key_figures(
                    collaboration=collaboration, by=request.user, content=upload.read(), file_name=upload.name
                )
                messages.success(request, _("%(rows)s regels geïmporteerd.") % {"rows": rows})
                return redirect("council:figures", collaboration.pk)
        except ValidationError as error:
            apply_errors(import_form if "importeren" in request.POST else form, error)  # type: ignore[arg-type]
    history = pages.figures_history(collaboration)
    chart = pages.equity_chart(history, _("Eigen vermogen op 31 december per jaar"))
    # Signals are for contacts and the facilitator (Deel ervaringen); readers see the figures alone.
    shows_signals = permissions.can_view_experiences(request.user, collaboration)
    years = sorted({f.year for f in history} | {timezone.localdate().year}, reverse=True) if shows_signals else []
    signals = cost_signals_by_year(
        collaboration.pk,
        years,
        partner_ids=permissions.partners_acted_for(request.user, collaboration),
        facilitator=permissions.is_facilitator(request.user, collaboration),
    )
    for figures_row in history:
        figures_row.cost_signals = signals.get(figures_row.year, [])  # type: ignore[attr-defined]
    context = _context(
        request,
        collaboration,
        "figures",
        history=history,
        chart=chart,
        shows_signals=shows_signals,
        signal_years=[(year, signals[year]) for year in years],
        form=form,
        import_form=import_form,
        partners=partners,
    )
    status = 400 if (form and form.errors) or (import_form and import_form.errors) else 200
    return render(request, "council/figures.html", context, status=status)


def _organisation_for(request: HttpRequest, organisation_pk: Any) -> Organisation:
    organisation = get_object_or_404(Organisation, pk=organisation_pk)
    if not permissions.can_view_bbv_paragraph(request.user, organisation):
        raise Http404
    return organisation


def _basis(value: Any) -> str:
    return value if value in Basis.values else Basis.BUDGET


@login_required
def bbv_paragraph(request: AuthedRequest, organisation_pk: Any, fmt: str = "") -> HttpResponseBase:
    organisation = _organisation_for(request, organisation_pk)
    year = _year(request.GET.get("jaar"))
    basis = _basis(request.GET.get("bron"))
    paragraph = bbv.paragraph(organisation, year, basis)
    if not fmt:
        context = {
            "paragraph": paragraph,
            "organisation": organisation,
            "year": year,
            "basis": basis,
            "bases": Basis.choices,
        }
        return render(request, "council/bbv.html", context)
    # The worker makes the file; the same content (the same HTML) hands out the same file again.
    html = exports.paragraph_html(paragraph)
    filename = f"verbonden-partijen-{slugify(organisation.name)}-{basis}-{year}.{fmt}"
    if fmt == "pdf":
        return documents.pdf_response(request, html, filename)
    language = translation.get_language() or "nl"
    document = documents.request_document(
        builder="samen.council.exports.build_document",
        content_key=documents.key_of("bbv", fmt, language, html),
        filename=filename,
        content_type=exports.DOCX if fmt == "docx" else exports.XLSX,
        by=request.user,
        params={
            "organisation": str(organisation.pk),
            "year": year,
            "basis": basis,
            "format": fmt,
            "language": language,
        },
        retry=request.GET.get(documents.RETRY) == "1",
    )
    return documents.document_response(request, document)


@login_required
def reader(request: HttpRequest) -> HttpResponse:
    """A councillor's view of their own municipality: every regeling's cycle, open periods, zienswijzen."""
    organisation = getattr(request.user, "organisation", None)
    if organisation is None:
        raise Http404
    year = _year(request.GET.get("jaar"))
    today = timezone.localdate()
    visible = permissions.visible_collaboration_ids(request.user)  # type: ignore[arg-type]  # signed in
    collaborations = [
        c
        for c in Collaboration.objects.of_organisation(organisation).filter(kind=CollaborationKind.GR)
        if c.pk in visible and permissions.can_view_cycle(request.user, c)
    ]
    by_id = pages.calendars_of(collaborations, year, today)
    calendars = [(c, by_id[c.pk]) for c in collaborations]
    documents = list(
        Document.objects.of_collaborations([c.pk for c in collaborations]).filter(year=year).order_by("sent_on")
    )
    open_documents = [d for d in documents if d.zienswijze_open(today)]
    drafts: set[Any] = set()
    for collaboration in collaborations:
        drafts |= permissions.zienswijze_draft_partner_ids(request.user, collaboration)
    zienswijzen = list(
        Zienswijze.objects.filter(document__in=documents).visible_to(drafts).for_overview().select_related("document")
    )
    context = {
        "nav": "council",
        "organisation": organisation,
        "year": year,
        "today": today,
        "calendars": calendars,
        "documents": documents,
        "open_documents": open_documents,
        "zienswijzen": zienswijzen,
        "own_partner_organisation": organisation.pk,
        "can_bbv": permissions.can_view_bbv_paragraph(request.user, organisation),
    }
    return render(request, "council/reader.html", context)
