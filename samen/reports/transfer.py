"""The complete export of one collaboration as JSON, and its import: a backup, or a move to another installation.

Round trip: export → import into an empty installation → export again gives the identical file.
That works because the file keeps every object's id, refers to people by e-mail address and to
organisations by their register code (never by an installation's own ids), lists everything in a
fixed order, and holds no time of export.

What belongs to a collaboration is found by walking the models of the areas: every model with a
path of foreign keys to ``Collaboration`` is included, so a field or model an area adds later is
exported without a change here. Not included: the audit log (it stays where it was written; the
import writes its own event), notifications, invitations and API tokens.

The import is all or nothing. It refuses, with the reason and without saving anything, a file
that is not JSON, another format or version, an organisation this installation does not know,
a part or field it does not know, and a collaboration that exists here already (a register entry
nobody has started in Samen is the exception: the import takes its place).
"""

import base64
import json
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, IntegrityError, connection, models, transaction
from django.utils.translation import gettext as _

from samen import permissions
from samen.audit.services import record
from samen.collaborations.models import Collaboration, Organisation, PolicyField
from samen.core.services import require

if TYPE_CHECKING:
    from samen.accounts.models import Person

FORMAT = "samen.samenwerking"
VERSION = 1
SCOPE_APPS = ("collaborations", "interests", "goals", "successes", "experiences", "health", "reports")


# --- which models, in which order -------------------------------------------------------------


def _is_fk(f: Any) -> bool:
    return isinstance(f, models.ForeignKey) and f.concrete


def _path_to_collaboration(model: type[models.Model], candidates: set[type[models.Model]]) -> str | None:
    """The shortest lookup from ``model`` to its collaboration, through non-null foreign keys first."""
    if model is Collaboration:
        return "pk"
    queue: deque[tuple[type[models.Model], str, frozenset[type[models.Model]]]] = deque(
        [(model, "", frozenset({model}))]
    )
    found_nullable: str | None = None
    while queue:
        current, prefix, seen = queue.popleft()
        fks = sorted((f for f in current._meta.get_fields() if _is_fk(f)), key=lambda f: (f.null, f.name))
        for f in fks:
            target = f.related_model
            lookup = f"{prefix}{f.name}"
            if target is Collaboration:
                if not f.null:
                    return lookup
                found_nullable = found_nullable or lookup
            elif target in candidates and target not in seen and not f.null:
                queue.append((target, f"{lookup}__", seen | {target}))
    return found_nullable


@dataclass
class Part:
    model: type[models.Model]
    path: str

    @property
    def label(self) -> str:
        return self.model._meta.label_lower


def parts() -> list[Part]:
    """Every model that belongs to a collaboration, in a fixed order (what others point to first)."""
    candidates = {m for label in SCOPE_APPS for m in apps.get_app_config(label).get_models()}
    candidates -= {Organisation, PolicyField}
    found = {m: p for m in candidates if (p := _path_to_collaboration(m, candidates)) is not None}
    ordered: list[Part] = []
    placed: set[type[models.Model]] = set()
    remaining = sorted(found, key=lambda m: m._meta.label_lower)
    while remaining:
        for model in remaining:
            needs = {
                f.related_model
                for f in model._meta.get_fields()
                if _is_fk(f) and not f.null and f.related_model in found and f.related_model is not model
            }
            if needs <= placed:
                ordered.append(Part(model, found[model]))
                placed.add(model)
                remaining.remove(model)
                break
        else:  # a cycle of non-null keys: place the rest by name (constraints are checked at the end)
            ordered.extend(Part(m, found[m]) for m in remaining)
            break
    return ordered


# --- references that do not depend on an installation -------------------------------------------


def organisation_ref(organisation: Organisation) -> str:
    if organisation.code:
        return f"code:{organisation.code}"
    if organisation.roo_id:
        return f"roo:{organisation.roo_id}"
    return f"naam:{organisation.kind}:{organisation.name}"


def _concrete_fields(model: type[models.Model]) -> list[Any]:
    return [f for f in model._meta.concrete_fields if not f.primary_key]


def _m2m_fields(model: type[models.Model]) -> list[Any]:
    return [
        f
        for f in model._meta.many_to_many
        if f.remote_field.through._meta.auto_created  # type: ignore[union-attr]
    ]


USER_LABEL = settings.AUTH_USER_MODEL.lower()


def _kind(f: Any) -> str:
    """How a relation is written: a person by e-mail, an organisation by code, a policy field by name, else the id."""
    target = f.related_model
    if target._meta.label_lower == USER_LABEL:
        return "person"
    if target is Organisation:
        return "organisation"
    if target is PolicyField:
        return "policy_field"
    return "id"


# --- export ---------------------------------------------------------------------------------------


@dataclass
class _Refs:
    people: dict[Any, str] = field(default_factory=dict)
    organisations: dict[Any, str] = field(default_factory=dict)
    policy_fields: dict[Any, str] = field(default_factory=dict)

    def ref(self, kind: str, value: Any) -> Any:
        if value is None:
            return None
        if kind == "person":
            return self.people[value]
        if kind == "organisation":
            return self.organisations[value]
        if kind == "policy_field":
            return self.policy_fields[value]
        return str(value)


def _plain(f: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(f, models.FileField):
        if not value:
            return {"name": "", "content": None}
        with value.open("rb") as handle:
            return {"name": value.name, "content": base64.b64encode(handle.read()).decode("ascii")}
    if isinstance(f, models.JSONField):
        return value
    if isinstance(f, models.DateTimeField | models.DateField | models.TimeField):
        return value.isoformat()
    if isinstance(f, models.DecimalField | models.UUIDField):
        return str(value)
    return value


def export_data(collaboration: Collaboration) -> dict[str, Any]:
    """The complete collaboration as a JSON-ready dict (a fixed number of queries per model)."""
    rows: list[tuple[Part, list[models.Model], dict[str, dict[Any, list[Any]]]]] = []
    person_ids: set[Any] = set()
    organisation_ids: set[Any] = set()
    policy_ids: set[Any] = set()
    for part in parts():
        objects = list(part.model._default_manager.filter(**{part.path: collaboration.pk}).order_by("pk"))
        m2m: dict[str, dict[Any, list[Any]]] = {}
        for f in _m2m_fields(part.model):
            through = f.remote_field.through
            source = f.m2m_field_name()
            target = f.m2m_reverse_field_name()
            pairs = through.objects.filter(**{f"{source}__in": [o.pk for o in objects]}).values_list(
                f"{source}_id", f"{target}_id"
            )
            m2m[f.name] = {}
            for owner, related in pairs:
                m2m[f.name].setdefault(owner, []).append(related)
            kind = _kind(f)
            related_ids = {r for values in m2m[f.name].values() for r in values}
            {"person": person_ids, "organisation": organisation_ids, "policy_field": policy_ids}.get(
                kind, set()
            ).update(related_ids)
        for f in _concrete_fields(part.model):
            if f.is_relation:
                ids = {getattr(o, f.attname) for o in objects} - {None}
                {"person": person_ids, "organisation": organisation_ids, "policy_field": policy_ids}.get(
                    _kind(f), set()
                ).update(ids)
        rows.append((part, objects, m2m))
    people = list(get_user_model().objects.filter(pk__in=person_ids).select_related("organisation"))
    organisation_ids |= {p.organisation_id for p in people if p.organisation_id}
    refs = _Refs(
        people={p.pk: p.email for p in people},
        organisations={o.pk: organisation_ref(o) for o in Organisation.objects.filter(pk__in=organisation_ids)},
        policy_fields=dict(PolicyField.objects.filter(pk__in=policy_ids).values_list("pk", "name")),
    )
    organisations = {o.pk: o for o in Organisation.objects.filter(pk__in=organisation_ids)}

    objects_out = []
    for part, objects, m2m in rows:
        for obj in objects:
            fields: dict[str, Any] = {}
            for f in _concrete_fields(part.model):
                if f.is_relation:
                    fields[f.name] = refs.ref(_kind(f), getattr(obj, f.attname))
                else:
                    fields[f.name] = _plain(f, getattr(obj, f.attname))
            for f in _m2m_fields(part.model):
                fields[f.name] = sorted(refs.ref(_kind(f), r) for r in m2m[f.name].get(obj.pk, []))
            objects_out.append({"model": part.label, "id": str(obj.pk), "fields": fields})
    return {
        "format": FORMAT,
        "version": VERSION,
        "collaboration": str(collaboration.pk),
        "organisations": sorted(
            ({"ref": refs.organisations[pk], "name": o.name, "kind": o.kind} for pk, o in organisations.items()),
            key=lambda item: item["ref"],
        ),
        "people": sorted(
            (
                {
                    "email": p.email,
                    "full_name": p.full_name,
                    "job_title": p.job_title,
                    "language": p.language,
                    "organisation": refs.organisations.get(p.organisation_id) if p.organisation_id else None,
                }
                for p in people
            ),
            key=lambda item: item["email"],
        ),
        "objects": objects_out,
    }


def dumps(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def export_collaboration(*, collaboration: Collaboration, by: "Person") -> bytes:
    require(
        permissions.can_export_collaboration(by, collaboration),
        _(
            "Alleen een beheerder van deze installatie maakt een volledige export: die bevat ook concepten en "
            "losse antwoorden op check-ins."
        ),
    )
    content = dumps(export_data(collaboration))
    record(by, "reports.collaboration_exported", collaboration, after={"bytes": len(content)})
    return content


# --- import ---------------------------------------------------------------------------------------


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(f"{message} {_('Er is niets opgeslagen.')}", code=code)


def parse(raw: bytes | str) -> dict[str, Any]:
    """The file as a dict, or a clear reason why it cannot be read."""
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
        data = json.loads(text)
    except UnicodeDecodeError as exc:
        raise _refuse(_("Het bestand is geen tekst in UTF-8 en dus geen export uit Samen."), "not_text") from exc
    except json.JSONDecodeError as exc:
        raise _refuse(
            _("Het bestand is geen geldige JSON (regel %(line)s, kolom %(column)s: %(problem)s).")
            % {"line": exc.lineno, "column": exc.colno, "problem": exc.msg},
            "malformed",
        ) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _refuse(_("Dit bestand is geen export van een samenwerking uit Samen."), "format")
    if data.get("version") != VERSION:
        raise _refuse(
            _("Dit bestand heeft formaatversie %(found)s; deze installatie leest alleen versie %(wanted)s.")
            % {"found": data.get("version"), "wanted": VERSION},
            "version",
        )
    shape_ok = (
        isinstance(data.get("objects"), list)
        and isinstance(data.get("people"), list)
        and isinstance(data.get("organisations"), list)
        and all(isinstance(o, dict) and {"model", "id", "fields"} <= set(o) for o in data["objects"])
        and all(isinstance(p, dict) and "email" in p for p in data["people"])
        and all(isinstance(o, dict) and "ref" in o for o in data["organisations"])
    )
    if not shape_ok:
        raise _refuse(_("Het bestand is onvolledig of beschadigd: de lijsten met gegevens kloppen niet."), "shape")
    return data


def resolve_organisation(ref: str) -> Organisation | None:
    kind, _sep, rest = ref.partition(":")
    if kind == "code":
        return Organisation.objects.filter(code=rest).first()
    if kind == "roo":
        return Organisation.objects.filter(roo_id=rest).first()
    if kind == "naam":
        organisation_kind, _sep, name = rest.partition(":")
        found = list(Organisation.objects.filter(kind=organisation_kind, name=name)[:2])
        return found[0] if len(found) == 1 else None
    return None


@dataclass
class Plan:
    data: dict[str, Any]
    parts: dict[str, Part]
    organisations: dict[str, Organisation]
    replaces: Collaboration | None = None


def check(data: dict[str, Any]) -> Plan:
    """Everything that can be checked before writing: parts and fields, organisations, overwriting."""
    known = {p.label: p for p in parts()}
    unknown_parts = sorted({o["model"] for o in data["objects"]} - set(known))
    if unknown_parts:
        raise _refuse(
            _("Het bestand bevat onderdelen die deze installatie niet kent: %(parts)s.")
            % {"parts": ", ".join(unknown_parts)},
            "unknown_part",
        )
    for obj in data["objects"]:
        model = known[obj["model"]].model
        names = {f.name for f in _concrete_fields(model)} | {f.name for f in _m2m_fields(model)}
        extra = sorted(set(obj["fields"]) - names)
        if extra:
            raise _refuse(
                _("Het bestand bevat velden die deze installatie niet kent: %(fields)s (bij %(part)s).")
                % {"fields": ", ".join(extra), "part": model._meta.verbose_name},
                "unknown_field",
            )
    roots = [o for o in data["objects"] if o["model"] == "collaborations.collaboration"]
    if len(roots) != 1 or roots[0]["id"] != data.get("collaboration"):
        raise _refuse(_("Het bestand bevat niet precies één samenwerking."), "root")
    organisations: dict[str, Organisation] = {}
    missing = []
    for item in data["organisations"]:
        found = resolve_organisation(str(item["ref"]))
        if found is None:
            missing.append(f"{item.get('name') or item['ref']} ({item['ref']})")
        else:
            organisations[item["ref"]] = found
    if missing:
        raise _refuse(
            _(
                "Deze organisaties zijn in deze installatie onbekend: %(names)s. Lees eerst het register in of voeg "
                "ze toe."
            )
            % {"names": ", ".join(missing)},
            "unknown_organisations",
        )
    root = roots[0]
    existing = Collaboration.objects.filter(pk=root["id"]).first()
    roo_id = root["fields"].get("roo_id")
    replaces = None
    if existing is None and roo_id:
        register_entry = Collaboration.objects.filter(roo_id=roo_id).first()
        if register_entry is not None and _untouched(register_entry):
            replaces = register_entry
        else:
            existing = register_entry
    if existing is not None:
        raise _refuse(
            _(
                "De samenwerking ‘%(name)s’ bestaat al in deze installatie. Een import overschrijft nooit een "
                "bestaande samenwerking."
            )
            % {"name": existing.name},
            "exists",
        )
    for label in sorted({o["model"] for o in data["objects"]}):
        part = known[label]
        ids = [o["id"] for o in data["objects"] if o["model"] == label]
        if part.model._default_manager.filter(pk__in=ids).exists():
            raise _refuse(
                _("Gegevens uit dit bestand (%(part)s) bestaan al in deze installatie.")
                % {"part": part.model._meta.verbose_name_plural},
                "exists",
            )
    return Plan(data, known, organisations, replaces)


def _untouched(collaboration: Collaboration) -> bool:
    """A register entry nobody started in Samen: no workspace, no roles, no invitations."""
    return (
        not collaboration.workspace_active
        and not collaboration.roles.exists()
        and not collaboration.invitations.exists()
    )


def _people(plan: Plan) -> dict[str, Any]:
    person_model = get_user_model()
    emails = [str(p["email"]).lower() for p in plan.data["people"]]
    found = {p.email: p for p in person_model.objects.filter(email__in=emails)}
    for item in plan.data["people"]:
        email = str(item["email"]).lower()
        if email in found:
            continue
        organisation_ref_ = item.get("organisation")
        person = person_model.objects.create_user(
            email,
            None,
            full_name=item.get("full_name") or "",
            job_title=item.get("job_title") or "",
            language=item.get("language") or settings.LANGUAGE_CODE,
            organisation=plan.organisations.get(organisation_ref_) if organisation_ref_ else None,
        )
        found[email] = person
    return found


def _value(f: Any, raw: Any, people: dict[str, Any], plan: Plan, saved_files: list[str]) -> Any:
    if f.is_relation:
        if raw is None:
            return None
        kind = _kind(f)
        if kind == "person":
            person = people.get(str(raw).lower())
            if person is None:
                raise ValidationError(_("onbekende persoon %(email)s") % {"email": raw})
            return person.pk
        if kind == "organisation":
            if raw not in plan.organisations:
                raise ValidationError(_("onbekende organisatie %(ref)s") % {"ref": raw})
            return plan.organisations[raw].pk
        if kind == "policy_field":
            return PolicyField.objects.get_or_create(name=raw)[0].pk
        return f.target_field.to_python(raw)
    if isinstance(f, models.FileField):
        if not raw or not raw.get("name"):
            return ""
        content = base64.b64decode(raw["content"] or "")
        name = raw["name"]
        if default_storage.exists(name):
            with default_storage.open(name, "rb") as handle:
                if handle.read() == content:
                    return name
        stored = default_storage.save(name, ContentFile(content))
        saved_files.append(stored)
        return stored
    if isinstance(f, models.JSONField):
        return raw
    return f.to_python(raw)


def _write(plan: Plan, by: "Person") -> Collaboration:
    people = _people(plan)
    saved_files: list[str] = []
    try:
        if plan.replaces is not None:
            plan.replaces.delete()
        by_model: dict[str, list[dict[str, Any]]] = {}
        for obj in plan.data["objects"]:
            by_model.setdefault(obj["model"], []).append(obj)
        m2m_rows: list[tuple[Any, Any, list[Any]]] = []
        for part in parts():
            items = by_model.get(part.label, [])
            instances = []
            for obj in items:
                values: dict[str, Any] = {part.model._meta.pk.attname: part.model._meta.pk.to_python(obj["id"])}
                for f in _concrete_fields(part.model):
                    if f.name in obj["fields"]:
                        values[f.attname] = _value(f, obj["fields"][f.name], people, plan, saved_files)
                instances.append(part.model(**values))
                for f in _m2m_fields(part.model):
                    if obj["fields"].get(f.name):
                        m2m_rows.append((f, values[part.model._meta.pk.attname], obj["fields"][f.name]))
            part.model._default_manager.bulk_create(instances)
        for f, owner, related in m2m_rows:
            through = f.remote_field.through
            source, target = f.m2m_field_name(), f.m2m_reverse_field_name()
            through.objects.bulk_create(
                [through(**{f"{source}_id": owner, f"{target}_id": _m2m_value(f, r, people, plan)}) for r in related]
            )
        connection.check_constraints()
    except Exception:
        for name in saved_files:
            default_storage.delete(name)
        raise
    return Collaboration.objects.get(pk=plan.data["collaboration"])


def _m2m_value(f: Any, raw: Any, people: dict[str, Any], plan: Plan) -> Any:
    kind = _kind(f)
    if kind == "person":
        return people[str(raw).lower()].pk
    if kind == "organisation":
        return plan.organisations[raw].pk
    if kind == "policy_field":
        return PolicyField.objects.get_or_create(name=raw)[0].pk
    return f.related_model._meta.pk.to_python(raw)


def import_collaboration(*, raw: bytes | str, by: "Person") -> Collaboration:
    """Read a complete export into this installation: all or nothing, with the reason when it refuses."""
    require(
        permissions.can_import_collaboration(by),
        str(permissions.IMPORT_COLLABORATION_REFUSED),
    )
    plan = check(parse(raw))
    try:
        with transaction.atomic():
            collaboration = _write(plan, by)
            record(
                by,
                "reports.collaboration_imported",
                collaboration,
                after={"objects": len(plan.data["objects"]), "people": len(plan.data["people"])},
            )
    except (IntegrityError, DatabaseError, ValidationError, ValueError, KeyError, TypeError) as exc:
        detail = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        raise _refuse(
            _("Het bestand past niet in deze installatie (%(detail)s).") % {"detail": detail[:300]}, "invalid"
        ) from exc
    return collaboration


def collaboration_filename(collaboration: Collaboration) -> str:
    from django.utils.text import slugify

    return f"samenwerking-{slugify(collaboration.short_name or collaboration.name)[:60] or collaboration.pk}.json"
