"""Pages of the goals area. Each parses input, calls one service and renders; the rules live elsewhere."""

import datetime
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samen import permissions
from samen.accounts.models import Person
from samen.collaborations.models import Collaboration, Partner
from samen.collaborations.views import workspace_context
from samen.core.forms import apply_errors
from samen.core.services import ConcurrentEditError
from samen.goals import services
from samen.goals.forms import (
    AccountabilityForm,
    AdviceForm,
    AmendmentForm,
    BenefitForm,
    CommitmentForm,
    CommitmentStatusForm,
    DecisionForm,
    DraftForm,
    GoalForm,
    OutcomeForm,
    ProgressForm,
    ReplyForm,
    ResultForm,
    RoundForm,
)
from samen.goals.models import (
    AccountabilityRequest,
    Benefit,
    Commitment,
    ConsentRound,
    Goal,
    Result,
    overview_summaries,
)
from samen.goals.pages import goal_page, progress_chart

TAB = "goals"


# --- helpers ----------------------------------------------------------------------------


def _attempt[T](form: forms.BaseForm, action: Callable[[], T]) -> T | None:
    """Run a service; put its Dutch refusal on the form instead of changing anything."""
    try:
        return action()
    except ConcurrentEditError:
        raise
    except PermissionDenied as error:
        form.add_error(None, str(error) or _("Dit mag u hier niet doen."))
    except ValidationError as error:
        apply_errors(form, error)
    return None


def _goal(request: HttpRequest, collaboration: Collaboration, goal_pk: Any) -> Goal:
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


def _goal_url(goal: Goal, anchor: str = "") -> str:
    url = reverse("goals:goal", args=[goal.collaboration_id, goal.pk])
    return f"{url}#{anchor}" if anchor else url


def _context(request: HttpRequest, collaboration: Collaboration, goal: Goal | None, title: str, **extra: Any) -> dict:
    context = workspace_context(request, collaboration, TAB, page_title=title, goal=goal, **extra)
    crumbs = list(context["breadcrumbs"])  # type: ignore[call-overload]
    crumbs.append((_("Doelen"), reverse("goals:overview", args=[collaboration.pk])))
    if goal is not None:
        crumbs.append((goal.title, _goal_url(goal)))
    crumbs.append((title, ""))
    context["breadcrumbs"] = crumbs
    return context


def _form_page(
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
    context = _context(request, collaboration, goal, title, form=form, submit_label=submit, **extra)
    return render(request, template, context, status=status or (400 if form.errors else 200))


def _my_partners(person: Any, collaboration: Collaboration, rule: Callable[[Any, Partner], bool]) -> list[Partner]:
    return [p for p in collaboration.current_partners() if rule(person, p)]


def _contacts(collaboration: Collaboration, partners: Any) -> Any:
    return (
        Person.objects.filter(
            roles__collaboration=collaboration,
            roles__partner__in=partners,
            roles__kind__in=permissions.CONTACT_KINDS,
            is_active=True,
        )
        .distinct()
        .order_by("full_name")
    )


# --- overview and goal page -------------------------------------------------------------


@login_required
def overview(request: HttpRequest, pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    drafts = permissions.can_view_goal_drafts(request.user, collaboration)
    goals = Goal.objects.overview_for(collaboration, drafts_visible=drafts)
    page = Paginator(goals, 50).get_page(request.GET.get("pagina"))
    partner_ids = [p.pk for p in collaboration.partners.current()]
    summaries = overview_summaries(list(page.object_list), partner_ids, timezone.localdate())
    context = workspace_context(
        request,
        collaboration,
        TAB,
        page=page,
        rows=[(goal, summaries[goal.pk]) for goal in page.object_list],
        partner_count=len(partner_ids),
        can_write=permissions.can_write_goal(request.user, collaboration),
        drafts_visible=drafts,
    )
    return render(request, "goals/overview.html", context)


@login_required
def goal(request: HttpRequest, pk: Any, goal_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    found = _goal(request, collaboration, goal_pk)
    context = _context(request, collaboration, found, found.title, **goal_page(request.user, collaboration, found))
    context["breadcrumbs"] = [*context["breadcrumbs"][:-2], (found.title, "")]
    return render(request, "goals/goal.html", context)


# --- writing together -------------------------------------------------------------------


@login_required
def new_goal(request: HttpRequest, pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    if not permissions.can_write_goal(request.user, collaboration):
        raise PermissionDenied(_("Alleen contactpersonen van een partner kunnen doelen opstellen."))
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = _attempt(
            form, lambda: services.create_goal(collaboration=collaboration, by=request.user, **form.cleaned_data)
        )
        if created is not None:
            messages.success(
                request, _("Het concept is opgeslagen. Vraag elke partner te beschrijven wat het hun oplevert.")
            )
            return redirect(_goal_url(created))
    return _form_page(request, collaboration, None, form, _("Nieuw doel"), _("Concept opslaan"))


@login_required
def draft(request: HttpRequest, pk: Any, goal_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    found = _goal(request, collaboration, goal_pk)
    version = found.draft
    if version is None:
        messages.info(request, _("Dit doel heeft geen concept meer; doe een wijzigingsvoorstel."))
        return redirect(_goal_url(found))
    needs_reason = version.number > 1
    initial = {"title": version.title, "text": version.text, "reason": version.reason, "version": version.version}
    form = DraftForm(request.POST or None, initial=initial, needs_reason=needs_reason)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = _attempt(
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
            return redirect(_goal_url(found))
    title = _("Concept bewerken (versie %(number)s)") % {"number": version.number}
    return _form_page(
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
def amend(request: HttpRequest, pk: Any, goal_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    found = _goal(request, collaboration, goal_pk)
    if found.draft is not None:
        return redirect("goals:draft", collaboration.pk, found.pk)
    latest = found.latest_version
    assert latest is not None
    form = AmendmentForm(request.POST or None, initial={"title": latest.title, "text": latest.text})
    if request.method == "POST" and form.is_valid():
        version = _attempt(form, lambda: services.propose_amendment(goal=found, by=request.user, **form.cleaned_data))
        if version is not None:
            messages.success(
                request,
                _("Versie %(number)s is opgeslagen als concept. Open een nieuwe instemmingsronde als hij klaar is.")
                % {"number": version.number},
            )
            return redirect(_goal_url(found))
    return _form_page(
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
def benefit(request: HttpRequest, pk: Any, goal_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    found = _goal(request, collaboration, goal_pk)
    mine = _my_partners(request.user, collaboration, permissions.can_write_for)
    if not mine:
        raise PermissionDenied(_("U handelt in deze samenwerking niet namens een partner."))
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
            saved = _attempt(
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
            return redirect(_goal_url(found, "opbrengst"))
    return _form_page(
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


# --- consent ----------------------------------------------------------------------------


@login_required
def open_round(request: HttpRequest, pk: Any, goal_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    found = _goal(request, collaboration, goal_pk)
    if not permissions.can_open_consent_round(request.user, collaboration):
        raise PermissionDenied(
            _("Alleen de facilitator of een contactpersoon van een partner kan een instemmingsronde openen.")
        )
    form = RoundForm(request.POST or None, initial={"deadline": timezone.localdate() + datetime.timedelta(days=14)})
    if request.method == "POST" and form.is_valid():
        opened = _attempt(form, lambda: services.open_consent_round(goal=found, by=request.user, **form.cleaned_data))
        if opened is not None:
            messages.success(
                request, _("De instemmingsronde is geopend. De bestuurlijk contactpersonen krijgen bericht.")
            )
            return redirect(_goal_url(found, "instemming"))
    return _form_page(
        request,
        collaboration,
        found,
        form,
        _("Instemmingsronde openen"),
        _("Instemmingsronde openen"),
        subject=found.latest_version,
        intro=_(
            "Elke partner besluit via de bestuurlijk contactpersoon; de ambtelijk contactpersonen kunnen "
            "eerst adviseren. Het doel is vastgesteld als elke huidige partner heeft ingestemd."
        ),
    )


def _round(found: Goal, round_pk: Any) -> ConsentRound:
    consent_round = get_object_or_404(ConsentRound.objects.select_related("version"), pk=round_pk, goal=found)
    consent_round.goal = found
    return consent_round


@login_required
def advice(request: HttpRequest, pk: Any, goal_pk: Any, round_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    found = _goal(request, collaboration, goal_pk)
    consent_round = _round(found, round_pk)
    mine = _my_partners(request.user, collaboration, permissions.can_advise)
    if not mine:
        raise PermissionDenied(_("Alleen ambtelijk contactpersonen van een partner geven advies."))
    form = AdviceForm(request.POST or None, collaboration=collaboration, partners=mine)
    if request.method == "POST" and form.is_valid():
        given = _attempt(
            form, lambda: services.record_advice(consent_round=consent_round, by=request.user, **form.cleaned_data)
        )
        if given is not None:
            messages.success(request, _("Uw advies is vastgelegd."))
            return redirect(_goal_url(found, "instemming"))
    return _form_page(
        request,
        collaboration,
        found,
        form,
        _("Ambtelijk advies"),
        _("Advies geven"),
        subject=consent_round.version,
        intro=_("Uw advies helpt uw bestuurder en de andere partners. Steun, of zorgen met een toelichting."),
    )


@login_required
def decision(request: HttpRequest, pk: Any, goal_pk: Any, round_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    found = _goal(request, collaboration, goal_pk)
    consent_round = _round(found, round_pk)
    mine = _my_partners(request.user, collaboration, permissions.can_decide)
    if not mine:
        raise PermissionDenied(_("Alleen de bestuurlijk contactpersoon van een partner besluit namens die partner."))
    form = DecisionForm(request.POST or None, collaboration=collaboration, partners=mine)
    if request.method == "POST" and form.is_valid():
        made = _attempt(
            form, lambda: services.record_decision(consent_round=consent_round, by=request.user, **form.cleaned_data)
        )
        if made is not None:
            messages.success(
                request, _("Het besluit van %(partner)s is vastgelegd.") % {"partner": made.partner.organisation}
            )
            return redirect(_goal_url(found, "instemming"))
    advice_given = consent_round.advice.filter(partner__in=mine).select_related("person", "partner__organisation")
    return _form_page(
        request,
        collaboration,
        found,
        form,
        _("Besluit namens uw organisatie"),
        _("Besluit vastleggen"),
        subject=consent_round.version,
        advice_given=advice_given,
        intro=_(
            "Instemmen, instemmen met voorwaarden, bezwaar maken (met reden; dat houdt vaststelling tegen) "
            "of u onthouden (dat houdt niets tegen). Zolang de ronde open is, kunt u uw besluit wijzigen."
        ),
    )


@login_required
@require_POST
def adopt(request: HttpRequest, pk: Any, goal_pk: Any, round_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    found = _goal(request, collaboration, goal_pk)
    consent_round = _round(found, round_pk)
    try:
        services.adopt_goal(consent_round=consent_round, by=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("Het doel is vastgesteld."))
    return redirect(_goal_url(found, "instemming"))


# --- results and commitments ------------------------------------------------------------


@login_required
def new_result(request: HttpRequest, pk: Any, goal_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    found = _goal(request, collaboration, goal_pk)
    if not permissions.can_add_result(request.user, collaboration):
        raise PermissionDenied(
            _("Alleen de facilitator of een contactpersoon van een partner kan resultaten toevoegen.")
        )
    partners = collaboration.current_partners()
    form = ResultForm(
        request.POST or None,
        partners=partners,
        people=_contacts(collaboration, partners),
        initial={"baseline_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        added = _attempt(form, lambda: services.add_result(goal=found, by=request.user, **form.cleaned_data))
        if added is not None:
            messages.success(request, _("Het resultaat is toegevoegd."))
            return redirect(_goal_url(found, "resultaten"))
    return _form_page(request, collaboration, found, form, _("Nieuw resultaat"), _("Resultaat toevoegen"))


@login_required
def result(request: HttpRequest, pk: Any, goal_pk: Any, result_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    found = _goal(request, collaboration, goal_pk)
    item = get_object_or_404(Result.objects.for_goal(found), pk=result_pk)
    may_report = permissions.can_record_progress(request.user, item.owner_partner)
    form = ProgressForm(request.POST or None, initial={"measured_on": timezone.localdate()})
    if request.method == "POST":
        if not may_report:
            raise PermissionDenied(_("Alleen de eigenaar van dit resultaat (of de facilitator) kan voortgang melden."))
        if form.is_valid() and _attempt(
            form, lambda: services.record_progress(result=item, by=request.user, **form.cleaned_data)
        ):
            messages.success(request, _("De voortgang is vastgelegd."))
            return redirect("goals:result", collaboration.pk, found.pk, item.pk)
    history = Paginator(item.updates.select_related("person"), 25).get_page(request.GET.get("pagina"))
    context = _context(
        request,
        collaboration,
        found,
        item.indicator,
        result=item,
        history=history,
        form=form,
        may_report=may_report,
        chart=progress_chart(item),
    )
    return render(request, "goals/result.html", context, status=400 if form.errors else 200)


@login_required
def new_commitment(request: HttpRequest, pk: Any, goal_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    found = _goal(request, collaboration, goal_pk)
    mine = _my_partners(request.user, collaboration, permissions.can_write_for)
    if not mine:
        raise PermissionDenied(_("U handelt in deze samenwerking niet namens een partner."))
    form = CommitmentForm(
        request.POST or None,
        collaboration=collaboration,
        partners=mine,
        people=_contacts(collaboration, mine),
        initial={"who": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        made = _attempt(form, lambda: services.add_commitment(goal=found, by=request.user, **form.cleaned_data))
        if made is not None:
            messages.success(request, _("De afspraak is vastgelegd."))
            return redirect(_goal_url(found, "afspraken"))
    return _form_page(request, collaboration, found, form, _("Nieuwe afspraak"), _("Afspraak vastleggen"))


@login_required
@require_POST
def commitment_status(request: HttpRequest, pk: Any, goal_pk: Any, commitment_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    found = _goal(request, collaboration, goal_pk)
    item = get_object_or_404(Commitment.objects.select_related("partner"), pk=commitment_pk, goal=found)
    item.goal = found
    form = CommitmentStatusForm(request.POST)
    if form.is_valid() and _attempt(
        form, lambda: services.update_commitment_status(commitment=item, by=request.user, **form.cleaned_data)
    ):
        messages.success(request, _("De status van de afspraak is bijgewerkt."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(_goal_url(found, "afspraken"))


# --- holding each other to account ------------------------------------------------------


@login_required
def new_accountability(request: HttpRequest, pk: Any, goal_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    found = _goal(request, collaboration, goal_pk)
    mine = _my_partners(request.user, collaboration, permissions.can_write_for)
    if not mine:
        raise PermissionDenied(_("U handelt in deze samenwerking niet namens een partner."))
    source = request.POST if request.method == "POST" else request.GET
    # A subject of another collaboration reaches the service, which refuses it with a clear message.
    scope_c = Commitment.objects.all() if request.method == "POST" else Commitment.objects.filter(goal=found)
    scope_r = Result.objects.all() if request.method == "POST" else Result.objects.filter(goal=found)
    commitment = scope_c.filter(pk=source.get("afspraak")).first() if _is_uuid(source.get("afspraak")) else None
    item = scope_r.filter(pk=source.get("resultaat")).first() if _is_uuid(source.get("resultaat")) else None
    form = AccountabilityForm(request.POST or None, collaboration=collaboration, partners=mine)
    if request.method == "POST" and form.is_valid():
        raised = _attempt(
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
    return _form_page(
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
    context = _context(
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
    found = _goal(request, collaboration, goal_pk)
    return _accountability_page(request, collaboration, found, _request(found, request_pk))


@login_required
@require_POST
def accountability_reply(request: HttpRequest, pk: Any, goal_pk: Any, request_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    found = _goal(request, collaboration, goal_pk)
    item = _request(found, request_pk)
    form = ReplyForm(request.POST)
    if form.is_valid() and _attempt(
        form, lambda: services.reply_to_accountability_request(request=item, by=request.user, **form.cleaned_data)
    ):
        messages.success(request, _("Uw reactie is geplaatst."))
        return redirect("goals:accountability", collaboration.pk, found.pk, item.pk)
    return _accountability_page(request, collaboration, found, item, reply_form=form)


@login_required
@require_POST
def accountability_close(request: HttpRequest, pk: Any, goal_pk: Any, request_pk: Any) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    found = _goal(request, collaboration, goal_pk)
    item = _request(found, request_pk)
    form = OutcomeForm(request.POST)
    if form.is_valid() and _attempt(
        form,
        lambda: services.close_accountability_request(
            request=item,
            by=request.user,
            outcome=form.cleaned_data["outcome"],
            text=form.cleaned_data["outcome_text"],
        ),
    ):
        messages.success(request, _("De uitkomst is vastgelegd."))
        return redirect("goals:accountability", collaboration.pk, found.pk, item.pk)
    return _accountability_page(request, collaboration, found, item, outcome_form=form)
