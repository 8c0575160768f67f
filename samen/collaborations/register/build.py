"""What the database should hold, as plain values, from the checked files."""

import datetime
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from samen.collaborations.models import CollaborationKind, OrganisationKind
from samen.collaborations.register.files import (
    BODIES,
    INVISIBLE,
    MUNICIPALITIES,
    PARTICIPANTS,
    QUOTES,
    REGELINGEN,
    URL_MAX,
    Files,
    Row,
    _words,
)
from samen.collaborations.register.report import ImportReport

TOOI_KINDS: dict[str, str] = {
    "gm": OrganisationKind.MUNICIPALITY,
    "pv": OrganisationKind.PROVINCE,
    "ws": OrganisationKind.WATER_BOARD,
    "mn": OrganisationKind.STATE,
    "so": OrganisationKind.GR_BODY,
}
SOORT_KINDS: dict[str, str] = {
    "gemeente": OrganisationKind.MUNICIPALITY,
    "provincie": OrganisationKind.PROVINCE,
    "waterschap": OrganisationKind.WATER_BOARD,
    "ministerie": OrganisationKind.STATE,
    "samenwerkingsorganisatie": OrganisationKind.GR_BODY,
}
# Dutch bodies that ROO lists without a TOOI code because they were merged away; keyed by ROO id.
# Without this table they would look like the foreign participants (which also lack a TOOI code).
# Sources: the herindelingen of 2016-2023 (CBS) and the waterschap merger into Drents Overijsselse Delta.
FORMER_DUTCH: dict[str, str] = {
    "21135": OrganisationKind.WATER_BOARD,  # Groot Salland, since 2016 Drents Overijsselse Delta
    "21171": OrganisationKind.WATER_BOARD,  # Reest en Wieden, idem
    "22496": OrganisationKind.MUNICIPALITY,  # Onderbanken, since 2019 Beekdaelen
    "37471": OrganisationKind.MUNICIPALITY,  # De Marne, since 2019 Het Hogeland
    "28693": OrganisationKind.MUNICIPALITY,  # Eemsmond, idem
    "37505": OrganisationKind.MUNICIPALITY,  # Winsum, idem
    "28059": OrganisationKind.MUNICIPALITY,  # Haren, since 2019 Groningen
    "38483": OrganisationKind.MUNICIPALITY,  # Vianen, since 2019 Vijfheerenlanden
    "34252": OrganisationKind.MUNICIPALITY,  # Giessenlanden, since 2019 Molenlanden
    "27268": OrganisationKind.MUNICIPALITY,  # Molenwaard, idem
    "32629": OrganisationKind.MUNICIPALITY,  # Zederik, since 2019 Vijfheerenlanden
    "40626": OrganisationKind.MUNICIPALITY,  # Geldermalsen, since 2019 West Betuwe
    "31912": OrganisationKind.MUNICIPALITY,  # Lingewaal, idem
    "22640": OrganisationKind.MUNICIPALITY,  # Neerijnen, idem
}
# Region columns in gemeenten_2025.csv: more than one regeling id in one cell means several current
# regelingen for one body (the Utrecht omgevingsdienst).
REGION_COLUMNS = {
    "veiligheidsregio_gr_roo_id": "veiligheidsregio",
    "ggd_gr_roo_id": "GGD",
    "omgevingsdienst_gr_roo_id": "omgevingsdienst",
}

ORGANISATION_FIELDS = _words(
    "name kind code cbs_code oin kvk province_code province_name roo_id website population exists ceased_on"
)


class Cleaner:
    """Strips invisible characters and surrounding space, and counts what it removed where."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report

    def __call__(self, value: str, where: str) -> str:
        cleaned, removed = INVISIBLE.subn("", value)
        if removed:
            self.report.invisible_chars += removed
            self.report.invisible_fields.append(where)
        return " ".join(cleaned.split()) if "\n" not in cleaned else cleaned.strip()


def _website(value: str, report: ImportReport) -> str:
    value = value.strip()
    if not value:
        return ""
    if not value.startswith(("http://", "https://")):
        value = "https://" + value
        report.websites_completed += 1
    if len(value) > URL_MAX:
        report.websites_dropped += 1
        return ""
    return value


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


@dataclass
class Wanted:
    organisations: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_roo_id: dict[str, str] = field(default_factory=dict)
    collaborations: dict[str, dict[str, Any]] = field(default_factory=dict)
    bodies: dict[str, str] = field(default_factory=dict)  # regeling roo_id -> organisation key
    policy_fields: dict[str, list[str]] = field(default_factory=dict)  # regeling roo_id -> names
    partners: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    successors: dict[str, str] = field(default_factory=dict)  # former municipality key -> successor key

    def organisation(self, **fields: Any) -> str:
        """Add an organisation or fill the empty fields of the same one (same code or ROO id); return its key."""
        values = {name: fields.get(name, "") for name in ORGANISATION_FIELDS}
        values["code"] = values["code"] or None
        values["roo_id"] = values["roo_id"] or None
        values["population"] = values["population"] or None
        values["exists"] = fields.get("exists", True)
        values["ceased_on"] = fields.get("ceased_on") or None
        key = None
        if values["code"] and values["code"] in self.organisations:
            key = values["code"]
        elif values["roo_id"] and values["roo_id"] in self.by_roo_id:
            key = self.by_roo_id[values["roo_id"]]
        if key is None:
            key = values["code"] or f"roo:{values['roo_id']}"
            self.organisations[key] = values
        else:
            known = self.organisations[key]
            for name, value in values.items():
                if known[name] in ("", None) and value not in ("", None):
                    known[name] = value
        if self.organisations[key]["roo_id"]:
            self.by_roo_id.setdefault(self.organisations[key]["roo_id"], key)
        return key


def differs(obj: Any, values: dict[str, Any]) -> list[str]:
    """The names of the fields whose value on ``obj`` is not the wanted one."""
    return [name for name, value in values.items() if getattr(obj, name) != value]


def _tooi(code: str) -> tuple[str, str]:
    """('gm', 'GM0363') from a TOOI code such as gm0363."""
    code = code.strip().lower()
    prefix = code[:4] if code.startswith("mnre") else code[:2]
    return ("mn" if prefix == "mnre" else prefix), code.upper()


def build(files: Files, report: ImportReport, clean: Cleaner) -> Wanted:
    """Everything the import should write, as plain values, from the checked files."""
    wanted = Wanted()
    existing_gm: dict[str, Row] = {}
    provinces: dict[str, str] = {}
    for _line, row in files.municipalities:
        code = row["gm_code"].strip().upper()
        existing_gm[code] = row
        provinces[row["provincie_code"].strip().upper()] = clean(row["provincie_naam"], f"{MUNICIPALITIES} provincie")
        wanted.organisation(
            name=clean(row["naam"], f"{MUNICIPALITIES} {code}"),
            kind=OrganisationKind.MUNICIPALITY,
            code=code,
            cbs_code=row["cbs_gemeentecode"].strip(),
            oin=row["oin"].strip(),
            kvk=row["kvk"].strip()[:8],
            province_code=row["provincie_code"].strip().upper(),
            province_name=provinces[row["provincie_code"].strip().upper()],
            roo_id=row["roo_id"].strip(),
            website=_website(row["website"], report),
            population=int(row["aantal_inwoners_roo"].replace(".", "")) if row["aantal_inwoners_roo"].strip() else None,
            exists=True,
        )
    report.municipalities = len(existing_gm)
    without_roo = {code for code, row in existing_gm.items() if not row["roo_id"].strip()}
    for code, name in sorted(provinces.items()):
        wanted.organisation(
            name=_("Provincie %(name)s") % {"name": name},
            kind=OrganisationKind.PROVINCE,
            code=code,
            province_code=code,
            province_name=name,
        )

    current = {rid: reg for rid, reg in files.regelingen.items() if reg.current}
    report.current_regelingen = len(current)
    report.skipped_regelingen = len(files.regelingen) - len(current)
    retrieved_on = {
        rid: datetime.date.fromisoformat(row["retrieved"]) if row["retrieved"].strip() else timezone.localdate()
        for rid, row in files.bodies.items()
    }

    for rid, reg in current.items():
        row = reg.row
        if reg.body_roo_id:
            ours = clean(row["samenwerkingsorgaan_naam"], f"{REGELINGEN} {rid} samenwerkingsorgaan_naam")
            body = files.bodies.get(reg.body_roo_id)
            if body is None:
                report.bodies_from_regeling.append(ours)
                _prefix, code = (
                    _tooi(row["samenwerkingsorgaan_tooi_code"])
                    if row["samenwerkingsorgaan_tooi_code"].strip()
                    else ("", "")
                )
                key = wanted.organisation(
                    name=ours or rid, kind=OrganisationKind.GR_BODY, code=code, roo_id=reg.body_roo_id
                )
            else:
                theirs = clean(body["naam"], f"{BODIES} {reg.body_roo_id} naam")
                if ours.lower() == theirs.lower():
                    # "regio Stedendriehoek" in the regeling, "Regio Stedendriehoek" as the body's own record
                    ours = theirs
                elif ours:
                    # ROO's body file mixes up abbreviations (VRF: Fryslân became Flevoland); the regeling is right
                    report.body_names_differ.append((reg.body_roo_id, theirs, ours))
                valid_until = body["valid_until"].strip()
                ended = bool(valid_until) and datetime.date.fromisoformat(valid_until) < retrieved_on[reg.body_roo_id]
                if ended:
                    report.ended_bodies.append(ours or theirs)
                _prefix, code = _tooi(body["tooi_code"]) if body["tooi_code"].strip() else ("", "")
                key = wanted.organisation(
                    name=ours or theirs,
                    kind=OrganisationKind.GR_BODY,
                    code=code,
                    roo_id=reg.body_roo_id,
                    oin=body["oin"].strip(),
                    kvk=body["kvk"].strip()[:8],
                    website=_website(body["website"], report),
                    exists=not ended,
                )
            wanted.bodies[rid] = key
        name = clean(row["naam"], f"{REGELINGEN} {rid} naam")
        wanted.collaborations[rid] = {
            "name": name,
            "short_name": clean(row["citeertitel"], f"{REGELINGEN} {rid} citeertitel"),
            "kind": CollaborationKind.GR,
            "legal_form": reg.legal_form,
            "purpose": clean(row["doel"], f"{REGELINGEN} {rid} doel"),
            "start_date": reg.start_date,
            "end_date": reg.end_date,
            "roo_id": rid,
            "cvdr_ids": list(dict.fromkeys(_split(row["cvdr_ids"]))),
            "legal_bases": "; ".join(
                _split(clean(row["wettelijke_grondslagen"], f"{REGELINGEN} {rid} wettelijke_grondslagen"))
            )[:500],
            "register_url": row["roo_url"].strip()[:500],
        }
        # "natuur en milieu | afval;bodem": fields are separated by ";", "main | sub" names a subfield;
        # both the main field and the subfield become policy fields, so a search on either finds it.
        names: list[str] = []
        for entry in _split(clean(row["beleidsterreinen"], f"{REGELINGEN} {rid} beleidsterreinen")):
            names += [part.strip()[:200] for part in entry.split("|") if part.strip()]
        wanted.policy_fields[rid] = list(dict.fromkeys(names))
        form_quotes = len(QUOTES.findall(row["samenwerkingsvorm"]))
        report.legal_form_quotes += form_quotes
        if INVISIBLE.search(row["samenwerkingsvorm"]):
            clean(row["samenwerkingsvorm"], f"{REGELINGEN} {rid} samenwerkingsvorm")
    used_bodies = {reg.body_roo_id for reg in current.values() if reg.body_roo_id}
    report.unused_bodies = len(set(files.bodies) - used_bodies)

    for _line, row in files.cvdr_targets:
        rid = row["roo_id"].strip()
        if rid not in wanted.collaborations:
            report.cvdr_rows_skipped += 1
            continue
        ids = wanted.collaborations[rid]["cvdr_ids"]
        for cvdr in _split(row["cvdr_ids"]):
            if cvdr not in ids:
                ids.append(cvdr)
                report.cvdr_ids_added += 1

    _build_partners(files, wanted, report, clean, existing_gm, without_roo)
    _find_duplicate_bodies(files, wanted, report)
    return wanted


def _build_partners(
    files: Files,
    wanted: Wanted,
    report: ImportReport,
    clean: Cleaner,
    existing_gm: dict[str, Row],
    without_roo: set[str],
) -> None:
    rows_by_kind: Counter[str] = Counter()
    orgs_by_kind: dict[str, set[str]] = defaultdict(set)
    former_municipalities: set[str] = set()
    without_tooi: dict[str, str] = {}
    former_other: dict[str, str] = {}
    for part in files.participants:
        if part.regeling_roo_id not in wanted.collaborations:
            report.skipped_participant_rows += 1
            continue
        row = part.row
        report.participant_rows += 1
        name = clean(row["deelnemer_naam"], f"{PARTICIPANTS} regel {part.line} deelnemer_naam")
        tooi = row["deelnemer_tooi_code"].strip()
        prefix, code = _tooi(tooi) if tooi else ("", "")
        kind: str = TOOI_KINDS.get(prefix) or SOORT_KINDS.get(row["deelnemer_soort"].strip().lower()) or ""
        exists = True
        if not kind and part.roo_id in FORMER_DUTCH:
            kind, exists = FORMER_DUTCH[part.roo_id], False
            former_other[part.roo_id] = name
        if not kind:
            kind = OrganisationKind.OTHER
            without_tooi[part.roo_id] = name
        if kind == OrganisationKind.MUNICIPALITY:
            if code in existing_gm:
                if code in without_roo and code not in report.filled_roo_ids:
                    report.filled_roo_ids.append(code)
                key = wanted.organisation(code=code, roo_id=part.roo_id, kind=kind, name=name)
            else:
                plain = re.sub(r"^(Gemeente)\s+", "", name)
                merger = files.mergers.get(code)
                key = wanted.organisation(
                    name=plain,
                    kind=kind,
                    code=code,
                    cbs_code=code[2:] if code else "",
                    roo_id=part.roo_id,
                    exists=False,
                    ceased_on=merger.on if merger else None,
                )
                if merger is not None:
                    wanted.successors[key] = merger.successor_code
                elif plain not in report.former_without_successor:
                    report.former_without_successor.append(plain)
                report.former_municipality_rows += 1
                former_municipalities.add(plain)
        elif kind == OrganisationKind.WATER_BOARD and not re.search(
            "waterschap|hoogheemraadschap|wetterskip", name, re.I
        ):
            key = wanted.organisation(
                name=_("Waterschap %(name)s") % {"name": name}, kind=kind, code=code, roo_id=part.roo_id, exists=exists
            )
        elif kind == OrganisationKind.STATE and not name.lower().startswith("ministerie"):
            key = wanted.organisation(
                name=_("Ministerie van %(name)s") % {"name": name}, kind=kind, code=code, roo_id=part.roo_id
            )
        elif kind == OrganisationKind.PROVINCE:
            key = wanted.organisation(code=code, roo_id=part.roo_id, kind=kind, name=name)
        else:
            key = wanted.organisation(name=name, kind=kind, code=code, roo_id=part.roo_id, exists=exists)
        rows_by_kind[kind] += 1
        orgs_by_kind[kind].add(key)
        pair = (part.regeling_roo_id, key)
        values = {"joined_on": part.joined_on, "governing_bodies": "; ".join(_split(row["bestuursorganen"]))[:500]}
        if pair in wanted.partners:
            report.merged_participant_rows += 1
            known = wanted.partners[pair]
            if values["joined_on"] and (not known["joined_on"] or values["joined_on"] < known["joined_on"]):
                known["joined_on"] = values["joined_on"]
            continue
        wanted.partners[pair] = values
    _hand_over_to_successors(wanted, report)
    report.participants_by_kind = {kind: (rows_by_kind[kind], len(orgs_by_kind[kind])) for kind in rows_by_kind}
    report.former_municipalities = sorted(former_municipalities)
    report.without_tooi = sorted(without_tooi.values())
    report.former_other = sorted(former_other.values())
    report.filled_roo_ids = sorted(wanted.organisations[code]["name"] for code in report.filled_roo_ids)


def _hand_over_to_successors(wanted: Wanted, report: ImportReport) -> None:
    """A participant that merged away left on the day of the merger; its successor took its place that day.

    The register still lists such municipalities (Boxmeer in the Euregio Rijn-Waal). Their participation
    is kept as history (left on the merger date, with the reason), and the successor becomes a partner
    from that date unless the register lists it already. See data/README.md.
    """
    for (rid, key), values in list(wanted.partners.items()):
        successor = wanted.successors.get(key)
        if successor is None:
            continue
        former = wanted.organisations[key]
        successor_name = wanted.organisations[successor]["name"]
        values["left_on"] = former["ceased_on"]
        values["left_reason"] = _("Herindeling: opgegaan in %(successor)s") % {"successor": successor_name}
        if (rid, successor) not in wanted.partners:
            wanted.partners[(rid, successor)] = {
                "joined_on": former["ceased_on"],
                "governing_bodies": values["governing_bodies"],
                "joined_reason": _("Herindeling: opvolger van %(former)s") % {"former": former["name"]},
            }
            report.successor_partners += 1


def _find_duplicate_bodies(files: Files, wanted: Wanted, report: ImportReport) -> None:
    """Groups of current regelingen for one body: the same body id, or listed together for one region."""
    parent: dict[str, str] = {}

    def find(rid: str) -> str:
        while parent.setdefault(rid, rid) != rid:
            rid = parent[rid]
        return rid

    by_body: dict[str, list[str]] = defaultdict(list)
    for rid, key in wanted.bodies.items():
        by_body[key].append(rid)
    linked: list[tuple[str, list[str]]] = [
        (wanted.organisations[key]["name"], rids) for key, rids in by_body.items() if len(rids) > 1
    ]
    for _line, row in files.municipalities:
        for column, label in REGION_COLUMNS.items():
            rids = [rid for rid in _split(row[column]) if rid in wanted.collaborations]
            if len(rids) > 1:
                linked.append((label, rids))
    labels: dict[str, str] = {}
    for label, rids in linked:
        for rid in rids:
            labels.setdefault(rid, label)
            parent[find(rid)] = find(rids[0])
    groups: dict[str, list[str]] = defaultdict(list)
    for rid in parent:
        groups[find(rid)].append(rid)
    for rids in sorted(groups.values()):
        if len(rids) > 1:
            rids = sorted(rids)
            report.duplicate_bodies.append(
                (labels[rids[0]], [(rid, wanted.collaborations[rid]["name"]) for rid in rids])
            )
