"""Agreements: import (all or nothing), details, article edits with versions, readings."""

import datetime
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samen import permissions
from samen.audit.services import record
from samen.collaborations.models import Collaboration, Partner
from samen.core.services import require, save_versioned
from samen.experiences import splitter
from samen.experiences.models import (
    Agreement,
    AgreementKind,
    Article,
    ArticleVersion,
    Chapter,
    Interpretation,
    Stance,
)

if TYPE_CHECKING:
    from samen.accounts.models import Person

TOKEN_SALT = "samen.experiences.import"  # noqa: S105 - a signing salt, not a secret
TOKEN_MAX_AGE = 6 * 60 * 60
MAX_ARTICLE_CHARS = 100_000
MAX_READING_CHARS = 10_000


# --- the text travels from preview to confirmation in a signed token, not in the session ---


def make_import_token(text: str, fmt: str, source_name: str = "", corrections: Sequence[Sequence[object]] = ()) -> str:
    """A signed, compressed token with the text to import and the facilitator's corrections to its
    split, for a hidden field on the preview page."""
    data = {"t": text, "f": fmt, "n": source_name[:255], "c": [list(c) for c in corrections]}
    return signing.dumps(data, salt=TOKEN_SALT, compress=True)


def read_import_corrections(token: str) -> list[list[object]]:
    data = signing.loads(token or "", salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    corrections = data.get("c") if isinstance(data, dict) else None
    return [list(c) for c in corrections if isinstance(c, list)] if isinstance(corrections, list) else []


def correct_import(token: str, action: str, article: int, line: int | None = None) -> tuple[str, splitter.Document]:
    """One more correction of the split (merge, split, mark as toelichting): a new token and the
    document as it now splits. Nothing is saved; ``SplitError`` if the correction does not fit."""
    if action not in {splitter.MERGE, splitter.SPLIT, splitter.EXPLAIN}:
        raise splitter.SplitError(_("Kies een correctie uit de lijst."), code="correction")
    text, fmt, name = read_import_token(token)
    corrections = [*read_import_corrections(token), [action, article] if line is None else [action, article, line]]
    document = split_source(text, fmt, corrections)
    return make_import_token(text, fmt, name, corrections), document


def read_import_token(token: str) -> tuple[str, str, str]:
    try:
        data = signing.loads(token or "", salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise ValidationError(
            _("De voorvertoning is verlopen. Plak of upload de tekst opnieuw."), code="expired"
        ) from exc
    except signing.BadSignature as exc:
        raise ValidationError(
            _("De voorvertoning is ongeldig of gewijzigd. Plak of upload de tekst opnieuw."), code="bad_token"
        ) from exc
    if not isinstance(data, dict) or not isinstance(data.get("t"), str):
        raise ValidationError(_("De voorvertoning is ongeldig. Plak of upload de tekst opnieuw."), code="bad_token")
    return data["t"], str(data.get("f", splitter.FORMAT_AUTO)), str(data.get("n", ""))


def split_source(text: str, fmt: str, corrections: Sequence[Sequence[object]] = ()) -> splitter.Document:
    """The split document for a text (``fmt`` ``roo``: the JSON of the ROO excerpts), with the
    facilitator's corrections replayed."""
    if fmt == splitter.FORMAT_ROO:
        try:
            excerpts = json.loads(text)
        except ValueError as exc:
            raise splitter.SplitError(_("De registertekst kon niet worden gelezen."), code="bad_roo") from exc
        if not isinstance(excerpts, list) or not all(isinstance(e, dict) for e in excerpts):
            raise splitter.SplitError(_("De registertekst kon niet worden gelezen."), code="bad_roo")
        return splitter.apply_corrections(splitter.split_excerpts(excerpts), corrections)
    return splitter.split(text, fmt, corrections)


# --- agreement details ------------------------------------------------------------------------


def _validate_details(
    collaboration: Collaboration,
    *,
    kind: str,
    title: str,
    effective_from: datetime.date | None,
    effective_until: datetime.date | None,
    parties: Sequence[Partner],
    amends: Agreement | None,
) -> None:
    errors: dict[str, str] = {}
    if kind not in AgreementKind.values:
        errors["kind"] = _("Kies de soort afspraak.")
    if not title.strip():
        errors["title"] = _("Geef de afspraak een titel.")
    elif len(title.strip()) > 500:
        errors["title"] = _("De titel is te lang (hoogstens 500 tekens).")
    if effective_from and effective_until and effective_until < effective_from:
        errors["effective_until"] = _("De einddatum ligt vóór de ingangsdatum.")
    if any(p.collaboration_id != collaboration.pk for p in parties):
        errors["parties"] = _("Kies alleen partners van deze samenwerking.")
    if amends is not None and amends.collaboration_id != collaboration.pk:
        errors["amends"] = _("Deze afspraak hoort niet bij deze samenwerking.")
    if errors:
        raise ValidationError(errors)


def import_agreement(
    *,
    collaboration: Collaboration,
    by: "Person",
    token: str,
    kind: str,
    title: str,
    parties: Sequence[Partner],
    signed_on: datetime.date | None = None,
    effective_from: datetime.date | None = None,
    effective_until: datetime.date | None = None,
    amends: Agreement | None = None,
) -> Agreement:
    """Save an agreement with all its chapters and articles, or nothing at all."""
    require(
        permissions.can_manage_agreements(by, collaboration),
        str(permissions.MANAGE_AGREEMENTS_REFUSED),
    )
    text, fmt, source_name = read_import_token(token)
    corrections = read_import_corrections(token)
    document = split_source(text, fmt, corrections)
    _validate_details(
        collaboration,
        kind=kind,
        title=title,
        effective_from=effective_from,
        effective_until=effective_until,
        parties=parties,
        amends=amends,
    )
    now = timezone.now()
    with transaction.atomic():
        agreement = Agreement.objects.create(
            collaboration=collaboration,
            kind=kind,
            title=title.strip(),
            signed_on=signed_on,
            effective_from=effective_from,
            effective_until=effective_until,
            amends=amends,
            preamble=document.preamble,
            explanation=document.explanation,
            closing=document.closing_text,
            series=document.series if len(document.series) > 1 else [],
            source_format=document.format,
            source_name=source_name,
            created_by=by,
            created_at=now,
        )
        agreement.parties.set(parties)
        chapters = [
            Chapter(
                agreement=agreement,
                position=index,
                kind=section.kind,
                number=section.number,
                title=section.title,
                level=section.level,
                text=section.text,
            )
            for index, section in enumerate(document.sections)
        ]
        for chapter, section in zip(chapters, document.sections, strict=True):
            chapter.parent = chapters[section.parent] if section.parent is not None else None
        Chapter.objects.bulk_create(chapters)
        articles = [
            Article(
                agreement=agreement,
                position=index,
                series=parsed.series + 1,
                number=parsed.number,
                title=parsed.title,
                lapsed=parsed.lapsed,
                chapter=chapters[parsed.section] if parsed.section is not None else None,
                text=parsed.body,
                explanation=parsed.explanation,
                members=[m.as_dict() for m in parsed.members],
                updated_at=now,
                updated_by=by,
            )
            for index, parsed in enumerate(document.articles)
        ]
        Article.objects.bulk_create(articles)
        ArticleVersion.objects.bulk_create(
            ArticleVersion(
                article=article,
                version=1,
                number=article.number,
                title=article.title,
                text=article.text,
                note=_("Ingelezen"),
                saved_at=now,
                saved_by=by,
            )
            for article in articles
        )
        record(
            by,
            "agreement.imported",
            agreement,
            collaboration=collaboration,
            after={
                "title": agreement.title,
                "kind": kind,
                "format": document.format,
                "articles": len(articles),
                "chapters": document.chapter_count,
                "annexes": document.annex_count,
                "series": len(document.series),
                "corrections": corrections,
                "parties": [str(p) for p in parties],
            },
        )
    return agreement


def update_agreement(
    *,
    agreement: Agreement,
    by: "Person",
    expected_version: int | None,
    kind: str,
    title: str,
    parties: Sequence[Partner],
    signed_on: datetime.date | None = None,
    effective_from: datetime.date | None = None,
    effective_until: datetime.date | None = None,
) -> Agreement:
    collaboration = agreement.collaboration
    require(
        permissions.can_manage_agreements(by, collaboration),
        _("Alleen de facilitator en contactpersonen van partners wijzigen afspraken."),
    )
    _validate_details(
        collaboration,
        kind=kind,
        title=title,
        effective_from=effective_from,
        effective_until=effective_until,
        parties=parties,
        amends=None,
    )
    before = {
        "kind": agreement.kind,
        "title": agreement.title,
        "signed_on": agreement.signed_on,
        "effective_from": agreement.effective_from,
        "effective_until": agreement.effective_until,
        "parties": sorted(str(p) for p in agreement.parties.all()),
    }
    fields = {
        "kind": kind,
        "title": title.strip(),
        "signed_on": signed_on,
        "effective_from": effective_from,
        "effective_until": effective_until,
    }
    with transaction.atomic():
        save_versioned(agreement, expected_version, fields)
        agreement.parties.set(parties)
        record(
            by,
            "agreement.updated",
            agreement,
            collaboration=collaboration,
            before=before,
            after={**fields, "parties": sorted(str(p) for p in parties)},
        )
    return agreement


# --- articles ---------------------------------------------------------------------------------


def clean_article_text(text: str) -> tuple[str, list[splitter.Member]]:
    """Normalised article text with each member and item on its own line, and its members."""
    if len(text) > MAX_ARTICLE_CHARS:
        raise ValidationError(
            {"text": _("De tekst van dit artikel is te lang (hoogstens 100.000 tekens).")}, code="too_long"
        )
    normalised, _invisible = splitter.normalise(text)
    members = splitter.split_members(splitter.strip_tags(normalised))
    body = splitter.render_members(members)
    if not body.strip():
        raise ValidationError({"text": _("Een artikel heeft tekst nodig.")}, code="empty")
    return body, members


def edit_article(
    *, article: Article, by: "Person", expected_version: int | None, number: str, title: str, text: str, note: str = ""
) -> Article:
    """Change an article; the previous text stays in its versions."""
    collaboration = article.agreement.collaboration
    require(
        permissions.can_manage_agreements(by, collaboration),
        _("Alleen de facilitator en contactpersonen van partners wijzigen artikelen."),
    )
    number, title, note = number.strip(), title.strip(), note.strip()
    errors = {}
    if len(number) > 20:
        errors["number"] = _("Het artikelnummer is te lang (hoogstens 20 tekens).")
    if len(title) > 500:
        errors["title"] = _("De titel is te lang (hoogstens 500 tekens).")
    if len(note) > 500:
        errors["note"] = _("De toelichting is te lang (hoogstens 500 tekens).")
    if errors:
        raise ValidationError(errors)
    body, members = clean_article_text(text)
    if (number, title, body) == (article.number, article.title, article.text):
        return article
    before = {"number": article.number, "title": article.title, "version": article.version}
    now = timezone.now()
    with transaction.atomic():
        save_versioned(
            article,
            expected_version,
            {
                "number": number,
                "title": title,
                "text": body,
                "members": [m.as_dict() for m in members],
                "updated_at": now,
                "updated_by": by,
            },
        )
        ArticleVersion.objects.create(
            article=article,
            version=article.version,
            number=number,
            title=title,
            text=body,
            note=note,
            saved_at=now,
            saved_by=by,
        )
        record(
            by,
            "article.edited",
            article,
            collaboration=collaboration,
            before=before,
            after={"number": number, "title": title, "version": article.version, "note": note},
        )
    return article


# --- readings ---------------------------------------------------------------------------------


def record_reading(
    *, article: Article, partner: Partner, by: "Person", stance: str, text: str, expected_version: int | None = None
) -> Interpretation:
    """How ``partner`` reads ``article`` (one reading per partner; a later one replaces it)."""
    collaboration = article.agreement.collaboration
    if partner.collaboration_id != collaboration.pk:
        raise ValidationError(_("Deze partner hoort niet bij de samenwerking van dit artikel."), code="partner")
    require(
        permissions.can_record_reading(by, collaboration, partner),
        _("Alleen contactpersonen van %(partner)s leggen de lezing van %(partner)s vast.") % {"partner": partner},
    )
    errors = {}
    if stance not in Stance.values:
        errors["stance"] = _("Kies hoe uw organisatie dit artikel leest.")
    if not text.strip():
        errors["text"] = _("Beschrijf in een paar zinnen hoe uw organisatie dit artikel leest.")
    elif len(text) > MAX_READING_CHARS:
        errors["text"] = _("De lezing is te lang (hoogstens 10.000 tekens).")
    if errors:
        raise ValidationError(errors)
    text = splitter.normalise(text.strip())[0]
    now = timezone.now()
    existing = Interpretation.objects.filter(article=article, partner=partner).first()
    with transaction.atomic():
        if existing is None:
            try:
                with transaction.atomic():
                    reading = Interpretation.objects.create(
                        article=article, partner=partner, stance=stance, text=text, written_by=by, updated_at=now
                    )
            except IntegrityError as exc:
                raise ValidationError(
                    _(
                        "Iemand van uw organisatie heeft net een lezing opgeslagen. "
                        "Bekijk die en pas haar zo nodig aan."
                    ),
                    code="concurrent_edit",
                ) from exc
            before: dict[str, Any] = {}
        else:
            before = {"stance": existing.stance, "version": existing.version}
            reading = save_versioned(  # type: ignore[assignment]
                existing, expected_version, {"stance": stance, "text": text, "written_by": by, "updated_at": now}
            )
        record(
            by,
            "interpretation.recorded",
            reading,
            collaboration=collaboration,
            before=before,
            after={"article": article.label, "partner": str(partner), "stance": stance},
        )
    return reading
