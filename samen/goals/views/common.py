"""Helpers every goals page shares: finding the goal, running a service, rendering a form page."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from samen import permissions
from samen.collaborations import people
from samen.collaborations.models import Collaboration, Partner
from samen.collaborations.workspace import workspace_context
from samen.core.forms import apply_errors, form_status, refuse
from samen.core.services import ConcurrentEditError
from samen.goals.models import (
    Goal,
)

if TYPE_CHECKING:
    from samen.accounts.models import Person

TAB = "goals"
# --- helpers ----------------------------------------------------------------------------


def attempt[T](form: forms.BaseForm, action: Callable[[], T]) -> T | None:
    """``samen.core.forms.attempt``, except that a concurrent edit is raised: the goal pages then show
    both versions side by side."""
    try:
        return action()
    except ConcurrentEditError:
        raise
    except PermissionDenied as error:
        refuse(form, error)
    except ValidationError as error:
        apply_errors(form, error)
    return None


def get_goal(request: HttpRequest, collaboration: Collaboration, goal_pk: Any) -> Goal:
    drafts = permissions.can_view_goal_drafts(request.user, collaboration)
    goal = (
        Goal.objects.for_collaboration(collaboration, drafts_visible=drafts)
        .select_related("latest_version__author_partner__organisation", "adopted_version")
        .filter(pk=goal_pk)
        .first()
    )
    if goal is None:
        raise Http404
    goal.collaboration = collaboration
    return goal


def goal_url(goal: Goal, anchor: str = "") -> str:
    url = reverse("goals:goal", args=[goal.collaboration_id, goal.pk])
    return f"{url}#{anchor}" if anchor else url


def page_context(
    request: HttpRequest, collaboration: Collaboration, goal: Goal | None, title: str, **extra: Any
) -> dict[str, Any]:
    context = workspace_context(request, collaboration, TAB, page_title=title, goal=goal, **extra)
    crumbs = list(context["breadcrumbs"])  # type: ignore[call-overload]
    crumbs.append((_("Doelen"), reverse("goals:overview", args=[collaboration.pk])))
    if goal is not None:
        crumbs.append((goal.title, goal_url(goal)))
    crumbs.append((title, ""))
    context["breadcrumbs"] = crumbs
    return context


def form_page(
    request: HttpRequest,
    collaboration: Collaboration,
    goal: Goal | None,
    form: forms.BaseForm,
    title: str,
    submit: str,
    *,
    template: str = "goals/form.html",
    status: int | None = None,
    **extra: Any,
) -> HttpResponse:
    context = page_context(request, collaboration, goal, title, form=form, submit_label=submit, **extra)
    return render(request, template, context, status=status or form_status(form))


def my_partners(person: "Person", collaboration: Collaboration, rule: Callable[[Any, Partner], bool]) -> list[Partner]:
    return [p for p in collaboration.current_partners() if rule(person, p)]


def contacts_of(collaboration: Collaboration, partners: Any) -> Any:
    return people.contacts(collaboration, partners).order_by("full_name")
