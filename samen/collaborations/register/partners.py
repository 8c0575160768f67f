"""Partners from the register: new regelingen in bulk; changes to existing ones through the services.

When a municipality appears in or disappears from a regeling that Samen already holds, the import calls
``partner_joins`` / ``partner_leaves`` (by=None: the register), so the change is audited, told and felt by
the areas exactly like one a facilitator records. A partner disappears only if the register had listed it
(``in_register``): partners a facilitator added by hand stay. A partner that left is never revived by the
register listing it still (it often does, for months). A second run with no changes calls no service.
"""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from samen.collaborations import services
from samen.collaborations.models import Collaboration, Organisation, Partner
from samen.collaborations.register.build import Wanted, differs
from samen.collaborations.register.report import ImportReport, Tally

COMPARED = ("joined_on", "governing_bodies", "in_register")


def sync_partners(
    wanted: Wanted,
    organisations: dict[str, Organisation],
    collaborations: dict[str, Collaboration],
    new: set[str],
    tally: Tally,
    report: ImportReport,
) -> None:
    today = timezone.localdate()
    ids = [c.pk for c in collaborations.values()]
    existing: dict[tuple[Any, Any], Partner] = {}
    for start in range(0, len(ids), 500):
        for partner in Partner.objects.filter(collaboration_id__in=ids[start : start + 500]).only(
            "id", "collaboration_id", "organisation_id", "left_on", *COMPARED
        ):
            existing[(partner.collaboration_id, partner.organisation_id)] = partner
    create: list[Partner] = []
    update: list[Partner] = []
    fields: set[str] = set()
    joins: list[tuple[Collaboration, Organisation, dict[str, Any], str]] = []
    leaves: list[tuple[Collaboration, Organisation, datetime.date, str]] = []
    for (rid, key), values in wanted.partners.items():
        collaboration, organisation = collaborations[rid], organisations[key]
        plain = {"joined_on": values["joined_on"], "governing_bodies": values["governing_bodies"], "in_register": True}
        obj = existing.pop((collaboration.pk, organisation.pk), None)
        left_on, left_reason = values.get("left_on"), values.get("left_reason", "")
        if obj is None and rid in new:
            create.append(
                Partner(
                    collaboration=collaboration,
                    organisation=organisation,
                    left_on=left_on,
                    left_reason=left_reason,
                    **plain,
                )
            )
        elif obj is None:
            joins.append(
                (collaboration, organisation, plain, values.get("joined_reason") or _("Nieuw in het register"))
            )
        else:
            if left_on and obj.left_on is None:
                leaves.append((collaboration, organisation, left_on, left_reason))
            if changed := differs(obj, plain):
                for name in changed:
                    setattr(obj, name, plain[name])
                fields.update(changed)
                update.append(obj)
            else:
                tally.unchanged += 1
    Partner.objects.bulk_create(create, batch_size=500)
    if update:
        Partner.objects.bulk_update(update, sorted(fields), batch_size=200)
    tally.created, tally.updated = len(create), len(update)

    by_pk = {c.pk: c for c in collaborations.values()}
    gone = [p for p in existing.values() if p.in_register and p.left_on is None]
    report.partners_not_in_register = len(existing) - len(gone)
    gone_organisations = Organisation.objects.in_bulk([p.organisation_id for p in gone])
    for partner in gone:
        reason = _("Staat niet meer in het register (inlezing van %(date)s)") % {"date": today.isoformat()}
        leaves.append((by_pk[partner.collaboration_id], gone_organisations[partner.organisation_id], today, reason))
    _apply(joins, leaves, today, tally, report)


def _apply(
    joins: list[tuple[Collaboration, Organisation, dict[str, Any], str]],
    leaves: list[tuple[Collaboration, Organisation, datetime.date, str]],
    today: datetime.date,
    tally: Tally,
    report: ImportReport,
) -> None:
    """Leaves before joins: on a merger the former municipality goes out, then its successor comes in."""
    for collaboration, organisation, on, reason in leaves:
        try:
            services.partner_leaves(
                collaboration=collaboration, organisation=organisation, on=on, by=None, reason=reason
            )
        except ValidationError as error:
            report.partner_changes_refused.append(f"{organisation} – {collaboration}: {' '.join(error.messages)}")
            continue
        tally.removed += 1
        report.partners_left.append(f"{organisation} ({collaboration.short_name or collaboration.name})")
    for collaboration, organisation, plain, reason in joins:
        on = min(plain["joined_on"] or today, today)
        try:
            partner = services.partner_joins(
                collaboration=collaboration, organisation=organisation, on=on, by=None, reason=reason, in_register=True
            )
        except ValidationError as error:
            report.partner_changes_refused.append(f"{organisation} – {collaboration}: {' '.join(error.messages)}")
            continue
        Partner.objects.filter(pk=partner.pk).update(governing_bodies=plain["governing_bodies"])
        tally.created += 1
        report.partners_joined.append(f"{organisation} ({collaboration.short_name or collaboration.name})")
