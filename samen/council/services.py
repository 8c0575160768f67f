"""Every change to the P&C cycle and the zienswijzen: one function per action, each audited."""

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samen import permissions
from samen.audit.services import record
from samen.collaborations.models import Collaboration, Partner, Role, RoleKind
from samen.core.services import require
from samen.council import deadlines
from samen.council.models import ZIENSWIJZE_KINDS, Document, DocumentKind, OwnMoment, Stance, Zienswijze
from samen.council.uploads import check_document
from samen.notifications.services import Kind, notify

if TYPE_CHECKING:
    from samen.accounts.models import Person

REMIND_DAYS_BEFORE = 14
MAX_THEMES = 10


def council_people(partners: Iterable[Partner]) -> list[Any]:
    """The partners' contacts and readers (griffie, councillors): who hears about the cycle."""
    return [
        role.person
        for role in Role.objects.filter(
            partner__in=list(partners), kind__in=permissions.ZIENSWIJZE_KINDS
        ).select_related("person")
    ]


def facilitators(collaboration: Collaboration) -> list[Any]:
    return [
        role.person
        for role in Role.objects.filter(collaboration=collaboration, kind=RoleKind.FACILITATOR).select_related("person")
    ]


def _check_year(year: int) -> None:
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Kies een jaar tussen 2000 en 2100.")}, code="year")


# --- the calendar ----------------------------------------------------------------------


def add_own_moment(*, collaboration: Collaboration, by: "Person", title: str, due_on: datetime.date) -> OwnMoment:
    """A moment the regeling adds to the Wgr's, such as a voorjaarsnota."""
    require(permissions.can_keep_cycle(by, collaboration), _("Alleen de facilitator houdt de P&C-planning bij."))
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("Geef het moment een omschrijving.")}, code="required")
    _check_year(due_on.year)
    with transaction.atomic():
        moment = OwnMoment.objects.create(collaboration=collaboration, title=title[:200], due_on=due_on, created_by=by)
        record(by, "council.moment_added", moment, after={"title": moment.title, "due_on": due_on})
    return moment


def remove_own_moment(*, moment: OwnMoment, by: "Person") -> None:
    collaboration = moment.collaboration
    require(permissions.can_keep_cycle(by, collaboration), _("Alleen de facilitator houdt de P&C-planning bij."))
    with transaction.atomic():
        record(by, "council.moment_removed", moment, before={"title": moment.title, "due_on": moment.due_on})
        moment.delete()


def record_document(
    *,
    collaboration: Collaboration,
    by: "Person",
    year: int,
    kind: str,
    title: str,
    sent_on: datetime.date,
    link: str = "",
    upload: Any = None,
    asks_zienswijze: bool | None = None,
) -> Document:
    """A document of the GR body arrives: an upload or a link. A zienswijze request starts the twelve weeks."""
    require(permissions.can_keep_cycle(by, collaboration), _("Alleen de facilitator legt P&C-stukken vast."))
    errors: dict[str, str] = {}
    title = title.strip()
    if kind not in DocumentKind.values:
        errors["kind"] = _("Kies een soort stuk.")
    if not title:
        errors["title"] = _("Geef het stuk een titel.")
    if sent_on > timezone.localdate():
        errors["sent_on"] = _("De verzenddatum ligt in de toekomst; leg het stuk vast als het verzonden is.")
    if not 2000 <= year <= 2100:
        errors["year"] = _("Kies een jaar tussen 2000 en 2100.")
    if bool(link.strip()) == bool(upload):
        errors["link"] = _("Geef een link of upload een bestand (één van beide).")
    if errors:
        raise ValidationError(errors)
    content_type = stored_name = display_name = ""
    size = 0
    if upload:
        content_type, stored_name, size, display_name = check_document(upload)
    asks = kind in ZIENSWIJZE_KINDS if asks_zienswijze is None else bool(asks_zienswijze)
    if asks and kind not in ZIENSWIJZE_KINDS:
        raise ValidationError(
            {"asks_zienswijze": _("Alleen op een ontwerpbegroting of begrotingswijziging volgt een zienswijze.")}
        )
    until = deadlines.zienswijze_until(sent_on)[0] if asks else None
    with transaction.atomic():
        document = Document(
            collaboration=collaboration,
            year=year,
            kind=kind,
            title=title[:300],
            sent_on=sent_on,
            link=link.strip(),
            content_type=content_type,
            size=size,
            file_name=display_name,
            asks_zienswijze=asks,
            zienswijze_until=until,
            recorded_by=by,
        )
        if upload:
            document.file.save(stored_name, File(upload), save=False)
        document.save()
        record(
            by,
            "council.document_recorded",
            document,
            after={"kind": kind, "year": year, "sent_on": sent_on, "zienswijze_until": until, "upload": bool(upload)},
        )
        _announce(document, by)
    return document


def _announce(document: Document, by: "Person") -> None:
    collaboration = document.collaboration
    url = reverse("council:document", args=[collaboration.pk, document.pk])
    calendar = None
    body = format_lazy(
        gettext_lazy("{kind} van {name}, verzonden op {date}."),
        kind=document.get_kind_display(),
        name=collaboration.name,
        date=document.sent_on.isoformat(),
    )
    if document.zienswijze_until:
        calendar = {
            "start": document.zienswijze_until,
            "summary": format_lazy(gettext_lazy("Einde termijn zienswijzen: {title}"), title=document.title),
            "uid": f"zienswijzen-{document.pk}",
        }
        body = format_lazy(
            gettext_lazy("{kind} van {name}. Uw raad kan tot en met {date} een zienswijze geven (Wgr art. 35)."),
            kind=document.get_kind_display(),
            name=collaboration.name,
            date=document.zienswijze_until.isoformat(),
        )
    notify(
        kind=Kind.PC_REMINDER,
        recipients=[p for p in council_people(collaboration.current_partners()) if p != by],
        subject=format_lazy(gettext_lazy("Nieuw P&C-stuk: {title}"), title=document.title),
        body=body,
        url=url,
        collaboration=collaboration,
        calendar=calendar,
    )


def remind_open_zienswijzen(*, collaboration: Collaboration, today: datetime.date | None = None) -> int:
    """Remind the councils that have not adopted a zienswijze when a period ends within two weeks (once)."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=REMIND_DAYS_BEFORE)
    sent = 0
    documents = Document.objects.filter(
        collaboration=collaboration,
        asks_zienswijze=True,
        reminded_on__isnull=True,
        zienswijze_until__gte=today,
        zienswijze_until__lte=horizon,
    )
    for document in documents:
        done = set(document.zienswijzen.filter(adopted_at__isnull=False).values_list("partner_id", flat=True))
        waiting = [p for p in collaboration.current_partners() if p.pk not in done]
        with transaction.atomic():
            notify(
                kind=Kind.PC_REMINDER,
                recipients=council_people(waiting),
                subject=format_lazy(gettext_lazy("Herinnering: zienswijze op {title}"), title=document.title),
                body=format_lazy(
                    gettext_lazy("De termijn voor zienswijzen eindigt op {date}."),
                    date=document.zienswijze_until.isoformat() if document.zienswijze_until else "",
                ),
                url=reverse("council:document", args=[collaboration.pk, document.pk]),
                collaboration=collaboration,
                calendar={
                    "start": document.zienswijze_until,
                    "summary": format_lazy(gettext_lazy("Einde termijn zienswijzen: {title}"), title=document.title),
                    "uid": f"zienswijzen-{document.pk}",
                },
            )
            Document.objects.filter(pk=document.pk).update(reminded_on=today)
            record(None, "council.reminded", document, after={"partners": [p.pk for p in waiting]})
        sent += 1
    return sent


# --- zienswijzen ---------------------------------------------------------------------


def _clean_themes(themes: Iterable[str]) -> list[str]:
    cleaned: list[str] = []
    for theme in themes:
        theme = theme.strip().lower()[:60]
        if theme and theme not in cleaned:
            cleaned.append(theme)
    if len(cleaned) > MAX_THEMES:
        raise ValidationError({"themes": _("Geef hoogstens tien thema's.")}, code="too_many")
    return cleaned


def save_zienswijze(
    *,
    document: Document,
    partner: Partner,
    by: "Person",
    stance: str,
    text: str,
    themes: Iterable[str] = (),
    decided_on: datetime.date | None = None,
) -> Zienswijze:
    """Write (or rewrite) the draft zienswijze of ``partner``'s council; an adopted one no longer changes."""
    collaboration = document.collaboration
    if partner.collaboration_id != collaboration.pk:
        raise ValidationError({"partner": _("Deze deelnemer hoort niet bij deze samenwerking.")})
    require(
        permissions.can_write_zienswijze(by, partner),
        _("Alleen contactpersonen of de griffie van %(partner)s schrijven de zienswijze van die raad.")
        % {"partner": partner},
    )
    errors: dict[str, str] = {}
    if not document.asks_zienswijze:
        errors["document"] = _("Op dit stuk is geen zienswijze gevraagd.")
    if stance not in Stance.values:
        errors["stance"] = _("Kies positief, met opmerkingen of negatief.")
    if not text.strip():
        errors["text"] = _("Schrijf de tekst van de zienswijze.")
    if decided_on and decided_on > timezone.localdate():
        errors["decided_on"] = _("De datum van het raadsbesluit ligt in de toekomst.")
    if errors:
        raise ValidationError(errors)
    cleaned = _clean_themes(themes)
    with transaction.atomic():
        existing = Zienswijze.objects.select_for_update().filter(document=document, partner=partner).first()
        if existing is not None and existing.is_adopted:
            raise ValidationError(_("Deze zienswijze is vastgesteld en verandert niet meer."), code="adopted")
        values = {"stance": stance, "text": text.strip(), "themes": cleaned, "decided_on": decided_on}
        if existing is None:
            zienswijze = Zienswijze.objects.create(document=document, partner=partner, entered_by=by, **values)
        else:
            for name, value in values.items():
                setattr(existing, name, value)
            existing.entered_by = by
            existing.save()
            zienswijze = existing
        record(by, "council.zienswijze_saved", zienswijze, collaboration=collaboration, after=values)
    return zienswijze


def adopt_zienswijze(*, zienswijze: Zienswijze, by: "Person") -> Zienswijze:
    """The council decided: the zienswijze is fixed and visible to every partner and the GR body."""
    collaboration = zienswijze.document.collaboration
    require(
        permissions.can_write_zienswijze(by, zienswijze.partner),
        _("Alleen contactpersonen of de griffie van deze deelnemer stellen de zienswijze vast."),
    )
    if zienswijze.is_adopted:
        raise ValidationError(_("Deze zienswijze is al vastgesteld."), code="adopted")
    if zienswijze.decided_on is None:
        raise ValidationError(
            {"decided_on": _("Vul de datum van het raadsbesluit in voordat u de zienswijze vaststelt.")}
        )
    with transaction.atomic():
        zienswijze.adopted_at = timezone.now()
        zienswijze.save(update_fields=["adopted_at"])
        record(
            by,
            "council.zienswijze_adopted",
            zienswijze,
            collaboration=collaboration,
            after={"stance": zienswijze.stance, "decided_on": zienswijze.decided_on},
        )
        notify(
            kind=Kind.OTHER,
            recipients=facilitators(collaboration),
            subject=format_lazy(gettext_lazy("Zienswijze van {partner}"), partner=str(zienswijze.partner)),
            body=format_lazy(
                gettext_lazy("Over: {title}. Strekking: {stance}."),
                title=zienswijze.document.title,
                stance=zienswijze.get_stance_display(),
            ),
            url=reverse("council:document", args=[collaboration.pk, zienswijze.document_id]),
            collaboration=collaboration,
        )
    return zienswijze


def respond_to_zienswijze(*, zienswijze: Zienswijze, by: "Person", response: str) -> Zienswijze:
    """The GR body says what it did with an adopted zienswijze."""
    collaboration = zienswijze.document.collaboration
    require(
        permissions.can_respond_to_zienswijze(by, collaboration),
        _("Alleen de facilitator legt de reactie van het GR-bestuur vast."),
    )
    if not zienswijze.is_adopted:
        raise ValidationError(_("Reageer op een zienswijze nadat de raad haar heeft vastgesteld."), code="draft")
    if not response.strip():
        raise ValidationError({"response": _("Schrijf wat er met de zienswijze is gedaan.")})
    with transaction.atomic():
        before = zienswijze.response
        zienswijze.response = response.strip()
        zienswijze.responded_by = by
        zienswijze.responded_at = timezone.now()
        zienswijze.save(update_fields=["response", "responded_by", "responded_at"])
        record(
            by,
            "council.zienswijze_answered",
            zienswijze,
            collaboration=collaboration,
            before={"response": before},
            after={"response": zienswijze.response},
        )
        notify(
            kind=Kind.OTHER,
            recipients=council_people([zienswijze.partner]),
            subject=format_lazy(gettext_lazy("Reactie op uw zienswijze over {title}"), title=zienswijze.document.title),
            body=zienswijze.response[:500],
            url=reverse("council:document", args=[collaboration.pk, zienswijze.document_id]),
            collaboration=collaboration,
        )
    return zienswijze
