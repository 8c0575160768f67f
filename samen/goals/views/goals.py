"""The goals overview, the goal page, and writing goals together."""

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from samen import permissions
from samen.collaborations.workspace import workspace_context
from samen.core import fragments
from samen.core.http import AuthedRequest
from samen.core.services import ConcurrentEditError
from samen.goals import services
from samen.goals.forms import (
    AmendmentForm,
    BenefitForm,
    DraftForm,
    GoalForm,
)
from samen.goals.models import (
    Benefit,
    Goal,
    overview_summaries,
)
from samen.goals.pages import goal_page
from samen.goals.views.common import TAB, attempt, form_page, get_goal, goal_url, my_partners, page_context

# --- overview and goal page -------------------------------------------------------------


GOALS_PER_PAGE = 25


@login_required
def overview(request: HttpRequest, pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    drafts = permissions.can_view_goal_drafts(request.user, collaboration)
    rights = permissions.rights_key(request.user, collaboration.pk)
    table = fragments.fragment(
        "goals_overview",
        [collaboration.pk, rights, drafts, request.GET.urlencode()],
        lambda: _overview_table(collaboration, drafts, request.GET.get("pagina")),
    )
    context = workspace_context(
        request,
        collaboration,
        TAB,
        table=table,
        can_write=permissions.can_write_goal(request.user, collaboration),
    )
    context["breadcrumbs"] = [*cast(list[Any], context["breadcrumbs"]), (_("Doelen"), "")]
    return render(request, "goals/overview.html", context)


def _overview_table(collaboration: Any, drafts: bool, page_number: str | None) -> str:
    """The goals with their consent, results, commitments and requests, a page at a time."""
    goals = Goal.objects.overview_for(collaboration, drafts_visible=drafts)
    page = Paginator(goals, GOALS_PER_PAGE).get_page(page_number)
    partner_ids = [p.pk for p in collaboration.partners.current()]
    summaries = overview_summaries(list(page.object_list), partner_ids, timezone.localdate())
    context = {
        "collaboration": collaboration,
        "page": page,
        "rows": [(goal, summaries[goal.pk]) for goal in page.object_list],
        "partner_count": len(partner_ids),
        "drafts_visible": drafts,
    }
    return render_to_string("goals/overview.html#table", context)


@login_required
def goal(request: AuthedRequest, pk: Any, goal_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    found = get_goal(request, collaboration, goal_pk)
    context = page_context(request, collaboration, found, found.title, **goal_page(request.user, collaboration, found))
    context["breadcrumbs"] = [*context["breadcrumbs"][:-2], (found.title, "")]
    return render(request, "goals/goal.html", context)


# --- writing together -------------------------------------------------------------------


@login_required
def new_goal(request: AuthedRequest, pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    if not permissions.can_write_goal(request.user, collaboration):
        raise PermissionDenied(str(permissions.WRITE_GOAL_REFUSED))
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = attempt(
            form, lambda: services.create_goal(collaboration=collaboration, by=request.user, **form.cleaned_data)
        )
        if created is not None:
            messages.success(
                request, _("Het concept is opgeslagen. Vraag elke partner te beschrijven wat het hun oplevert.")
            )
            return redirect(goal_url(created))
    return form_page(request, collaboration, None, form, _("Nieuw doel"), _("Concept opslaan"))


@login_required
def draft(request: AuthedRequest, pk: Any, goal_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    found = get_goal(request, collaboration, goal_pk)
    version = found.draft
    if version is None:
        messages.info(request, _("Dit doel heeft geen concept meer; doe een wijzigingsvoorstel."))
        return redirect(goal_url(found))
    needs_reason = version.number > 1
    initial = {"title": version.title, "text": version.text, "reason": version.reason, "version": version.version}
    form = DraftForm(request.POST or None, initial=initial, needs_reason=needs_reason)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = attempt(
                form,
                lambda: services.save_draft(
                    version=version,
                    by=request.user,
                    expected_version=data["version"],
                    title=data["title"],
                    text=data["text"],
                    reason=data.get("reason") if needs_reason else None,
                ),
            )
        except ConcurrentEditError as error:
            version.refresh_from_db()
            conflict = {"theirs": version, "mine": data}
            form = DraftForm({**request.POST.dict(), "version": version.version}, needs_reason=needs_reason)
            form.is_valid()
            form.add_error(None, error.messages[0])
            saved = None
        if saved is not None:
            messages.success(request, _("Het concept is opgeslagen."))
            return redirect(goal_url(found))
    title = _("Concept bewerken (versie %(number)s)") % {"number": version.number}
    return form_page(
        request,
        collaboration,
        found,
        form,
        title,
        _("Concept opslaan"),
        template="goals/draft.html",
        conflict=conflict,
        status=409 if conflict else None,
    )


@login_required
def amend(request: AuthedRequest, pk: Any, goal_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    found = get_goal(request, collaboration, goal_pk)
    if found.draft is not None:
        return redirect("goals:draft", collaboration.pk, found.pk)
    latest = found.latest_version
    assert latest is not None
    form = AmendmentForm(request.POST or None, initial={"title": latest.title, "text": latest.text})
    if request.method == "POST" and form.is_valid():
        version = attempt(form, lambda: services.propose_amendment(goal=found, by=request.user, **form.cleaned_data))
        if version is not None:
            messages.success(
                request,
                _("Versie %(number)s is opgeslagen als concept. Open een nieuwe instemmingsronde als hij klaar is.")
                % {"number": version.number},
            )
            return redirect(goal_url(found))
    return form_page(
        request,
        collaboration,
        found,
        form,
        _("Wijzigingsvoorstel"),
        _("Nieuwe versie opslaan"),
        intro=_(
            "Een nieuwe versie krijgt een nieuwe instemmingsronde. Een vastgestelde versie blijft gelden "
            "tot de nieuwe is vastgesteld; besluiten over een eerdere versie vervallen."
        ),
    )


@login_required
def benefit(request: AuthedRequest, pk: Any, goal_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    found = get_goal(request, collaboration, goal_pk)
    mine = my_partners(request.user, collaboration, permissions.can_write_for)
    if not mine:
        raise PermissionDenied(str(permissions.WRITE_FOR_REFUSED))
    chosen = next((p for p in mine if str(p.pk) == request.GET.get("partner")), mine[0])
    existing = Benefit.objects.filter(goal=found, partner=chosen).first()
    initial = {
        "partner": chosen.pk,
        "text": existing.text if existing else "",
        "version": existing.version if existing else None,
    }
    form = BenefitForm(request.POST or None, initial=initial, collaboration=collaboration, partners=mine)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = attempt(
                form,
                lambda: services.state_benefit(
                    goal=found,
                    partner=data["partner"],
                    by=request.user,
                    text=data["text"],
                    expected_version=data["version"],
                ),
            )
        except ConcurrentEditError as error:
            current = Benefit.objects.get(goal=found, partner=data["partner"])
            conflict = {"theirs": current, "mine": data}
            form = BenefitForm(
                {**request.POST.dict(), "version": current.version}, collaboration=collaboration, partners=mine
            )
            form.is_valid()
            form.add_error(None, error.messages[0])
            saved = None
        if saved is not None:
            messages.success(
                request, _("Opgeslagen wat het doel %(partner)s oplevert.") % {"partner": saved.partner.organisation}
            )
            return redirect(goal_url(found, "opbrengst"))
    return form_page(
        request,
        collaboration,
        found,
        form,
        _("Wat levert het ons op?"),
        _("Opslaan"),
        template="goals/draft.html",
        conflict=conflict,
        status=409 if conflict else None,
        subject=found.latest_version,
    )
