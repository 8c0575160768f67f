from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from samen.accounts import services
from samen.accounts.forms import AcceptInvitationForm, ProfileForm
from samen.audit.services import record
from samen.core.forms import apply_errors


@never_cache
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.find_open_invitation(token)
    except ValidationError as error:
        return render(request, "accounts/invitation_invalid.html", {"errors": error.messages}, status=410)
    person = request.user if request.user.is_authenticated else None
    form: AcceptInvitationForm | None = None
    if person is None:
        form = AcceptInvitationForm(request.POST or None, initial={"full_name": invitation.full_name})
    if request.method == "POST" and (form is None or form.is_valid()):
        data = form.cleaned_data if form is not None else {}
        try:
            person = services.accept_invitation(token=token, person=person, **data)
        except ValidationError as error:
            if form is None:
                return render(request, "accounts/invitation_invalid.html", {"errors": error.messages}, status=400)
            apply_errors(form, error)
        else:
            if not request.user.is_authenticated:
                login(request, person, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request, _("Welkom! U hebt nu toegang tot %(name)s.") % {"name": invitation.collaboration.name}
            )
            return redirect("collaborations:detail", invitation.collaboration_id)
    status = 400 if form is not None and form.errors else 200
    return render(request, "accounts/accept_invitation.html", {"invitation": invitation, "form": form}, status=status)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        before = {name: getattr(request.user, name) for name in form.changed_data}
        person = form.save()  # the profile form is the service here: one model, one person
        record(
            person,
            "person.profile_changed",
            person,
            before=before,
            after={n: getattr(person, n) for n in form.changed_data},
        )
        messages.success(request, _("Uw gegevens zijn opgeslagen."))
        return redirect("accounts:profile")
    context = {"form": form, "nav": "account", "mfa_enabled": is_mfa_enabled(request.user)}
    return render(request, "accounts/profile.html", context, status=400 if form.errors else 200)
