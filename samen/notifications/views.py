import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from samen import permissions
from samen.core.http import AuthedRequest
from samen.core.services import require
from samen.notifications import delivery as delivery_services
from samen.notifications import ics, services
from samen.notifications.forms import preference_forms
from samen.notifications.mails import calendar_item
from samen.notifications.models import CalendarFeed, Event, Kind, Mail, MailStatus, Preference


@login_required
def overview(request: AuthedRequest) -> HttpResponse:
    page = Paginator(Event.objects.of(request.user), 25).get_page(request.GET.get("pagina"))
    context = {"page": page, "nav": "notifications", "is_staff": permissions.can_view_mail_delivery(request.user)}
    return render(request, "notifications/overview.html", context)


@login_required
def preferences(request: AuthedRequest) -> HttpResponse:
    posted = request.method == "POST"
    forms = preference_forms(request.POST if posted else None, Preference.objects.cadences_of(request.user))
    errors: list[str] = []
    if posted and all(form.is_valid() for form in forms):
        choices = {form.kind: form.cleaned_data["cadence"] for form in forms}
        try:
            changed = services.set_preferences(person=request.user, by=request.user, choices=choices)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("Uw voorkeuren zijn opgeslagen.") if changed else _("Er is niets gewijzigd."))
            return redirect("notifications:preferences")
    invalid = posted and any(form.errors for form in forms)
    context = {"forms": forms, "errors": errors, "invalid": invalid, "nav": "notifications"}
    return render(request, "notifications/preferences.html", context, status=400 if posted else 200)


@never_cache
@login_required
def calendar_link(request: AuthedRequest) -> HttpResponse:
    new_url = ""
    status = 200
    if request.method == "POST":
        action = request.POST.get("actie")
        try:
            if action == "maken":
                new_url = services.calendar_feed_url(
                    services.create_calendar_feed(person=request.user, by=request.user)
                )
            elif action == "intrekken":
                services.revoke_calendar_feed(person=request.user, by=request.user)
                messages.success(
                    request, _("Uw agendalink is ingetrokken. Agenda-apps krijgen er geen gegevens meer mee.")
                )
                return redirect("notifications:calendar_link")
            else:
                raise ValidationError(
                    _("Onbekende actie. Kies een nieuwe agendalink maken of de agendalink intrekken.")
                )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            status = 400
    feed = CalendarFeed.objects.active().filter(person=request.user).first()
    context = {"feed": feed, "new_url": new_url, "nav": "notifications"}
    return render(request, "notifications/calendar_link.html", context, status=status)


@csrf_exempt  # RFC 8058: mail providers POST "List-Unsubscribe=One-Click" without a session; the signed token decides.
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        if request.method == "POST":
            person, kinds = services.unsubscribe(token=token)
        else:
            person, kinds = services.read_unsubscribe_token(token)
    except ValidationError as error:
        return render(request, "notifications/unsubscribe_invalid.html", {"errors": error.messages}, status=400)
    labels = [Kind(kind).label for kind in kinds]
    context = {"labels": labels, "done": request.method == "POST", "token": token, "person": person}
    return render(request, "notifications/unsubscribe.html", context)


@require_safe
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The personal ICS feed. Unknown or revoked token: 404, and nothing about the person."""
    feed = services.find_calendar_feed(token)
    if feed is None:
        raise Http404
    person = feed.person
    events = Event.objects.upcoming_on_calendar(person, timezone.now())
    with translation.override(person.language or "nl"):
        name = _("Samen: check-ins en termijnen")
    response = HttpResponse(
        ics.calendar([calendar_item(event) for event in events], name=name, refresh=True),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="samen.ics"'
    response["Cache-Control"] = "private, max-age=0, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
def delivery(request: AuthedRequest) -> HttpResponse:
    require(permissions.can_view_mail_delivery(request.user), _("Alleen beheerders zien de verzending van e-mail."))
    if request.method == "POST":
        mail_id = request.POST.get("mail", "")
        mail = Mail.objects.filter(pk=mail_id).first() if _is_uuid(mail_id) else None
        try:
            if mail is None:
                raise ValidationError(_("Deze e-mail bestaat niet (meer)."))
            delivery_services.retry_mail(mail=mail, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("De e-mail wordt opnieuw verstuurd."))
        return redirect("notifications:delivery")
    page = Paginator(Mail.objects.with_problems(), 25).get_page(request.GET.get("pagina"))
    counts = {
        "pending": Mail.objects.filter(status=MailStatus.PENDING).count(),
        "failed": Mail.objects.filter(status=MailStatus.FAILED).count(),
    }
    return render(request, "notifications/delivery.html", {"page": page, "counts": counts, "nav": "notifications"})


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
