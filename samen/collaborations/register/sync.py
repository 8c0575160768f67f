"""Writing: only what differs from the database, in one transaction, then the audit event."""

import time
from pathlib import Path
from typing import Any

import structlog
from django.conf import settings
from django.db import connection, transaction

from samen.audit.services import record
from samen.collaborations.models import Collaboration, Organisation, Partner, PolicyField
from samen.collaborations.register.build import Cleaner, Wanted, build
from samen.collaborations.register.build import differs as _differs
from samen.collaborations.register.files import Progress, read_files
from samen.collaborations.register.partners import sync_partners
from samen.collaborations.register.report import ImportReport, Tally

log = structlog.get_logger("samen.register")


def _sync_organisations(wanted: Wanted, tally: Tally) -> dict[str, Organisation]:
    existing = list(Organisation.objects.all())
    by_code = {o.code: o for o in existing if o.code}
    by_roo = {o.roo_id: o for o in existing if o.roo_id}
    found: dict[str, Organisation | None] = {
        key: (by_code.get(values["code"]) if values["code"] else None)
        or (by_roo.get(values["roo_id"]) if values["roo_id"] else None)
        for key, values in wanted.organisations.items()
    }
    # Ids exist before saving (UUIDs), so a merged municipality can point to a successor created in this run.
    result = {key: obj or Organisation(**wanted.organisations[key]) for key, obj in found.items()}
    create: list[Organisation] = []
    update: list[Organisation] = []
    fields: set[str] = set()
    for key, values in wanted.organisations.items():
        successor = wanted.successors.get(key)
        values = {**values, "successor_id": result[successor].pk if successor else None}
        obj = found[key]
        if obj is None:
            result[key].successor_id = values["successor_id"]
            create.append(result[key])
        elif changed := _differs(obj, values):
            for name in changed:
                setattr(obj, name, values[name])
            fields.update(changed)
            update.append(obj)
        else:
            tally.unchanged += 1
    Organisation.objects.bulk_create(create, batch_size=500)
    if update:
        Organisation.objects.bulk_update(update, sorted(fields), batch_size=200)
    tally.created, tally.updated = len(create), len(update)
    return result


def _sync_policy_fields(wanted: Wanted, tally: Tally) -> dict[str, PolicyField]:
    existing = {p.name: p for p in PolicyField.objects.all()}
    names = {name for names in wanted.policy_fields.values() for name in names}
    create = [PolicyField(name=name) for name in sorted(names - set(existing))]
    PolicyField.objects.bulk_create(create, batch_size=500)
    tally.created, tally.unchanged = len(create), len(names & set(existing))
    existing.update({p.name: p for p in create})
    return existing


def _sync_collaborations(
    wanted: Wanted, organisations: dict[str, Organisation], tally: Tally, report: ImportReport
) -> tuple[dict[str, Collaboration], set[str]]:
    """The register's collaborations by ROO id, and the ROO ids of those created in this run."""
    existing = {c.roo_id: c for c in Collaboration.objects.filter(roo_id__isnull=False)}
    report.collaborations_not_current = len(set(existing) - set(wanted.collaborations))
    result: dict[str, Collaboration] = {}
    create: list[Collaboration] = []
    update: list[Collaboration] = []
    fields: set[str] = {"version"}
    for rid, values in wanted.collaborations.items():
        body_key = wanted.bodies.get(rid)
        values = {**values, "body_id": organisations[body_key].pk if body_key else None}
        obj = existing.get(rid)
        if obj is None:
            obj = Collaboration(**values)
            create.append(obj)
        elif changed := _differs(obj, values):
            for name in changed:
                setattr(obj, name, values[name])
            obj.version += 1  # forms opened before the import must not overwrite the register's facts
            fields.update(changed)
            update.append(obj)
        else:
            tally.unchanged += 1
        result[rid] = obj
    Collaboration.objects.bulk_create(create, batch_size=500)
    if update:
        Collaboration.objects.bulk_update(update, sorted(fields), batch_size=100)
    tally.created, tally.updated = len(create), len(update)
    return result, {str(c.roo_id) for c in create}


def _sync_policy_field_links(
    wanted: Wanted, collaborations: dict[str, Collaboration], policy_fields: dict[str, PolicyField], tally: Tally
) -> None:
    through = Collaboration.policy_fields.through
    want = {
        (collaborations[rid].pk, policy_fields[name].pk)
        for rid, names in wanted.policy_fields.items()
        for name in names
    }
    ids = [c.pk for c in collaborations.values()]
    have: dict[tuple[Any, Any], Any] = {}
    for start in range(0, len(ids), 500):
        for pk, cid, pid in through.objects.filter(collaboration_id__in=ids[start : start + 500]).values_list(
            "pk", "collaboration_id", "policyfield_id"
        ):
            have[(cid, pid)] = pk
    add = sorted(want - set(have), key=str)
    remove = [have[pair] for pair in set(have) - want]
    through.objects.bulk_create([through(collaboration_id=cid, policyfield_id=pid) for cid, pid in add], batch_size=500)
    for start in range(0, len(remove), 500):
        through.objects.filter(pk__in=remove[start : start + 500]).delete()
    tally.created, tally.removed, tally.unchanged = len(add), len(remove), len(want & set(have))


def _refresh_statistics() -> None:
    """On PostgreSQL, tell the planner how large the imported tables now are.

    A first import fills thousands of partners and organisations at once; until autovacuum comes by,
    the planner would still think them empty and join them with nested loops over every row.
    """
    if connection.vendor != "postgresql":
        return
    tables = [model._meta.db_table for model in (Organisation, Collaboration, Partner, PolicyField)]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'ANALYZE "{table}"')  # the names are our own models' tables


def import_register(data_dir: Path | str | None = None, progress: Progress | None = None) -> ImportReport:
    """Import the national GR register: all or nothing, idempotent, with a report of what was cleaned.

    Raises ``RegisterError`` (a Dutch message naming the file and row) before writing anything
    when a file misses a column or has a broken row.
    """
    started = time.perf_counter()
    step: Progress = progress or (lambda _label: None)
    directory = Path(data_dir) if data_dir else Path(settings.DATA_DIR)
    report = ImportReport(data_dir=str(directory))
    files = read_files(directory, step)
    wanted = build(files, report, Cleaner(report))
    report.tallies = {
        name: Tally() for name in ("organisations", "policy_fields", "collaborations", "policy_field_links", "partners")
    }
    with transaction.atomic():
        organisations = _sync_organisations(wanted, report.tallies["organisations"])
        step("organisaties")
        policy_fields = _sync_policy_fields(wanted, report.tallies["policy_fields"])
        step("beleidsterreinen")
        collaborations, new = _sync_collaborations(wanted, organisations, report.tallies["collaborations"], report)
        _sync_policy_field_links(wanted, collaborations, policy_fields, report.tallies["policy_field_links"])
        step("samenwerkingen")
        sync_partners(wanted, organisations, collaborations, new, report.tallies["partners"], report)
        step("partners")
        report.seconds = time.perf_counter() - started
        if report.changed:
            record(None, "register.imported", None, after=report.as_dict())
        step("auditlog")
    if report.changed:
        _refresh_statistics()
    report.seconds = time.perf_counter() - started
    log.info(
        "register.imported" if report.changed else "register.unchanged",
        regelingen=report.current_regelingen,
        municipalities=report.municipalities,
        participant_rows=report.participant_rows,
        seconds=round(report.seconds, 2),
        **{name: f"{t.created}/{t.updated}/{t.unchanged}/{t.removed}" for name, t in report.tallies.items()},
    )
    return report
