"""Every state change of council digests and their P&C moments: check the rule, validate, write, audit."""

import datetime
from typing import TYPE_CHECKING, Any

import structlog
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samen import permissions
from samen.audit.services import record
from samen.collaborations.models import Collaboration, Partner, Role, RoleKind
from samen.core import formatting
from samen.core.services import require, save_versioned
from samen.council.facts import PCMoment, next_pc_moment, pc_moment
from samen.health.published import health_from_data
from samen.health.services import publish_health
from samen.notifications.services import Kind, notify
from samen.reports.compose import compose
from samen.reports.models import CouncilDigest, DigestApproval, DigestMoment, DigestStatus, MomentKind

if TYPE_CHECKING:
    from samen.accounts.models import Person

log = structlog.get_logger("samen.reports")

# Reminders for a P&C moment: this many days before its date (and once when it has passed).
REMINDER_DAYS = (28, 7, 0)
APPROVAL_REMINDER_AFTER = datetime.timedelta(days=7)  # remind bestuurlijk contacts a week after submission


def _check_period(start: datetime.date | None, end: datetime.date | None) -> tuple[datetime.date, datetime.date]:
    if start is None or end is None:
        raise ValidationError(_("Geef een begin- en einddatum van de periode."), code="period_missing")
    if end < start:
        raise ValidationError(
            {
                "period_end": _(
                    "De periode eindigt (%(end)s) vóór zij begint (%(start)s). Kies een einddatum op of na de "
                    "begindatum. Er is niets opgeslagen."
                )
                % {"end": formatting.short_date(end), "start": formatting.short_date(start)}
            },
            code="period_order",
        )
    return start, end


def digest_url(digest: CouncilDigest) -> str:
    return reverse("reports:digest", args=[digest.collaboration_id, digest.pk])


# --- digests -----------------------------------------------------------------------------------


def create_digest(
    *,
    collaboration: Collaboration,
    by: "Person",
    period_start: datetime.date | None,
    period_end: datetime.date | None,
    title: str = "",
    moment: DigestMoment | None = None,
    pc_moment: str | None = None,
) -> CouncilDigest:
    """A draft digest for the period, with the facts of the areas composed into it.

    ``pc_moment`` names the moment of the regeling's P&C calendar the digest belongs to
    (``PCMoment.value``); ``""`` for none, and None for the default: the first moment on or after
    the digest moment's date (or today).
    """
    require(
        permissions.can_write_digest(by, collaboration),
        _("Alleen de facilitator en de contactpersonen van de partners stellen een raadsbrief op."),
    )
    period_start, period_end = _check_period(period_start, period_end)
    if moment is not None and moment.collaboration_id != collaboration.pk:
        raise ValidationError(_("Dit P&C-moment hoort bij een andere samenwerking."), code="moment")
    if pc_moment is None:
        belongs_to = next_pc_moment(collaboration, moment.due_on if moment else timezone.localdate())
    else:
        belongs_to = _pc_moment(collaboration, pc_moment)
    title = title.strip() or _("Raadsbrief %(name)s, %(start)s – %(end)s") % {
        "name": collaboration.short_name or collaboration.name,
        "start": formatting.short_date(period_start),
        "end": formatting.short_date(period_end),
    }
    content, health = compose(collaboration, period_start, period_end)
    with transaction.atomic():
        digest = CouncilDigest.objects.create(
            collaboration=collaboration,
            moment=moment,
            pc_year=belongs_to.year if belongs_to else None,
            pc_moment=belongs_to.ref if belongs_to else "",
            title=title[:200],
            period_start=period_start,
            period_end=period_end,
            content=content,
            health=health,
            created_by=by,
        )
        record(
            by,
            "reports.digest_created",
            digest,
            after={"title": digest.title, "period": [period_start, period_end], "pc_moment": digest.pc_value},
        )
    return digest


def _pc_moment(collaboration: Collaboration, value: str) -> PCMoment | None:
    if not value:
        return None
    found = pc_moment(collaboration, value)
    if found is None:
        raise ValidationError(
            {"pc_moment": _("Dit moment staat niet in de P&C-planning van de regeling. Er is niets opgeslagen.")},
            code="pc_moment",
        )
    return found


def link_pc_moment(*, digest: CouncilDigest, by: "Person", pc_moment: str) -> CouncilDigest:
    """Tie the digest to another moment of the regeling's P&C calendar (``""``: to none)."""
    require(
        permissions.can_write_digest(by, digest.collaboration) and digest.is_draft,
        _("Alleen wie de raadsbrief opstelt, kiest het P&C-moment, en alleen zolang zij een concept is."),
    )
    belongs_to = _pc_moment(digest.collaboration, pc_moment)
    before = digest.pc_value
    with transaction.atomic():
        digest.pc_year = belongs_to.year if belongs_to else None
        digest.pc_moment = belongs_to.ref if belongs_to else ""
        digest.save(update_fields=["pc_year", "pc_moment"])
        if digest.pc_value != before:
            record(
                by,
                "reports.digest_pc_moment_linked",
                digest,
                before={"pc_moment": before},
                after={"pc_moment": digest.pc_value},
            )
    return digest


def _reset_approvals(digest: CouncilDigest, by: "Person") -> int:
    removed, _details = digest.approvals.all().delete()
    if digest.status != DigestStatus.DRAFT:
        CouncilDigest.objects.filter(pk=digest.pk).update(status=DigestStatus.DRAFT, submitted_at=None)
        digest.status, digest.submitted_at = DigestStatus.DRAFT, None
    if removed:
        record(by, "reports.digest_approvals_reset", digest, after={"removed": removed})
    return removed


def update_digest(
    *, digest: CouncilDigest, by: "Person", expected_version: int | None, title: str, summary: str
) -> CouncilDigest:
    """Change the title and summary. A change after approval asks every partner to approve again."""
    require(
        permissions.can_write_digest(by, digest.collaboration),
        str(permissions.WRITE_DIGEST_REFUSED),
    )
    if digest.is_published:
        raise ValidationError(_("Een gepubliceerde raadsbrief verandert niet meer."), code="published")
    if not title.strip():
        raise ValidationError({"title": _("Geef de raadsbrief een titel.")}, code="title")
    before = {"title": digest.title, "summary": digest.summary}
    with transaction.atomic():
        save_versioned(digest, expected_version, {"title": title.strip()[:200], "summary": summary.strip()})
        _reset_approvals(digest, by)
        record(
            by,
            "reports.digest_updated",
            digest,
            before=before,
            after={"title": digest.title, "summary": digest.summary},
        )
    return digest


def refresh_digest(*, digest: CouncilDigest, by: "Person") -> CouncilDigest:
    """Read the facts of the areas again (only before publication; approvals start over)."""
    require(
        permissions.can_write_digest(by, digest.collaboration),
        str(permissions.WRITE_DIGEST_REFUSED),
    )
    if digest.is_published:
        raise ValidationError(_("Een gepubliceerde raadsbrief verandert niet meer."), code="published")
    content, health = compose(digest.collaboration, digest.period_start, digest.period_end)
    with transaction.atomic():
        save_versioned(digest, digest.version, {"content": content, "health": health, "composed_at": timezone.now()})
        _reset_approvals(digest, by)
        record(by, "reports.digest_refreshed", digest)
    return digest


def _executives(partners: list[Partner]) -> list[Any]:
    return list(
        Role.objects.filter(partner__in=partners, kind=RoleKind.EXECUTIVE)
        .select_related("person")
        .values_list("person_id", flat=True)
    )


def submit_digest(*, digest: CouncilDigest, by: "Person") -> CouncilDigest:
    """Ask the bestuurlijk contacts of the partners to approve the digest."""
    collaboration = digest.collaboration
    require(
        permissions.can_write_digest(by, collaboration),
        _("Alleen de facilitator en de contactpersonen van de partners bieden een raadsbrief aan."),
    )
    if not digest.is_draft:
        raise ValidationError(_("Deze raadsbrief is al aangeboden of gepubliceerd."), code="not_draft")
    partners = digest.approving_partners()
    if not partners:
        raise ValidationError(
            _(
                "Geen van de partners heeft een bestuurlijk contact in Samen, dus niemand kan deze raadsbrief "
                "goedkeuren. Nodig eerst de bestuurlijk contacten uit."
            ),
            code="no_executives",
        )
    with transaction.atomic():
        digest.status, digest.submitted_at = DigestStatus.AWAITING, timezone.now()
        digest.save(update_fields=["status", "submitted_at"])
        record(by, "reports.digest_submitted", digest, after={"partners": [p.organisation.name for p in partners]})
        notify(
            kind=Kind.DIGEST_APPROVAL,
            recipients=_executives(partners),
            subject=gettext_lazy("Raadsbrief wacht op uw goedkeuring"),
            body=_("De raadsbrief ‘%(title)s’ van %(name)s wacht op uw goedkeuring namens uw organisatie.")
            % {"title": digest.title, "name": collaboration.name},
            url=digest_url(digest),
            collaboration=collaboration,
        )
    return digest


def approve_digest(*, digest: CouncilDigest, partner: Partner, by: "Person") -> DigestApproval:
    """The partner's bestuurlijk contact approves. Approving twice changes nothing."""
    require(
        partner.collaboration_id == digest.collaboration_id and permissions.can_approve_digest(by, partner),
        _("Alleen de bestuurlijk contactpersoon van %(name)s keurt namens die partner goed.")
        % {"name": partner.organisation.name},
    )
    if not digest.is_awaiting:
        raise ValidationError(
            _("Deze raadsbrief wacht niet op goedkeuring; er is niets gewijzigd."), code="not_awaiting"
        )
    with transaction.atomic():
        try:
            with transaction.atomic():
                approval = DigestApproval.objects.create(digest=digest, partner=partner, person=by)
        except IntegrityError:
            return DigestApproval.objects.get(digest=digest, partner=partner)
        record(
            by,
            "reports.digest_approved",
            approval,
            collaboration=digest.collaboration,
            after={"partner": partner.organisation.name},
        )
    return approval


def missing_approvals(digest: CouncilDigest) -> list[Partner]:
    approved = set(digest.approvals.values_list("partner_id", flat=True))
    return [p for p in digest.approving_partners() if p.pk not in approved]


def publish_digest(*, digest: CouncilDigest, by: "Person") -> CouncilDigest:
    """Publish to readers once every partner with a bestuurlijk contact approved; the health goes with it."""
    collaboration = digest.collaboration
    require(
        permissions.can_publish_digest(by, collaboration),
        _("Alleen de facilitator of een bestuurlijk contact publiceert een raadsbrief."),
    )
    if digest.is_published:
        raise ValidationError(_("Deze raadsbrief is al gepubliceerd."), code="published")
    if not digest.is_awaiting:
        raise ValidationError(_("Bied de raadsbrief eerst ter goedkeuring aan."), code="not_awaiting")
    missing = missing_approvals(digest)
    if missing:
        raise ValidationError(
            _("Nog niet goedgekeurd door %(names)s. Er is niets gepubliceerd.")
            % {"names": ", ".join(p.organisation.name for p in missing)},
            code="not_approved",
        )
    with transaction.atomic():
        digest.status, digest.published_at, digest.published_by = DigestStatus.PUBLISHED, timezone.now(), by
        digest.save(update_fields=["status", "published_at", "published_by"])
        record(by, "reports.digest_published", digest, after={"title": digest.title})
        publish_health(
            collaboration=collaboration,
            health=health_from_data(collaboration.pk, digest.health),
            by=by,
            source=digest.title,
            source_url=digest_url(digest),
        )
        readers = Role.objects.filter(collaboration=collaboration, kind=RoleKind.READER).values_list(
            "person_id", flat=True
        )
        notify(
            kind=Kind.OTHER,
            recipients=list(readers),
            subject=gettext_lazy("Nieuwe raadsbrief"),
            body=_("De raadsbrief ‘%(title)s’ van %(name)s is gepubliceerd.")
            % {"title": digest.title, "name": collaboration.name},
            url=digest_url(digest),
            collaboration=collaboration,
            addressed=False,
        )
    return digest


# --- P&C moments -------------------------------------------------------------------------------


def default_moments(year: int) -> list[tuple[str, datetime.date, datetime.date, datetime.date]]:
    """(kind, due date, period start, period end) of the three P&C moments of ``year``.

    The Wgr asks for the kaders and the ontwerpbegroting before 15 April and the jaarrekening in
    June; the digest reaches the councils ahead of those pieces and covers the months since the
    previous one, so the three periods join up into a full year.
    """
    return [
        (
            MomentKind.FRAMEWORK,
            datetime.date(year, 1, 31),
            datetime.date(year - 1, 6, 1),
            datetime.date(year - 1, 12, 31),
        ),
        (MomentKind.DRAFT_BUDGET, datetime.date(year, 4, 1), datetime.date(year, 1, 1), datetime.date(year, 3, 15)),
        (MomentKind.ANNUAL_ACCOUNTS, datetime.date(year, 6, 1), datetime.date(year, 3, 16), datetime.date(year, 5, 31)),
    ]


def plan_cycle(*, collaboration: Collaboration, by: "Person", year: int) -> list[DigestMoment]:
    """The year's kadernota, ontwerpbegroting and jaarrekening moments; existing ones are kept as they are."""
    require(
        permissions.can_plan_digest_moments(by, collaboration),
        str(permissions.PLAN_DIGEST_MOMENTS_REFUSED),
    )
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Kies een jaar tussen 2000 en 2100.")}, code="year")
    created = []
    with transaction.atomic():
        existing = set(
            DigestMoment.objects.filter(collaboration=collaboration, year=year).values_list("kind", flat=True)
        )
        for kind, due, start, end in default_moments(year):
            if kind in existing:
                continue
            moment = DigestMoment.objects.create(
                collaboration=collaboration,
                kind=kind,
                year=year,
                due_on=due,
                period_start=start,
                period_end=end,
                created_by=by,
            )
            record(by, "reports.moment_planned", moment, after={"kind": kind, "year": year, "due_on": due})
            created.append(moment)
    return created


def plan_moment(
    *,
    collaboration: Collaboration,
    by: "Person",
    kind: str,
    year: int,
    due_on: datetime.date | None,
    period_start: datetime.date | None,
    period_end: datetime.date | None,
    title: str = "",
) -> DigestMoment:
    """One moment with its own dates (for example an extra digest before a begrotingswijziging)."""
    require(
        permissions.can_plan_digest_moments(by, collaboration),
        str(permissions.PLAN_DIGEST_MOMENTS_REFUSED),
    )
    if kind not in MomentKind.values:
        raise ValidationError({"kind": _("Kies kadernota, ontwerpbegroting, jaarrekening of ander moment.")})
    if due_on is None:
        raise ValidationError({"due_on": _("Geef de datum waarop de raden de raadsbrief moeten hebben.")})
    start, end = _check_period(period_start, period_end)
    if (
        kind != MomentKind.OTHER
        and DigestMoment.objects.filter(collaboration=collaboration, kind=kind, year=year).exists()
    ):
        raise ValidationError(
            _("Er is al een %(kind)s-moment voor %(year)s. Er is niets opgeslagen.")
            % {"kind": MomentKind(kind).label, "year": year},
            code="duplicate",
        )
    with transaction.atomic():
        moment = DigestMoment.objects.create(
            collaboration=collaboration,
            kind=kind,
            year=year,
            due_on=due_on,
            period_start=start,
            period_end=end,
            title=title.strip()[:200],
            created_by=by,
        )
        record(by, "reports.moment_planned", moment, after={"kind": kind, "year": year, "due_on": due_on})
    return moment


def _writers(collaboration: Collaboration) -> list[Any]:
    kinds = [RoleKind.FACILITATOR, RoleKind.OFFICIAL]
    return list(Role.objects.filter(collaboration=collaboration, kind__in=kinds).values_list("person_id", flat=True))


def send_reminders(today: datetime.date | None = None) -> dict[str, int]:
    """Remind writers of P&C moments coming up, and bestuurlijk contacts of digests awaiting their approval.

    Idempotent: each reminder stage of a moment is sent once, an approval reminder at most once a week.
    """
    today = today or timezone.localdate()
    sent = {"moments": 0, "approvals": 0}
    horizon = datetime.timedelta(days=max(REMINDER_DAYS))
    for moment in DigestMoment.objects.needing_reminders(today, horizon):
        days_left = (moment.due_on - today).days
        stage = next((str(d) for d in sorted(REMINDER_DAYS) if days_left <= d), None)
        if stage is None or stage in moment.reminders_sent:
            continue
        with transaction.atomic():
            moment.reminders_sent = [*moment.reminders_sent, stage]
            moment.save(update_fields=["reminders_sent"])
            notify(
                kind=Kind.PC_REMINDER,
                recipients=_writers(moment.collaboration),
                subject=gettext_lazy("Raadsbrief voor de P&C-cyclus"),
                body=_("De raadsbrief voor %(moment)s van %(name)s moet op %(date)s bij de raden zijn.")
                % {
                    "moment": str(moment),
                    "name": moment.collaboration.name,
                    "date": formatting.date(moment.due_on),
                },
                url=reverse("reports:digests", args=[moment.collaboration_id]),
                collaboration=moment.collaboration,
                calendar={
                    "start": moment.due_on,
                    "summary": _("Raadsbrief %(moment)s") % {"moment": str(moment)},
                    "uid": f"raadsbrief-{moment.pk}@samen",
                },
            )
            record(None, "reports.moment_reminder_sent", moment, after={"stage": stage})
        sent["moments"] += 1
    cutoff = timezone.now() - APPROVAL_REMINDER_AFTER
    waiting = CouncilDigest.objects.filter(status=DigestStatus.AWAITING, submitted_at__lte=cutoff).select_related(
        "collaboration"
    )
    for digest in waiting:
        if digest.approval_reminded_at and digest.approval_reminded_at > cutoff:
            continue
        missing = missing_approvals(digest)
        if not missing:
            continue
        with transaction.atomic():
            digest.approval_reminded_at = timezone.now()
            digest.save(update_fields=["approval_reminded_at"])
            notify(
                kind=Kind.DIGEST_APPROVAL,
                recipients=_executives(missing),
                subject=gettext_lazy("Herinnering: raadsbrief wacht op uw goedkeuring"),
                body=_("De raadsbrief ‘%(title)s’ van %(name)s wacht nog op uw goedkeuring.")
                % {"title": digest.title, "name": digest.collaboration.name},
                url=digest_url(digest),
                collaboration=digest.collaboration,
            )
            record(
                None,
                "reports.approval_reminder_sent",
                digest,
                after={"partners": [p.organisation.name for p in missing]},
            )
        sent["approvals"] += 1
    log.info("reports.reminders_sent", **sent)
    return sent
