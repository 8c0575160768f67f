"""What the Deel ervaringen endpoints share: finding what the person may see."""

from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.http import Http404
from rest_framework.request import Request

from samen import permissions
from samen.api.views import http, resolve
from samen.collaborations.models import Collaboration, Partner
from samen.experiences import queries

if TYPE_CHECKING:
    from samen.experiences.models import Article

TAGS = ["Ervaringen"]


def experiences_of(request: Request, pk: UUID) -> Collaboration:
    """Readings, signals, deviations and check-ins: contacts and the facilitator only, else 404."""
    collaboration = permissions.get_collaboration_for(http(request), pk)
    if not permissions.can_view_experiences(request.user, collaboration):
        raise Http404
    return collaboration


def agreement_collaboration(request: Request, agreement_id: Any) -> Collaboration:
    collaboration_id = queries.collaboration_of_agreement(agreement_id)
    if collaboration_id is None:
        raise Http404
    collaboration = permissions.get_collaboration_for(http(request), collaboration_id)
    if not permissions.can_view_agreements(request.user, collaboration):
        raise Http404
    return collaboration


def article_for(request: Request, pk: UUID) -> tuple["Article", Collaboration]:
    agreement_id = queries.agreement_of_article(pk)
    if agreement_id is None:
        raise Http404
    collaboration = agreement_collaboration(request, agreement_id)
    article = queries.article_with_agreement(pk)
    article.agreement.collaboration = collaboration
    return article, collaboration


def partner_in(collaboration: Collaboration, pk: UUID | None, field: str) -> Partner | None:
    if pk is None:
        return None
    return resolve(Partner, [pk], field, collaboration.partners.select_related("organisation"))[0]


def article_in(collaboration: Collaboration, pk: UUID | None, field: str = "artikel") -> "Article | None":
    if pk is None:
        return None
    articles = queries.articles_of_collaboration(collaboration)
    return resolve(articles.model, [pk], field, articles)[0]
