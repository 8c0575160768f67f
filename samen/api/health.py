"""The health view over the API: one indicator per principle, with its trend and what drives it.

People who work in the collaboration get today's health; readers get what was last published in an
approved council digest (or nothing yet). The crack radar stays in the interface.
"""

from typing import Any
from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from samen import permissions
from samen.api.base import ApiView
from samen.api.views import http
from samen.health.areas import Area, Status, Trend
from samen.health.models import PublishedHealth
from samen.health.pages import live_health
from samen.health.published import health_from_data


class Source:
    LIVE = "live"
    PUBLISHED = "gepubliceerd"


@extend_schema_serializer(component_name="DeelnemerScore")
class PartnerScoreSerializer(serializers.Serializer[Any]):
    deelnemer = serializers.UUIDField()
    score = serializers.IntegerField(allow_null=True, min_value=0, max_value=100)


@extend_schema_serializer(component_name="Gezondheidsindicator")
class IndicatorSerializer(serializers.Serializer[Any]):
    gebied = serializers.ChoiceField(source="area", choices=Area.choices)
    score = serializers.IntegerField(allow_null=True, help_text=gettext_lazy("0 tot en met 100; leeg zonder gegevens."))
    status = serializers.ChoiceField(choices=Status.choices)
    trend = serializers.ChoiceField(choices=Trend.choices)
    feiten = serializers.ListField(source="facts", child=serializers.CharField())
    deelnemerScores = PartnerScoreSerializer(many=True)
    geschiedenis = serializers.ListField(
        source="history",
        child=serializers.IntegerField(allow_null=True),
        help_text=gettext_lazy("Scores per peilmoment, nu eerst."),
    )


@extend_schema_serializer(component_name="Gezondheid")
class HealthSerializer(serializers.Serializer[Any]):
    bron = serializers.ChoiceField(
        choices=[(Source.LIVE, Source.LIVE), (Source.PUBLISHED, Source.PUBLISHED)],
        allow_null=True,
        help_text=gettext_lazy("live: de stand van vandaag; gepubliceerd: uit de laatste goedgekeurde raadsbrief."),
    )
    gepubliceerdIn = serializers.CharField(allow_null=True)
    peilmoment = serializers.DateTimeField(allow_null=True)
    indicatoren = IndicatorSerializer(many=True)


def _indicators(health: Any) -> list[dict[str, Any]]:
    return [
        {
            "area": indicator.area,
            "score": indicator.score,
            "status": indicator.status,
            "trend": indicator.trend,
            "facts": [str(fact) for fact in indicator.facts],
            "deelnemerScores": [
                {"deelnemer": partner_id, "score": score} for partner_id, score in indicator.partner_scores.items()
            ],
            "history": list(indicator.history),
        }
        for indicator in health.indicators
    ]


class HealthView(ApiView):
    @extend_schema(
        operation_id="gezondheidsindicatorenOpvragen",
        tags=["Gezondheid"],
        summary=gettext_lazy("De gezondheid van een samenwerking: één indicator per principe"),
        description=gettext_lazy(
            "Wie in de samenwerking werkt, ziet de stand van vandaag; lezers zien de laatst gepubliceerde stand."
        ),
        responses=HealthSerializer,
    )
    def get(self, request: Request, id: UUID) -> Response:
        collaboration = permissions.get_collaboration_for(http(request), id)
        if not permissions.can_view_health(request.user, collaboration):
            raise Http404
        data: dict[str, Any] = {"bron": None, "gepubliceerdIn": None, "peilmoment": None, "indicatoren": []}
        if permissions.sees_live_health(request.user, collaboration):
            health = live_health(collaboration.pk)
            data.update(bron=Source.LIVE, indicatoren=_indicators(health))
            data["peilmoment"] = health.moments[0] if health.moments else None
        else:
            published = PublishedHealth.objects.latest_for([collaboration.pk]).get(collaboration.pk)
            if published is not None:
                health = health_from_data(collaboration.pk, published.data)
                data.update(bron=Source.PUBLISHED, gepubliceerdIn=published.source, indicatoren=_indicators(health))
                data["peilmoment"] = published.published_at
        return Response(HealthSerializer(data).data)
