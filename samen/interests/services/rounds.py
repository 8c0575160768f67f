"""Opening and closing honesty rounds; a new round starts from the previous declarations."""

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from samen import permissions
from samen.audit.services import record
from samen.collaborations import people
from samen.collaborations.models import Collaboration
from samen.core import formatting
from samen.core.services import require
from samen.interests.catalogue import Catalogue, catalogue_for
from samen.interests.models import Declaration, HonestyRound, Interest, RedLine
from samen.notifications.services import Kind, notify

if TYPE_CHECKING:
    from samen.accounts.models import Person


def open_round(
    *, collaboration: Collaboration, by: "Person", title: str, deadline: datetime.date | None
) -> HonestyRound:
    """Open a round; each partner starts from its declaration of the previous round, as a draft."""
    require(
        permissions.can_run_honesty_round(by, collaboration),
        _("Alleen de facilitator kan een eerlijkheidsronde openen."),
    )
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": _("Geef de ronde een titel, bijvoorbeeld Eerlijkheidsronde 2026.")})
    if deadline is None:
        raise ValidationError({"deadline": _("Kies de datum waarop de partners hun verklaring uiterlijk delen.")})
    if deadline < timezone.localdate():
        raise ValidationError({"deadline": _("De deadline ligt in het verleden. Kies vandaag of een latere datum.")})
    running = HonestyRound.objects.filter(collaboration=collaboration, closed_at__isnull=True).first()
    if running is not None:
        raise ValidationError(_("Er loopt al een eerlijkheidsronde (%(title)s). Sluit die eerst.") % {"title": running})
    previous = HonestyRound.objects.of(collaboration).first()
    try:
        with transaction.atomic():
            honesty_round = HonestyRound.objects.create(
                collaboration=collaboration, title=title, deadline=deadline, opened_by=by, previous=previous
            )
            copied = _carry_over(previous, honesty_round, catalogue_for(collaboration)) if previous else 0
            record(
                by,
                "interests.round_opened",
                honesty_round,
                collaboration=collaboration,
                after={"title": title, "deadline": deadline, "declarations_carried_over": copied},
            )
            _announce(honesty_round, collaboration)
    except IntegrityError:
        raise ValidationError(_("Er loopt al een eerlijkheidsronde. Sluit die eerst.")) from None
    return honesty_round


def _carry_over(previous: HonestyRound, honesty_round: HonestyRound, catalogue: Catalogue) -> int:
    """Copy each current partner's declaration of ``previous`` into the new round, as a draft."""
    olds = list(
        Declaration.objects.filter(
            round=previous, partner__in=honesty_round.collaboration.partners.current()
        ).prefetch_related("interests", "red_lines")
    )
    news = [
        Declaration(round=honesty_round, partner_id=old.partner_id, intentions=old.intentions, based_on=old)
        for old in olds
    ]
    Declaration.objects.bulk_create(news)
    Interest.objects.bulk_create(
        [
            Interest(declaration=new, motive=i.motive, weight=i.weight, explanation=i.explanation)
            for old, new in zip(olds, news, strict=True)
            for i in old.interests.all()
            if i.motive in catalogue.motives
        ]
    )
    RedLine.objects.bulk_create(
        [
            RedLine(
                declaration=new,
                text=r.text,
                motive=r.motive if r.motive in catalogue.motives else "",
                position=r.position,
            )
            for old, new in zip(olds, news, strict=True)
            for r in old.red_lines.all()
        ]
    )
    return len(news)


def _announce(honesty_round: HonestyRound, collaboration: Collaboration) -> None:
    """Tell every contact of every partner; texts are lazy, so each reads them in their own language."""
    contacts = people.contacts(collaboration)
    values = {"collaboration": collaboration.name, "title": honesty_round.title}

    def subject() -> str:
        return _("Eerlijkheidsronde geopend: %(title)s") % values

    def body() -> str:
        return _(
            "In %(collaboration)s is de eerlijkheidsronde %(title)s geopend. Deel uiterlijk %(deadline)s de belangen, "
            "intenties en rode lijnen van uw organisatie. Het ambtelijk contact stelt de verklaring op; het "
            "bestuurlijk contact bevestigt en deelt haar."
        ) % {**values, "deadline": formatting.date(honesty_round.deadline)}

    def summary() -> str:
        return _("Deadline eerlijkheidsronde: %(title)s") % values

    notify(
        kind=Kind.HONESTY_ROUND,
        recipients=list(contacts),
        subject=lazy(subject, str)(),
        body=lazy(body, str)(),
        url=reverse("interests:round", args=[collaboration.pk, honesty_round.pk]),
        collaboration=collaboration,
        addressed=True,
        event_at=honesty_round.deadline,
        calendar={
            "start": honesty_round.deadline,
            "summary": lazy(summary, str)(),
            "uid": f"eerlijkheidsronde-{honesty_round.pk}",
        },
    )


def close_round(*, honesty_round: HonestyRound, by: "Person") -> HonestyRound:
    collaboration = honesty_round.collaboration
    require(
        permissions.can_run_honesty_round(by, collaboration),
        _("Alleen de facilitator kan een eerlijkheidsronde sluiten."),
    )
    if not honesty_round.is_open:
        return honesty_round
    with transaction.atomic():
        now = timezone.now()
        HonestyRound.objects.filter(pk=honesty_round.pk).update(closed_at=now, closed_by=by)
        honesty_round.closed_at, honesty_round.closed_by = now, by
        record(by, "interests.round_closed", honesty_round, collaboration=collaboration, after={"closed_at": now})
    return honesty_round
