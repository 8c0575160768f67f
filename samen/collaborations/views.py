from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samen import permissions
from samen.accounts.models import Invitation, Person
from samen.accounts.services import invite_person, revoke_invitation
from samen.audit.models import AuditEvent
from samen.collaborations import services
from samen.collaborations.dashboard import dashboard_for
from samen.collaborations.forms import (
    CreateCollaborationForm,
    FindForm,
    InviteForm,
    PartnerJoinsForm,
    PartnerLeavesForm,
)
from samen.collaborations.models import Collaboration, Organisation, Role
from samen.collaborations.purpose import as_html as purpose_html
from samen.collaborations.workspace import workspace_context as workspace_context  # re-exported for other apps
from samen.core import fragments
from samen.core.forms import apply_errors
from samen.core.http import AuthedRequest
from samen.todo.compose import published_for, todo_for


@login_required
def mine(request: AuthedRequest) -> HttpResponse:
    ids = permissions.visible_collaboration_ids(request.user)
    context = {
        "collaborations": Collaboration.objects.mine(request.user),
        "todo": todo_for(request.user),
        "published": published_for(request.user),
        "works": not ids or any(permissions.works_in(request.user, cid) for cid in ids),
        "reads": any(not permissions.works_in(request.user, cid) for cid in ids),
        "nav": "mine",
    }
    return render(request, "collaborations/mine.html", context)


@login_required
def find(request: AuthedRequest) -> HttpResponse:
    """The register search; the form with its results is a fragment kept until a change (``core.fragments``)."""
    part = "results" if request.htmx else "found"
    key = [permissions.rights_key(request.user), part, request.GET.urlencode()]
    found = fragments.fragment("find", key, lambda: _found(request.user, request.GET, part))
    if request.htmx:
        return HttpResponse(found)
    return render(request, "collaborations/find.html", {"found": found, "nav": "find"})


def _found(person: Person, query: QueryDict, part: str) -> str:
    form = FindForm(query or None)
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
    results = results.visible_to(person)
    page = Paginator(results.with_partner_count().select_related("body"), 25).get_page(query.get("pagina"))
    rest = query.copy()
    rest.pop("pagina", None)
    return render_to_string(f"collaborations/find.html#{part}", {"form": form, "page": page, "query": rest.urlencode()})


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
    partners = collaboration.current_partners().select_related("organisation__successor")
    former_partners = collaboration.former_partners().select_related("organisation__successor")
    my_roles = Role.objects.filter(person=request.user, collaboration=collaboration).select_related(
        "partner__organisation"
    )
    context = workspace_context(
        request,
        collaboration,
        "overview",
        partners=partners,
        former_partners=former_partners,
        can_change_partners=permissions.can_change_partners(request.user, collaboration),
        my_roles=my_roles,
        can_activate=permissions.can_activate(request.user, collaboration),
        policy_fields=collaboration.policy_fields.all(),
        board=dashboard_for(request.user, collaboration),
        purpose=purpose_html(collaboration.purpose),
    )
    return render(request, "collaborations/detail.html", context)


@login_required
def partners(request: AuthedRequest, pk: str) -> HttpResponse:
    """The facilitator records that a partner leaves or joins (two forms on one page)."""
    collaboration = permissions.get_collaboration_for(request, pk)
    if not permissions.can_change_partners(request.user, collaboration):
        raise Http404
    action = request.POST.get("action", "") if request.method == "POST" else ""
    leave = PartnerLeavesForm(request.POST if action == "leave" else None, collaboration=collaboration, prefix="uit")
    join = PartnerJoinsForm(request.POST if action == "join" else None, prefix="toe")
    form = {"leave": leave, "join": join}.get(action)
    if form is not None and form.is_valid():
        service = services.partner_leaves if form is leave else services.partner_joins
        try:
            partner = service(collaboration=collaboration, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            done = _("%(org)s is uitgetreden.") if form is leave else _("%(org)s is toegetreden.")
            messages.success(request, done % {"org": partner.organisation})
            return redirect("collaborations:detail", collaboration.pk)
    context = workspace_context(request, collaboration, "overview", leave=leave, join=join)
    return render(request, "collaborations/partners.html", context, status=400 if form and form.errors else 200)


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
