"""What the API asks of Deel ervaringen: agreements, articles, readings, check-ins, signals, deviations.

Model instances for serializers; the API never reads these models itself (the import contract in
pyproject.toml). Check-in figures come only through samen.experiences.results (the anonymity rule).
"""

from typing import Any
from uuid import UUID

from django.db.models import QuerySet

from samen.collaborations.models import Collaboration
from samen.experiences import results
from samen.experiences.models import Agreement, Article, CheckIn, Deviation, Interpretation, Signal
from samen.experiences.results import CheckInResults

# Agreements and articles


def collaboration_of_agreement(pk: Any) -> UUID | None:
    return Agreement.objects.filter(pk=pk).values_list("collaboration_id", flat=True).first()


def agreement(pk: Any) -> Agreement:
    return Agreement.objects.get(pk=pk)


def agreements_of(collaboration: Collaboration) -> QuerySet[Agreement]:
    """The collaboration's agreements for its register, in the register's order."""
    return Agreement.objects.register_for(collaboration).order_by("kind", "-effective_from", "title", "id")


def agreement_row(agreement: Agreement) -> Agreement:
    """One agreement as the register shows it."""
    return Agreement.objects.register_for(agreement.collaboration).get(pk=agreement.pk)


def agreements_in(collaboration: Collaboration) -> QuerySet[Agreement]:
    return Agreement.objects.filter(collaboration=collaboration)


def agreement_of_article(pk: Any) -> UUID | None:
    return Article.objects.filter(pk=pk).values_list("agreement_id", flat=True).first()


def article_with_agreement(pk: Any) -> Article:
    return Article.objects.select_related("agreement").get(pk=pk)


def articles_of_agreement(agreement_id: Any) -> QuerySet[Article]:
    return Article.objects.filter(agreement_id=agreement_id).with_reading_counts().order_by("position", "id")


def article_row(article: Article) -> Article:
    """One article with its reading counts."""
    return Article.objects.filter(pk=article.pk).with_reading_counts().get()


def articles_of_collaboration(collaboration: Collaboration) -> QuerySet[Article]:
    return Article.objects.of_collaboration(collaboration)


def readings_of(article: Article) -> QuerySet[Interpretation]:
    """The partners' readings of an article, by partner name."""
    readings = Interpretation.objects.filter(article=article).select_related("partner__organisation", "written_by")
    return readings.order_by("partner__organisation__name", "id")


def reading(pk: Any) -> Interpretation:
    return Interpretation.objects.select_related("partner__organisation", "written_by").get(pk=pk)


# Check-ins


def checkins_of(collaboration: Collaboration) -> QuerySet[CheckIn]:
    return CheckIn.objects.filter(collaboration=collaboration).order_by("-opens_on", "id")


def collaboration_of_checkin(pk: Any) -> UUID | None:
    return CheckIn.objects.filter(pk=pk).values_list("collaboration_id", flat=True).first()


def checkin(pk: Any) -> CheckIn:
    return CheckIn.objects.get(pk=pk)


def checkin_results(checkin: CheckIn) -> CheckInResults:
    """What may be shown of a check-in under the anonymity rule (samen.experiences.results decides)."""
    return results.results_for(checkin)


# Signals and deviations


def signals_visible_to(collaboration: Collaboration, partner_ids: set[Any], *, facilitator: bool) -> QuerySet[Signal]:
    """The collaboration's signals that the partners acted for, or the facilitator, may see; newest first."""
    signals = Signal.objects.filter(collaboration=collaboration).visible_to(partner_ids, facilitator=facilitator)
    return signals.overview().order_by("-created_at", "id")


def signal_row(signal: Signal) -> Signal:
    """One signal as the overview shows it."""
    return Signal.objects.overview().get(pk=signal.pk)


def collaboration_of_signal(pk: Any) -> UUID | None:
    return Signal.objects.filter(pk=pk).values_list("collaboration_id", flat=True).first()


def signal(pk: Any) -> Signal:
    return Signal.objects.get(pk=pk)


def deviations_of(collaboration: Collaboration) -> QuerySet[Deviation]:
    return Deviation.objects.filter(collaboration=collaboration).overview().order_by("-starts_on", "id")


def deviation_row(deviation: Deviation) -> Deviation:
    """One deviation as the overview shows it."""
    return Deviation.objects.overview().get(pk=deviation.pk)


def collaboration_of_deviation(pk: Any) -> UUID | None:
    return Deviation.objects.filter(pk=pk).values_list("collaboration_id", flat=True).first()


def deviation(pk: Any) -> Deviation:
    return Deviation.objects.get(pk=pk)
