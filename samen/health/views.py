from collections.abc import Callable, Sequence
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from samen import permissions
from samen.accounts.models import Person
from samen.collaborations.models import Collaboration, Organisation
from samen.collaborations.workspace import workspace_context
from samen.core import fragments
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
    sort, radar = request.GET.get("sorteer", ""), request.GET.get("radar", "")
    rights = permissions.rights_key(request.user, collaboration.pk)
    body = fragments.fragment(
        "health", [collaboration.pk, rights, live, sort, radar], lambda: _health_body(collaboration, live, sort, radar)
    )
    context = workspace_context(
        request, collaboration, "health", body=body, subnav=subnav(request.user, collaboration, "health")
    )
    return render(request, "health/health.html", context)


def _health_body(collaboration: Collaboration, live: bool, sort: str, radar: str) -> str:
    """Below the tabs: the live health with its cracks, or the published health; the councils' zienswijzen."""
    published = None
    page: HealthPage | None = None
    shown: dict[str, Any] = {"sort": sort, "radar_partner": radar}
    if live:
        page = build_page(
            live_health(collaboration.pk), with_cracks=True, quarters=live_quarters(collaboration.pk), **shown
        )
    else:
        published = PublishedHealth.objects.latest_for([collaboration.pk]).get(collaboration.pk)
        if published:
            page = build_page(health_from_data(collaboration.pk, published.data), with_cracks=False, **shown)
    context = {
        "collaboration": collaboration,
        "page": page,
        "live": live,
        "published": published,
        "council": council_facts(collaboration),
    }
    return render_to_string("health/health.html#body", context)


# Rows of the heatmap per page: the first screen of the national portfolio stays far below 150 KB.
PORTFOLIO_PAGE_SIZE = 50


def _portfolio(
    request: AuthedRequest,
    collaborations: Callable[[], list[Collaboration]],
    *,
    name: str,
    parts: Sequence[object] = (),
    **extra: object,
) -> HttpResponse:
    """The page around the heatmap; the heatmap with its filter and pages is a fragment kept until a change."""
    key = [permissions.rights_key(request.user), *parts, request.GET.urlencode()]
    heatmap = fragments.fragment(name, key, lambda: _heatmap(request.user, collaborations(), request.GET))
    return render(request, "health/portfolio.html", {"heatmap": heatmap, **extra})


def _heatmap(person: Person, collaborations: list[Collaboration], query: QueryDict) -> str:
    choice = portfolios.Choice.from_query(query)
    rows = portfolios.build_rows(person, collaborations)
    shown = portfolios.apply(rows, choice)
    page = Paginator(shown, PORTFOLIO_PAGE_SIZE).get_page(query.get("pagina"))
    rest = query.copy()
    rest.pop("pagina", None)
    context = {
        "rows": shown,
        "page": page,
        "query": rest.urlencode(),
        "body": portfolios.heatmap_rows(list(page.object_list)),
        "total": len(rows),
        "choice": choice,
        "areas": [(area, str(label)) for area, label in Area.choices],
        "statuses": [(s, str(Status(s).label)) for s in portfolios.FILTER_STATUSES],
        "columns": portfolios.columns(choice),
    }
    return render_to_string("health/portfolio.html#heatmap", context)


@login_required
def portfolio(request: AuthedRequest) -> HttpResponse:
    return _portfolio(
        request,
        lambda: portfolios.collaborations_of_person(request.user),
        name="portfolio",
        nav="portfolio",
        heading=_("Portfolio"),
        intro=_("Alle samenwerkingen waarin u een rol heeft, met hun gezondheid per gebied."),
    )


@login_required
def organisation_portfolio(request: AuthedRequest, pk: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    if not permissions.can_view_organisation_portfolio(request.user, organisation):
        raise Http404
    return _portfolio(
        request,
        lambda: list(Collaboration.objects.of_organisation(organisation).visible_to(request.user)),
        name="organisation_portfolio",
        parts=[organisation.pk],
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
