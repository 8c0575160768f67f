from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samen import permissions
from samen.accounts.models import Invitation
from samen.accounts.services import invite_person, revoke_invitation
from samen.audit.models import AuditEvent
from samen.collaborations import services
from samen.collaborations.forms import CreateCollaborationForm, FindForm, InviteForm
from samen.collaborations.models import Collaboration, Organisation, Role
from samen.core.forms import apply_errors
from samen.core.http import AuthedRequest


def workspace_context(
    request: HttpRequest, collaboration: Collaboration, tab: str, **extra: object
) -> dict[str, object]:
    """What every page inside a collaboration needs: tabs, breadcrumbs, the person's rights."""
    person = request.user
    context: dict[str, object] = {
        "collaboration": collaboration,
        "tab": tab,
        "workspace": permissions.can_view_workspace(person, collaboration),
        "is_contact": permissions.is_contact(person, collaboration),
        "can_manage": permissions.can_manage(person, collaboration),
        "can_view_audit": permissions.can_view_audit_log(person, collaboration),
        "breadcrumbs": [
            (_("Mijn samenwerkingen"), reverse("collaborations:mine")),
            (collaboration.short_name or collaboration.name, reverse("collaborations:detail", args=[collaboration.pk])),
        ],
    }
    context.update(extra)
    return context


@login_required
def mine(request: AuthedRequest) -> HttpResponse:
    collaborations = Collaboration.objects.mine(request.user)
    return render(request, "collaborations/mine.html", {"collaborations": collaborations, "nav": "mine"})


@login_required
def find(request: AuthedRequest) -> HttpResponse:
    form = FindForm(request.GET or None)
    results = Collaboration.objects.none()
    if form.is_bound and form.is_valid():
        results = Collaboration.objects.search(
            text=form.cleaned_data["q"].strip(),
            organisation=form.cleaned_data["gemeente"],
            legal_form=form.cleaned_data["rechtsvorm"],
            policy_field=form.cleaned_data["beleidsterrein"],
        )
    elif not form.is_bound:
        results = Collaboration.objects.search()
    results = results.visible_to(request.user)
    page = Paginator(results.with_partner_count().select_related("body"), 25).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    template = "collaborations/find.html#results" if request.htmx else "collaborations/find.html"
    return render(request, template, {"form": form, "page": page, "query": query.urlencode(), "nav": "find"})


@login_required
def create(request: AuthedRequest) -> HttpResponse:
    form = CreateCollaborationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            collaboration = services.create_collaboration(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De samenwerking is aangemaakt. Nodig nu de contactpersonen uit."))
            return redirect("collaborations:people", collaboration.pk)
    status = 400 if form.errors else 200
    return render(request, "collaborations/create.html", {"form": form, "nav": "create"}, status=status)


@login_required
def detail(request: AuthedRequest, pk: str) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk, workspace=False)
    partners = collaboration.partners.all().select_related("organisation").order_by("left_on", "organisation__name")
    my_roles = Role.objects.filter(person=request.user, collaboration=collaboration).select_related(
        "partner__organisation"
    )
    context = workspace_context(
        request,
        collaboration,
        "overview",
        partners=partners,
        my_roles=my_roles,
        can_activate=permissions.can_activate(request.user, collaboration),
        policy_fields=collaboration.policy_fields.all(),
    )
    return render(request, "collaborations/detail.html", context)


@login_required
@require_POST
def activate(request: AuthedRequest, pk: str) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk, workspace=False)
    services.activate_workspace(collaboration=collaboration, by=request.user)
    messages.success(request, _("U bent nu facilitator van deze samenwerking. Nodig de partners uit."))
    return redirect("collaborations:people", collaboration.pk)


@login_required
def people(request: AuthedRequest, pk: str) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    if not permissions.can_view_people(request.user, collaboration):
        raise Http404
    form = InviteForm(request.POST or None, collaboration=collaboration)
    if request.method == "POST" and form.is_valid():
        try:
            invite_person(collaboration=collaboration, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De uitnodiging is verstuurd naar %(email)s.") % form.cleaned_data)
            return redirect("collaborations:people", collaboration.pk)
    roles = Role.objects.filter(collaboration=collaboration).select_related("person", "partner__organisation")
    roles = roles.order_by("partner__organisation__name", "person__full_name", "kind")
    invitations = collaboration.invitations.open().select_related("partner__organisation", "invited_by")
    context = workspace_context(request, collaboration, "people", roles=roles, invitations=invitations, form=form)
    return render(request, "collaborations/people.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def remove_role(request: AuthedRequest, pk: str, role_pk: str) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    role = get_object_or_404(Role, pk=role_pk, collaboration=collaboration)
    try:
        services.remove_role(role=role, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De rol is ingetrokken."))
    return redirect("collaborations:people", collaboration.pk)


@login_required
@require_POST
def revoke(request: AuthedRequest, pk: str, invitation_pk: str) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    invitation = get_object_or_404(Invitation, pk=invitation_pk, collaboration=collaboration)
    try:
        revoke_invitation(invitation=invitation, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De uitnodiging is ingetrokken."))
    return redirect("collaborations:people", collaboration.pk)


@login_required
def audit_log(request: AuthedRequest, pk: str) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    if not permissions.can_view_audit_log(request.user, collaboration):
        raise Http404
    page = Paginator(AuditEvent.objects.for_collaboration(collaboration), 50).get_page(request.GET.get("pagina"))
    return render(request, "collaborations/audit.html", workspace_context(request, collaboration, "audit", page=page))


@login_required
def organisation(request: AuthedRequest, pk: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    collaborations = Collaboration.objects.of_organisation(organisation).visible_to(request.user)
    context = {
        "organisation": organisation,
        "collaborations": collaborations,
        "nav": "organisation" if request.user.organisation_id == organisation.pk else "",
        "breadcrumbs": [(_("Samenwerking zoeken"), reverse("collaborations:find")), (organisation.name, "")],
    }
    return render(request, "collaborations/organisation.html", context)


@login_required
def municipality(request: AuthedRequest, code: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, code=code.upper())
    return redirect("collaborations:organisation", organisation.pk)
