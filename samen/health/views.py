from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from samen import permissions
from samen.collaborations.models import Collaboration, Organisation
from samen.collaborations.workspace import workspace_context
from samen.core.http import AuthedRequest
from samen.council.facts import council_facts
from samen.health import portfolio as portfolios
from samen.health.areas import Area, Status
from samen.health.models import PublishedHealth
from samen.health.pages import HealthPage, build_page, live_health, live_quarters, subnav
from samen.health.published import health_from_data


@login_required
def health(request: AuthedRequest, pk: str) -> HttpResponse:
    collaboration = permissions.get_collaboration_for(request, pk)
    if not permissions.can_view_health(request.user, collaboration):
        raise Http404
    live = permissions.sees_live_health(request.user, collaboration)
    published = None
    page: HealthPage | None = None
    shown: dict[str, Any] = {"sort": request.GET.get("sorteer", ""), "radar_partner": request.GET.get("radar", "")}
    if live:
        page = build_page(
            live_health(collaboration.pk), with_cracks=True, quarters=live_quarters(collaboration.pk), **shown
        )
    else:
        published = PublishedHealth.objects.latest_for([collaboration.pk]).get(collaboration.pk)
        if published:
            page = build_page(health_from_data(collaboration.pk, published.data), with_cracks=False, **shown)
    context = workspace_context(
        request,
        collaboration,
        "health",
        page=page,
        live=live,
        published=published,
        subnav=subnav(request.user, collaboration, "health"),
        council=council_facts(collaboration),
    )
    return render(request, "health/health.html", context)


# Rows of the heatmap per page: the first screen of the national portfolio stays far below 150 KB.
PORTFOLIO_PAGE_SIZE = 50


def _portfolio(request: AuthedRequest, collaborations: list[Collaboration], **extra: object) -> HttpResponse:
    choice = portfolios.Choice.from_query(request.GET)
    rows = portfolios.build_rows(request.user, collaborations)
    shown = portfolios.apply(rows, choice)
    page = Paginator(shown, PORTFOLIO_PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {
        "rows": shown,
        "page": page,
        "query": query.urlencode(),
        "body": portfolios.heatmap_rows(list(page.object_list)),
        "total": len(rows),
        "choice": choice,
        "areas": [(area, str(label)) for area, label in Area.choices],
        "statuses": [(s, str(Status(s).label)) for s in portfolios.FILTER_STATUSES],
        "columns": portfolios.columns(choice),
        "summary": portfolios.summary(rows),
        **extra,
    }
    return render(request, "health/portfolio.html", context)


@login_required
def portfolio(request: AuthedRequest) -> HttpResponse:
    collaborations = portfolios.collaborations_of_person(request.user)
    return _portfolio(
        request,
        collaborations,
        nav="portfolio",
        heading=_("Portfolio"),
        intro=_("Alle samenwerkingen waarin u een rol heeft, met hun gezondheid per gebied."),
    )


@login_required
def organisation_portfolio(request: AuthedRequest, pk: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    if not permissions.can_view_organisation_portfolio(request.user, organisation):
        raise Http404
    collaborations = list(Collaboration.objects.of_organisation(organisation).visible_to(request.user))
    return _portfolio(
        request,
        collaborations,
        organisation=organisation,
        heading=_("Portfolio van %(name)s") % {"name": organisation.name},
        intro=_(
            "Elke samenwerking waarin %(name)s deelneemt, uit het landelijke register. Waar u zelf meewerkt ziet u "
            "de actuele gezondheid; elders de gezondheid zoals die in de laatste raadsbrief is gepubliceerd."
        )
        % {"name": organisation.name},
        breadcrumbs=[
            (organisation.name, reverse("collaborations:organisation", args=[organisation.pk])),
            (_("Portfolio"), ""),
        ],
    )
