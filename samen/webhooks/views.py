"""The facilitator's pages for webhooks: register a receiving system, see its delivery log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from samen import permissions
from samen.collaborations.workspace import workspace_context
from samen.core import idempotency
from samen.core.forms import apply_errors
from samen.core.http import AuthedRequest
from samen.webhooks import services
from samen.webhooks.forms import SubscriptionForm
from samen.webhooks.models import Delivery, Subscription


def _collaboration(request: AuthedRequest, pk: str):  # type: ignore[no-untyped-def]
    collaboration = permissions.get_collaboration_for(request, pk)
    if not permissions.can_manage_webhooks(request.user, collaboration):
        raise Http404
    return collaboration


@never_cache
@login_required
def subscriptions(request: AuthedRequest, pk: str) -> HttpResponse:
    """The secret is shown once, in the answer to the POST that made the subscription."""
    collaboration = _collaboration(request, pk)
    form = SubscriptionForm(request.POST or None)
    secret = ""
    if request.method == "POST" and form.is_valid():
        try:
            made, secret = services.create_subscription(
                collaboration=collaboration, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            # Sent twice, the form makes one subscription; the repeat shows it, without its secret.
            idempotency.remember(request, reverse("webhooks:subscription", args=[collaboration.pk, made.pk]))
            form = SubscriptionForm()
    context = workspace_context(
        request,
        collaboration,
        "webhooks",
        form=form,
        secret=secret,
        subscriptions=Subscription.objects.of_collaboration(collaboration),
    )
    return render(request, "webhooks/subscriptions.html", context, status=400 if form.errors else 200)


@login_required
def subscription(request: AuthedRequest, pk: str, sid: str) -> HttpResponse:
    collaboration = _collaboration(request, pk)
    item = get_object_or_404(Subscription, pk=sid, collaboration=collaboration)
    deliveries = Delivery.objects.filter(subscription=item).order_by("-created_at")[:100]
    context = workspace_context(request, collaboration, "webhooks", subscription=item, deliveries=deliveries)
    return render(request, "webhooks/subscription.html", context)


ACTIONS = {
    "pauzeren": (services.pause_subscription, gettext_lazy("Het abonnement is gepauzeerd.")),
    "hervatten": (services.resume_subscription, gettext_lazy("Het abonnement staat weer aan.")),
}


@login_required
@require_POST
def change(request: AuthedRequest, pk: str, sid: str, action: str) -> HttpResponse:
    collaboration = _collaboration(request, pk)
    item = get_object_or_404(Subscription, pk=sid, collaboration=collaboration)
    try:
        if action == "verwijderen":
            services.remove_subscription(subscription=item, by=request.user)
            messages.success(request, _("Het abonnement is verwijderd."))
            return redirect("webhooks:subscriptions", pk=collaboration.pk)
        if action not in ACTIONS:
            raise Http404
        service, done = ACTIONS[action]
        service(subscription=item, by=request.user)
        messages.success(request, str(done))
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
    return redirect("webhooks:subscription", pk=collaboration.pk, sid=item.pk)
