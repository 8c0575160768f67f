from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samen import permissions
from samen.collaborations.models import Collaboration, Partner
from samen.collaborations.workspace import workspace_context
from samen.core import documents
from samen.core.documents import pdf_response
from samen.core.forms import apply_errors
from samen.core.http import AuthedRequest
from samen.council.facts import pc_moment
from samen.health.pages import subnav
from samen.health.published import health_from_data
from samen.reports import exports, services, transfer
from samen.reports.forms import CycleForm, DigestEditForm, DigestForm, ImportForm, MomentForm, PCMomentForm
from samen.reports.models import CouncilDigest, DigestMoment


def refusals(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """A refused action answers 403 with its Dutch reason on a page, not a bare error."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as refusal:
            reason = str(refusal) or _("U hebt hiervoor geen toestemming.")
            return render(request, "reports/refused.html", {"reason": reason}, status=403)

    return wrapped


def _digest_for(request: HttpRequest, collaboration: Collaboration, digest_pk: str) -> CouncilDigest:
    digest = get_object_or_404(CouncilDigest, pk=digest_pk, collaboration=collaboration)
    if not digest.is_published and not permissions.can_view_digest_drafts(request.user, collaboration):
        raise Http404
    digest.collaboration = collaboration
    return digest


@login_required
@refusals
def digests(request: AuthedRequest, pk: str) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    can_write = permissions.can_write_digest(request.user, collaboration)
    form = DigestForm(request.POST or None, collaboration=collaboration)
    if request.method == "POST" and form.is_valid():
        try:
            data = form.cleaned_data
            if "pc_moment" not in request.POST:  # a client that does not know the field gets the default
                data = {**data, "pc_moment": None}
            digest = services.create_digest(collaboration=collaboration, by=request.user, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De raadsbrief is opgesteld met de feiten van deze periode."))
            return redirect("reports:digest", collaboration.pk, digest.pk)
    drafts = permissions.can_view_digest_drafts(request.user, collaboration)
    context = workspace_context(
        request,
        collaboration,
        "reports",
        subnav=subnav(request.user, collaboration, "digests"),
        digests=CouncilDigest.objects.for_collaboration(collaboration, drafts=drafts),
        moments=DigestMoment.objects.for_collaboration(collaboration) if drafts else [],
        form=form if can_write else None,
        cycle_form=CycleForm() if permissions.can_plan_digest_moments(request.user, collaboration) else None,
        moment_form=MomentForm() if permissions.can_plan_digest_moments(request.user, collaboration) else None,
    )
    return render(request, "reports/digests.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
@refusals
def plan(request: AuthedRequest, pk: str) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    form: CycleForm | MomentForm = MomentForm(request.POST) if "kind" in request.POST else CycleForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([str(e) for errors in form.errors.values() for e in errors])
        if isinstance(form, MomentForm):
            services.plan_moment(collaboration=collaboration, by=request.user, **form.cleaned_data)
        else:
            services.plan_cycle(collaboration=collaboration, by=request.user, year=form.cleaned_data["year"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De raadsbriefmomenten zijn gepland; Samen herinnert u op tijd."))
    return redirect("reports:digests", collaboration.pk)


@login_required
@refusals
def digest(request: AuthedRequest, pk: str, digest_pk: str) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    digest = _digest_for(request, collaboration, digest_pk)
    can_write = permissions.can_write_digest(request.user, collaboration) and not digest.is_published
    form = DigestEditForm(
        request.POST or None, initial={"title": digest.title, "summary": digest.summary, "version": digest.version}
    )
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied(_("Deze raadsbrief kunt u niet (meer) bewerken."))
        if form.is_valid():
            try:
                services.update_digest(
                    digest=digest,
                    by=request.user,
                    expected_version=form.cleaned_data["version"],
                    title=form.cleaned_data["title"],
                    summary=form.cleaned_data["summary"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("De raadsbrief is opgeslagen."))
                return redirect("reports:digest", collaboration.pk, digest.pk)
    approvals = digest.approvals_by_partner()
    approving = digest.approving_partners()
    context = workspace_context(
        request,
        collaboration,
        "reports",
        subnav=subnav(request.user, collaboration, "digests"),
        digest=digest,
        health=health_from_data(collaboration.pk, digest.health),
        form=form if can_write else None,
        approval_rows=[(p, approvals.get(p.pk), permissions.can_approve_digest(request.user, p)) for p in approving],
        can_publish=digest.is_awaiting
        and permissions.can_publish_digest(request.user, collaboration)
        and len(approvals) >= len(approving),
        can_submit=digest.is_draft and can_write,
        pc_moment=pc_moment(collaboration, digest.pc_value) if digest.pc_value else None,
        pc_form=PCMomentForm(
            collaboration=collaboration, current=digest.pc_value, initial={"pc_moment": digest.pc_value}
        )
        if can_write and digest.is_draft
        else None,
    )
    return render(request, "reports/digest.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
@refusals
def link_pc_moment(request: AuthedRequest, pk: str, digest_pk: str) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    digest = _digest_for(request, collaboration, digest_pk)
    try:
        services.link_pc_moment(digest=digest, by=request.user, pc_moment=request.POST.get("pc_moment", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Het moment in de P&C-planning is opgeslagen."))
    return redirect("reports:digest", collaboration.pk, digest.pk)


def _digest_action(action: str) -> Callable[..., HttpResponseBase]:
    @login_required
    @require_POST
    @refusals
    def view(request: AuthedRequest, pk: str, digest_pk: str) -> HttpResponse:
        collaboration = permissions.get_collaboration_for(request, pk)
        digest = _digest_for(request, collaboration, digest_pk)
        try:
            if action == "refresh":
                services.refresh_digest(digest=digest, by=request.user)
                done = _("De feiten zijn opnieuw opgehaald. Eerdere goedkeuringen vervallen.")
            elif action == "submit":
                services.submit_digest(digest=digest, by=request.user)
                done = _("De bestuurlijk contacten is gevraagd de raadsbrief goed te keuren.")
            elif action == "approve":
                partner = get_object_or_404(Partner, pk=request.POST.get("partner"), collaboration=collaboration)
                services.approve_digest(digest=digest, partner=partner, by=request.user)
                done = _("Goedgekeurd namens %(name)s.") % {"name": partner.organisation.name}
            else:
                services.publish_digest(digest=digest, by=request.user)
                done = _("De raadsbrief is gepubliceerd voor de lezers.")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done)
        return redirect("reports:digest", collaboration.pk, digest.pk)

    return view


refresh = _digest_action("refresh")
submit = _digest_action("submit")
approve = _digest_action("approve")
publish = _digest_action("publish")


@login_required
def pdf(request: AuthedRequest, pk: str, digest_pk: str) -> HttpResponseBase:
    collaboration = permissions.get_collaboration_for(request, pk)
    digest = _digest_for(request, collaboration, digest_pk)
    html = render_to_string(
        "reports/digest_pdf.html", {"digest": digest, "health": health_from_data(collaboration.pk, digest.health)}
    )
    filename = f"raadsbrief-{slugify(digest.title)[:80]}.pdf"
    return pdf_response(request, html, filename, collaboration=collaboration)


# --- exports ------------------------------------------------------------------------------------


def _require_export(request: HttpRequest, collaboration: Collaboration) -> None:
    if not permissions.can_export_lists(request.user, collaboration):
        raise PermissionDenied(str(permissions.EXPORT_LISTS_REFUSED))


@login_required
@refusals
def export(request: AuthedRequest, pk: str) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    _require_export(request, collaboration)
    context = workspace_context(
        request,
        collaboration,
        "reports",
        subnav=subnav(request.user, collaboration, "export"),
        exports=exports.available_exports(),
        can_export_all=permissions.can_export_collaboration(request.user, collaboration),
    )
    return render(request, "reports/export.html", context)


@login_required
@refusals
def export_list(request: AuthedRequest, pk: str, name: str, fmt: str) -> HttpResponseBase:
    collaboration = permissions.get_collaboration_for(request, pk)
    _require_export(request, collaboration)
    found = exports.find_export(name)
    if found is None or fmt not in exports.FORMATS:
        raise Http404
    content_type, extension = exports.FORMATS[fmt]
    filename = f"{found.slug}-{slugify(collaboration.short_name or collaboration.name)[:60]}.{extension}"
    if exports.is_large(found, collaboration):
        language = translation.get_language() or "nl"
        document = documents.request_document(
            builder="samen.reports.exports.build_document",
            content_key=documents.key_of(
                found.slug,
                fmt,
                request.user.pk,
                language,
                documents.collaboration_stamp(collaboration),
                timezone.localdate(),
            ),
            filename=filename,
            content_type=content_type,
            by=request.user,
            collaboration=collaboration,
            params={"export": found.slug, "format": fmt, "person": str(request.user.pk), "language": language},
            retry=request.GET.get(documents.RETRY) == "1",
        )
        return documents.document_response(request, document)
    response = HttpResponse(exports.render(found, collaboration, request.user, fmt), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@refusals
def export_all(request: AuthedRequest, pk: str) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    content = transfer.export_collaboration(collaboration=collaboration, by=request.user)
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{transfer.collaboration_filename(collaboration)}"'
    return response


@login_required
@refusals
def import_collaboration(request: AuthedRequest) -> HttpResponse:
    if not permissions.can_import_collaboration(request.user):
        raise PermissionDenied(str(permissions.IMPORT_COLLABORATION_REFUSED))
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            collaboration = transfer.import_collaboration(raw=form.cleaned_data["file"].read(), by=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De samenwerking ‘%(name)s’ is ingelezen.") % {"name": collaboration.name})
            return redirect("collaborations:detail", collaboration.pk)
    return render(request, "reports/import.html", {"form": form}, status=400 if form.errors else 200)
