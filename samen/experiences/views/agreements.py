"""The agreements register: list, import with preview, agreement and article pages, readings."""

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samen import permissions
from samen.collaborations.models import Collaboration
from samen.core.forms import apply_errors
from samen.core.http import AuthedRequest
from samen.core.services import ConcurrentEditError, require
from samen.experiences import roo, services, splitter
from samen.experiences.forms import AgreementDetailsForm, AgreementSourceForm, ArticleForm, ReadingForm, TokenForm
from samen.experiences.models import (
    Agreement,
    AgreementKind,
    Article,
    Deviation,
    Interpretation,
    Signal,
    Stance,
    default_kind_for,
)
from samen.experiences.services.uploads import request_reading
from samen.experiences.views.common import experiences_context, my_partners


@login_required
def agreements(request: HttpRequest, pk: str) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    register = Agreement.objects.register_for(collaboration)
    can_manage = permissions.can_manage_agreements(request.user, collaboration)
    roo_count = len(roo.excerpts_for(collaboration.roo_id)) if can_manage else 0
    context = experiences_context(request, collaboration, "agreements", agreements=register, roo_count=roo_count)
    return render(request, "experiences/agreements.html", context)


DETAIL_FIELDS = ("kind", "title", "signed_on", "effective_from", "effective_until", "parties")


def _details_initial(collaboration: Collaboration, data: Any = None, **initial: Any) -> dict[str, Any]:
    if data is None:
        parties = [p.pk for p in collaboration.current_partners()]
        return {"kind": default_kind_for(collaboration), "parties": parties, **initial}
    values = {name: data.get(name, "") for name in ("kind", "title", "signed_on", "effective_from", "effective_until")}
    return {**values, "parties": data.getlist("parties"), **{k: v for k, v in initial.items() if not values.get(k)}}


def _preview(
    request: HttpRequest,
    collaboration: Collaboration,
    token: str,
    document: splitter.Document,
    details: AgreementDetailsForm,
    status: int = 200,
    errors: list[str] | None = None,
) -> HttpResponse:
    rows = [
        (index, document.section_path(a.section), a, list(enumerate(a.part.lines))[1:])
        for index, a in enumerate(document.articles)
    ]
    context = experiences_context(
        request,
        collaboration,
        "agreements",
        document=document,
        details=details,
        token_form=TokenForm(initial={"token": token}),
        rows=rows,
        several_series=len(document.series) > 1,
        correctable=document.format != splitter.FORMAT_ROO,
        errors=errors or [],
    )
    return render(request, "experiences/agreement_preview.html", context, status=status)


@login_required
def agreement_import(request: AuthedRequest, pk: str) -> HttpResponse:
    """Paste or upload a text, see how it splits, and save it only on confirmation."""
    collaboration = permissions.get_collaboration_for(request, pk)
    require(permissions.can_manage_agreements(request.user, collaboration), str(permissions.MANAGE_AGREEMENTS_REFUSED))
    try:
        data = request.POST if request.method == "POST" else None
        files = request.FILES if data is not None else None
    except RequestDataTooBig:
        too_big = _("De tekst is te groot om te versturen. Het maximum is 2 MB; splits de tekst in delen.")
        details = AgreementDetailsForm(collaboration=collaboration)
        return _import_page(request, collaboration, details, AgreementSourceForm(), 400, [too_big])
    step = data.get("stap") if data is not None else None
    if data is not None and data.get("correctie"):
        return _correct(request, collaboration)
    if step == "opslaan":
        return _confirm(request, collaboration)
    initial = _details_initial(collaboration, data)
    details = AgreementDetailsForm(initial=initial, collaboration=collaboration)
    source = AgreementSourceForm(data, files)
    if data is None or not source.is_valid():
        return _import_page(request, collaboration, details, source, 400 if data is not None else 200)
    if "upload_content" in source.cleaned_data:
        return read_upload_later(request, collaboration, source.cleaned_data, data)
    text, fmt, name = (source.cleaned_data[k] for k in ("source_text", "source_format", "source_name"))
    try:
        document = services.split_source(text, fmt)
    except ValidationError as error:
        apply_errors(source, error)
        return _import_page(request, collaboration, details, source, 400)
    details = AgreementDetailsForm(
        initial=_details_initial(collaboration, data, title=document.title or name), collaboration=collaboration
    )
    return _preview(request, collaboration, services.make_import_token(text, fmt, name), document, details)


def read_upload_later(
    request: HttpRequest, collaboration: Collaboration, cleaned: dict[str, Any], data: Any
) -> HttpResponse:
    """A PDF or Word file: stored and read by the task worker; its page shows the preview when it is read."""
    details = {name: data.getlist(name) for name in DETAIL_FIELDS}
    upload = request_reading(
        collaboration=collaboration,
        by=request.user,
        filename=cleaned["source_name"],
        data=cleaned["upload_content"],
        details=details,
    )
    return redirect("experiences:agreement_upload", collaboration.pk, upload.pk)


def _import_page(
    request: HttpRequest,
    collaboration: Collaboration,
    details: AgreementDetailsForm,
    source: AgreementSourceForm,
    status: int,
    errors: list[str] | None = None,
) -> HttpResponse:
    context = experiences_context(
        request, collaboration, "agreements", details=details, source=source, errors=errors or []
    )
    return render(request, "experiences/agreement_import.html", context, status=status)


def _correct(request: HttpRequest, collaboration: Collaboration) -> HttpResponse:
    """Merge, split or mark an article as toelichting in the preview; nothing is saved yet."""
    token = request.POST.get("token", "")
    action, _sep, index = request.POST.get("correctie", "").partition(":")
    details = AgreementDetailsForm(initial=_details_initial(collaboration, request.POST), collaboration=collaboration)
    try:
        text, fmt, _name = services.read_import_token(token)
        document = services.split_source(text, fmt, services.read_import_corrections(token))
    except ValidationError as error:
        empty = AgreementDetailsForm(collaboration=collaboration)
        return _import_page(request, collaboration, empty, AgreementSourceForm(), 400, error.messages)
    try:
        line = request.POST.get(f"regel-{index}") if action == splitter.SPLIT else None
        token, document = services.correct_import(token, action, int(index), int(line) if line is not None else None)
    except (ValueError, ValidationError) as error:
        message = error.messages if isinstance(error, ValidationError) else [_("Kies een correctie uit de lijst.")]
        return _preview(request, collaboration, token, document, details, status=400, errors=message)
    return _preview(request, collaboration, token, document, details)


def _confirm(request: AuthedRequest, collaboration: Collaboration) -> HttpResponse:
    token_form = TokenForm(request.POST)
    details = AgreementDetailsForm(request.POST, collaboration=collaboration)
    token = request.POST.get("token", "")
    try:
        text, fmt, _name = services.read_import_token(token)
        document = services.split_source(text, fmt, services.read_import_corrections(token))
    except ValidationError as error:
        details = AgreementDetailsForm(collaboration=collaboration)
        return _import_page(request, collaboration, details, AgreementSourceForm(), 400, error.messages)
    if token_form.is_valid() and details.is_valid():
        fields = {k: v for k, v in details.cleaned_data.items() if k != "version"}
        try:
            agreement = services.import_agreement(collaboration=collaboration, by=request.user, token=token, **fields)
        except ValidationError as error:
            apply_errors(details, error)
        else:
            count = document.article_count
            messages.success(
                request,
                ngettext(
                    "De afspraak is opgeslagen met %(count)s artikel.",
                    "De afspraak is opgeslagen met %(count)s artikelen.",
                    count,
                )
                % {"count": count},
            )
            return redirect("experiences:agreement", collaboration.pk, agreement.pk)
    return _preview(request, collaboration, token, document, details, status=400)


@login_required
def agreement_from_roo(request: HttpRequest, pk: str) -> HttpResponse:
    """For a register GR: the ROO article excerpts as a start, shown as a preview."""
    collaboration = permissions.get_collaboration_for(request, pk)
    require(permissions.can_manage_agreements(request.user, collaboration), str(permissions.MANAGE_AGREEMENTS_REFUSED))
    excerpts = roo.excerpts_for(collaboration.roo_id)
    if not excerpts:
        messages.info(request, _("Voor deze samenwerking staan geen artikelteksten in het landelijk register."))
        return redirect("experiences:agreements", collaboration.pk)
    text = json.dumps(excerpts, ensure_ascii=False)
    document = services.split_source(text, splitter.FORMAT_ROO)
    title = roo.regeling_name(collaboration.roo_id) or collaboration.name
    details = AgreementDetailsForm(
        initial=_details_initial(collaboration, kind=AgreementKind.REGULATION, title=title), collaboration=collaboration
    )
    token = services.make_import_token(text, splitter.FORMAT_ROO, f"ROO {collaboration.roo_id}")
    return _preview(request, collaboration, token, document, details)


def _agreement(collaboration: Collaboration, agreement_pk: str) -> Agreement:
    return get_object_or_404(
        Agreement.objects.filter(collaboration=collaboration).prefetch_related("parties__organisation"),
        pk=agreement_pk,
    )


@login_required
def agreement_detail(request: HttpRequest, pk: str, agreement_pk: str) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    agreement = _agreement(collaboration, agreement_pk)
    only_flagged = request.GET.get("verschil") == "1"
    articles = agreement.articles.with_reading_counts().order_by("position")
    if only_flagged:
        articles = articles.filter(pk__in=Article.objects.filter(agreement=agreement).flagged().values("pk"))
    chapters = {chapter.pk: chapter for chapter in agreement.chapters.all()}
    rows = [(_chapter_path(chapters, article.chapter_id), article) for article in articles]
    context = experiences_context(
        request,
        collaboration,
        "agreements",
        agreement=agreement,
        rows=rows,
        only_flagged=only_flagged,
        chapters=[c for c in chapters.values() if c.text],
    )
    return render(request, "experiences/agreement.html", context)


def _chapter_path(chapters: dict[Any, Any], chapter_id: Any) -> str:
    parts = []
    while chapter_id is not None and chapter_id in chapters:
        chapter = chapters[chapter_id]
        name = {"§": "§", "regeling": ""}.get(chapter.kind, chapter.kind.capitalize())
        parts.append(" ".join(p for p in (name, chapter.number) if p) or chapter.title)
        chapter_id = chapter.parent_id
    return " · ".join(reversed(parts))


@login_required
def agreement_edit(request: AuthedRequest, pk: str, agreement_pk: str) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    agreement = _agreement(collaboration, agreement_pk)
    require(permissions.can_manage_agreements(request.user, collaboration), _("U kunt deze afspraak niet wijzigen."))
    initial = {
        "kind": agreement.kind,
        "title": agreement.title,
        "signed_on": agreement.signed_on,
        "effective_from": agreement.effective_from,
        "effective_until": agreement.effective_until,
        "parties": [p.pk for p in agreement.parties.all()],
        "version": agreement.version,
    }
    form = AgreementDetailsForm(request.POST or None, initial=initial, collaboration=collaboration)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.update_agreement(
                agreement=agreement, by=request.user, expected_version=data.pop("version"), **data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De gegevens van de afspraak zijn opgeslagen."))
            return redirect("experiences:agreement", collaboration.pk, agreement.pk)
    context = experiences_context(request, collaboration, "agreements", agreement=agreement, form=form)
    return render(request, "experiences/agreement_edit.html", context, status=400 if form.errors else 200)


def _article(collaboration: Collaboration, article_pk: str) -> Article:
    return get_object_or_404(
        Article.objects.of_collaboration(collaboration).select_related("agreement", "chapter", "updated_by"),
        pk=article_pk,
    )


@login_required
def article_detail(request: AuthedRequest, pk: str, article_pk: str) -> HttpResponse:
    """The article, every partner's reading, and (POST) the reading of the person's partner."""
    collaboration = permissions.get_collaboration_for(request, pk)
    article = _article(collaboration, article_pk)
    can_read = permissions.can_view_experiences(request.user, collaboration)
    partners = my_partners(request, collaboration) if can_read else []
    mine = (
        Interpretation.objects.filter(article=article, partner__in=partners)
        .order_by("partner__organisation__name")
        .first()
    )
    initial = {"stance": mine.stance, "text": mine.text, "version": mine.version} if mine else {}
    form = ReadingForm(request.POST or None, initial=initial, partners=partners) if partners else None
    if request.method == "POST":
        require(form is not None, _("Alleen contactpersonen van partners leggen een lezing vast."))
        assert form is not None
        if form.is_valid():
            try:
                services.record_reading(
                    article=article,
                    partner=form.cleaned_data["partner"],
                    by=request.user,
                    stance=form.cleaned_data["stance"],
                    text=form.cleaned_data["text"],
                    expected_version=form.cleaned_data["version"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("De lezing van uw organisatie is opgeslagen."))
                return redirect("experiences:article", collaboration.pk, article.pk)
    context = experiences_context(
        request,
        collaboration,
        "agreements",
        article=article,
        reading_form=form,
        can_read=can_read,
        **(_article_extras(request, collaboration, article) if can_read else {}),
    )
    return render(request, "experiences/article.html", context, status=400 if form is not None and form.errors else 200)


def _article_extras(request: HttpRequest, collaboration: Collaboration, article: Article) -> dict[str, Any]:
    readings = list(article.interpretations.select_related("partner__organisation", "written_by"))
    stances = {r.stance for r in readings}
    signals = (
        Signal.objects.filter(article=article)
        .visible_to(
            permissions.partners_acted_for(request.user, collaboration),
            facilitator=permissions.is_facilitator(request.user, collaboration),
        )
        .overview()
    )
    return {
        "readings": readings,
        "read_differently": len(stances) > 1 or any(r.stance == Stance.DIFFERENT for r in readings),
        "signals": signals,
        "deviations": Deviation.objects.filter(article=article).overview(),
    }


@login_required
def article_edit(request: AuthedRequest, pk: str, article_pk: str) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    article = _article(collaboration, article_pk)
    require(permissions.can_manage_agreements(request.user, collaboration), _("U kunt dit artikel niet wijzigen."))
    initial = {"number": article.number, "title": article.title, "text": article.text, "version": article.version}
    form = ArticleForm(request.POST or None, initial=initial)
    current = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.edit_article(
                article=article,
                by=request.user,
                expected_version=data["version"],
                number=data["number"],
                title=data["title"],
                text=data["text"],
                note=data["note"],
            )
        except ConcurrentEditError as error:
            apply_errors(form, error)
            current = Article.objects.get(pk=article.pk)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Het artikel is opgeslagen; de vorige tekst staat bij de versies."))
            return redirect("experiences:article", collaboration.pk, article.pk)
    context = experiences_context(request, collaboration, "agreements", article=article, form=form, current=current)
    return render(request, "experiences/article_edit.html", context, status=400 if form.errors else 200)


@login_required
def article_versions(request: HttpRequest, pk: str, article_pk: str) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    article = _article(collaboration, article_pk)
    versions = article.versions.select_related("saved_by").order_by("-version")
    context = experiences_context(request, collaboration, "agreements", article=article, versions=versions)
    return render(request, "experiences/article_versions.html", context)
