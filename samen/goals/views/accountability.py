"""Holding each other to account: the question, replies, the outcome."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samen import permissions
from samen.collaborations.models import Collaboration
from samen.core.http import AuthedRequest
from samen.goals import services
from samen.goals.forms import (
    AccountabilityForm,
    OutcomeForm,
    ReplyForm,
)
from samen.goals.models import (
    AccountabilityRequest,
    Commitment,
    Goal,
    Result,
)
from samen.goals.views.common import attempt, form_page, get_goal, my_partners, page_context

# --- holding each other to account ------------------------------------------------------


@login_required
def new_accountability(request: AuthedRequest, pk: Any, goal_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    found = get_goal(request, collaboration, goal_pk)
    mine = my_partners(request.user, collaboration, permissions.can_write_for)
    if not mine:
        raise PermissionDenied(str(permissions.WRITE_FOR_REFUSED))
    source = request.POST if request.method == "POST" else request.GET
    # A subject of another collaboration reaches the service, which refuses it with a clear message.
    scope_c = Commitment.objects.all() if request.method == "POST" else Commitment.objects.filter(goal=found)
    scope_r = Result.objects.all() if request.method == "POST" else Result.objects.filter(goal=found)
    commitment_id, result_id = source.get("afspraak", ""), source.get("resultaat", "")
    commitment = scope_c.filter(pk=commitment_id).first() if _is_uuid(commitment_id) else None
    item = scope_r.filter(pk=result_id).first() if _is_uuid(result_id) else None
    form = AccountabilityForm(request.POST or None, collaboration=collaboration, partners=mine)
    if request.method == "POST" and form.is_valid():
        raised = attempt(
            form,
            lambda: services.raise_accountability_request(
                collaboration=collaboration,
                by=request.user,
                commitment=commitment,
                result=item,
                **form.cleaned_data,
            ),
        )
        if raised is not None:
            messages.success(
                request, _("Uw vraag is gesteld aan %(partner)s.") % {"partner": raised.addressed_to.organisation}
            )
            return redirect("goals:accountability", collaboration.pk, found.pk, raised.pk)
    elif commitment is None and item is None:
        raise Http404
    return form_page(
        request,
        collaboration,
        found,
        form,
        _("Een partner aanspreken"),
        _("Vraag stellen"),
        template="goals/accountability_new.html",
        commitment=commitment,
        subject_result=item,
    )


def _is_uuid(value: Any) -> bool:
    try:
        forms.UUIDField().clean(value)
    except ValidationError:
        return False
    return True


def _request(found: Goal, request_pk: Any) -> AccountabilityRequest:
    item = get_object_or_404(AccountabilityRequest.objects.for_goal(found), pk=request_pk)
    item.goal = found
    return item


def _accountability_page(
    request: HttpRequest,
    collaboration: Collaboration,
    found: Goal,
    item: AccountabilityRequest,
    reply_form: forms.BaseForm | None = None,
    outcome_form: forms.BaseForm | None = None,
) -> HttpResponse:
    person = request.user
    can_reply = not item.is_closed and permissions.can_reply_accountability(
        person, item.raised_by_partner, item.addressed_to
    )
    can_close = not item.is_closed and permissions.can_close_accountability(person, item.raised_by_partner)
    context = page_context(
        request,
        collaboration,
        found,
        _("Aanspreekverzoek"),
        item=item,
        replies=item.replies.select_related("person", "partner__organisation"),
        reply_form=(reply_form or ReplyForm()) if can_reply else None,
        outcome_form=(outcome_form or OutcomeForm()) if can_close else None,
    )
    failed = (reply_form is not None and reply_form.errors) or (outcome_form is not None and outcome_form.errors)
    return render(request, "goals/accountability.html", context, status=400 if failed else 200)


@login_required
def accountability(request: HttpRequest, pk: Any, goal_pk: Any, request_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    found = get_goal(request, collaboration, goal_pk)
    return _accountability_page(request, collaboration, found, _request(found, request_pk))


@login_required
@require_POST
def accountability_reply(request: AuthedRequest, pk: Any, goal_pk: Any, request_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    found = get_goal(request, collaboration, goal_pk)
    item = _request(found, request_pk)
    form = ReplyForm(request.POST)
    if (
        form.is_valid()
        and attempt(
            form, lambda: services.reply_to_accountability_request(request=item, by=request.user, **form.cleaned_data)
        )
        is not None
    ):
        messages.success(request, _("Uw reactie is geplaatst."))
        return redirect("goals:accountability", collaboration.pk, found.pk, item.pk)
    return _accountability_page(request, collaboration, found, item, reply_form=form)


@login_required
@require_POST
def accountability_close(request: AuthedRequest, pk: Any, goal_pk: Any, request_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    found = get_goal(request, collaboration, goal_pk)
    item = _request(found, request_pk)
    form = OutcomeForm(request.POST)
    if (
        form.is_valid()
        and attempt(
            form,
            lambda: services.close_accountability_request(
                request=item,
                by=request.user,
                outcome=form.cleaned_data["outcome"],
                text=form.cleaned_data["outcome_text"],
            ),
        )
        is not None
    ):
        messages.success(request, _("De uitkomst is vastgelegd."))
        return redirect("goals:accountability", collaboration.pk, found.pk, item.pk)
    return _accountability_page(request, collaboration, found, item, outcome_form=form)
