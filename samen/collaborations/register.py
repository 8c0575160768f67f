"""The national register of gemeenschappelijke regelingen (ROO) as organisations, collaborations and partners.

``import_register`` reads the CSV files in ``data/`` (see data/README.md), checks every row before it
touches the database, and then writes in one transaction only what differs from what is already
there. A second run therefore changes nothing and says so. Organisations are keyed by their code
(GM0363, PV26, WS0655, SO0588) and otherwise by their ROO id; collaborations by the ROO id of the
regeling; partners by (collaboration, organisation).

The register has quirks the import cleans and reports rather than hides: invisible characters, stray
quotes in legal forms, several current regelingen for one body, participants that no longer exist,
foreign participants without a TOOI code, and GR bodies whose name differs between two ROO files.
"""

import csv
import datetime
import io
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import structlog
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samen.audit.services import record
from samen.collaborations.models import (
    Collaboration,
    CollaborationKind,
    LegalForm,
    Organisation,
    OrganisationKind,
    Partner,
    PolicyField,
)

log = structlog.get_logger("samen.register")

MUNICIPALITIES = "gemeenten_2025.csv"
REGELINGEN = "roo/gr_regelingen.csv"
PARTICIPANTS = "roo/gr_deelnemers.csv"
BODIES = "roo/gr_samenwerkingsorganen.csv"
CVDR_TARGETS = "roo/cvdr_targets_actuele_grs.csv"


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


COLUMNS: dict[str, tuple[str, ...]] = {
    MUNICIPALITIES: _words(
        "gm_code cbs_gemeentecode naam provincie_code provincie_naam roo_id oin kvk aantal_inwoners_roo website "
        "veiligheidsregio_gr_roo_id ggd_gr_roo_id omgevingsdienst_gr_roo_id"
    ),
    REGELINGEN: _words(
        "roo_id naam citeertitel samenwerkingsvorm doel samenwerkingsorgaan_naam samenwerkingsorgaan_roo_id "
        "samenwerkingsorgaan_tooi_code datum_inwerkingtreding datum_uitwerkingtreding actueel cvdr_ids "
        "wettelijke_grondslagen beleidsterreinen roo_url"
    ),
    PARTICIPANTS: _words(
        "regeling_roo_id deelnemer_naam deelnemer_roo_id deelnemer_tooi_code deelnemer_soort toetredings_datum "
        "bestuursorganen"
    ),
    BODIES: _words("roo_id naam tooi_code oin kvk valid_until website retrieved"),
    CVDR_TARGETS: ("roo_id", "cvdr_ids"),
}

# The steps ``progress`` is called with, in order; the command sizes its progress bar on them.
STEPS = (*COLUMNS, "controleren", "organisaties", "beleidsterreinen", "samenwerkingen", "partners", "auditlog")

# Zero-width space, non-joiner, joiner, direction marks, word joiner, byte-order mark and soft hyphen:
# invisible on screen, but they break search ("VRBZO" would not find "​​VRBZO").
INVISIBLE = re.compile("[\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad]")
QUOTES = re.compile("[\"'`\u2018\u2019\u201a\u201c\u201d\u201e]")
ROO_ID = re.compile(r"^\d{1,12}$")
GM_CODE = re.compile(r"^GM\d{4}$")
PROVINCE_CODE = re.compile(r"^PV\d{2}$")
URL_MAX = 200

LEGAL_FORMS = {
    "openbaar lichaam": LegalForm.PUBLIC_BODY,
    "bedrijfsvoeringsorganisatie": LegalForm.OPERATIONS,
    "gemeenschappelijk orgaan": LegalForm.JOINT_BODY,
    "regeling zonder meer": LegalForm.PLAIN,
}
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
    "name kind code cbs_code oin kvk province_code province_name roo_id website population exists"
)
PARTNER_FIELDS = ("joined_on", "governing_bodies")

Row = dict[str, str]
Progress = Callable[[str], None]


class RegisterError(Exception):
    """A register file that cannot be imported; the message is Dutch and names the file and row."""


def _stop(file: str, line: int | None, problem: str) -> RegisterError:
    if line is None:
        message = _("Het register is niet ingelezen: %(file)s: %(problem)s. Er is niets gewijzigd.")
    else:
        message = _("Het register is niet ingelezen: %(file)s, regel %(line)d: %(problem)s. Er is niets gewijzigd.")
    return RegisterError(message % {"file": file, "line": line or 0, "problem": problem})


# --- the report -------------------------------------------------------------------------


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.removed)


def _n(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _some(names: Iterable[str], limit: int = 6) -> str:
    names = sorted(set(names))
    shown = ", ".join(names[:limit])
    return shown + (_(" en %(count)s meer") % {"count": _n(len(names) - limit)} if len(names) > limit else "")


@dataclass
class ImportReport:
    """What the import did, cleaned and skipped, with counts (printed, logged and audited)."""

    data_dir: str = ""
    seconds: float = 0.0
    tallies: dict[str, Tally] = field(default_factory=dict)
    municipalities: int = 0
    current_regelingen: int = 0
    participant_rows: int = 0
    invisible_chars: int = 0
    invisible_fields: list[str] = field(default_factory=list)
    legal_form_quotes: int = 0
    duplicate_bodies: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)
    former_municipality_rows: int = 0
    former_municipalities: list[str] = field(default_factory=list)
    former_other: list[str] = field(default_factory=list)
    participants_by_kind: dict[str, tuple[int, int]] = field(default_factory=dict)
    without_tooi: list[str] = field(default_factory=list)
    filled_roo_ids: list[str] = field(default_factory=list)
    body_names_differ: list[tuple[str, str, str]] = field(default_factory=list)
    bodies_from_regeling: list[str] = field(default_factory=list)
    ended_bodies: list[str] = field(default_factory=list)
    websites_completed: int = 0
    websites_dropped: int = 0
    merged_participant_rows: int = 0
    cvdr_ids_added: int = 0
    cvdr_rows_skipped: int = 0
    skipped_regelingen: int = 0
    skipped_participant_rows: int = 0
    unused_bodies: int = 0
    partners_not_in_register: int = 0
    collaborations_not_current: int = 0

    @property
    def changed(self) -> bool:
        return any(t.changed for t in self.tallies.values())

    def counts(self) -> dict[str, dict[str, int]]:
        return {
            name: {"created": t.created, "updated": t.updated, "unchanged": t.unchanged, "removed": t.removed}
            for name, t in self.tallies.items()
        }

    def as_dict(self) -> dict[str, Any]:
        """The figures for the audit event and the log (no long name lists)."""
        return {
            "counts": self.counts(),
            "municipalities": self.municipalities,
            "current_regelingen": self.current_regelingen,
            "participant_rows": self.participant_rows,
            "invisible_chars_removed": self.invisible_chars,
            "legal_form_quotes_removed": self.legal_form_quotes,
            "duplicate_current_regelingen": [[rid for rid, _name in group] for _label, group in self.duplicate_bodies],
            "former_municipality_rows": self.former_municipality_rows,
            "participants_by_kind": {kind: list(v) for kind, v in self.participants_by_kind.items()},
            "participants_without_tooi_code": len(self.without_tooi),
            "body_names_differ": len(self.body_names_differ),
            "skipped_regelingen": self.skipped_regelingen,
            "skipped_participant_rows": self.skipped_participant_rows,
            "seconds": round(self.seconds, 2),
        }

    def lines(self) -> list[str]:
        """The printed report, in Dutch."""
        out = [
            _(
                "Register ingelezen uit %(dir)s in %(seconds)s s: %(municipalities)s gemeenten, %(regelingen)s actuele "
                "regelingen met %(rows)s deelnemersregels."
            )
            % {
                "dir": self.data_dir,
                "seconds": f"{self.seconds:.1f}".replace(".", ","),
                "municipalities": _n(self.municipalities),
                "regelingen": _n(self.current_regelingen),
                "rows": _n(self.participant_rows),
            },
            "",
            f"{'':<26}{_('nieuw'):>10}{_('bijgewerkt'):>12}{_('ongewijzigd'):>13}{_('verwijderd'):>12}",
        ]
        labels = {
            "organisations": _("organisaties"),
            "policy_fields": _("beleidsterreinen"),
            "collaborations": _("samenwerkingen"),
            "policy_field_links": _("koppelingen beleidsterrein"),
            "partners": _("partners"),
        }
        for key, tally in self.tallies.items():
            out.append(
                f"{labels.get(key, key):<26}{_n(tally.created):>10}{_n(tally.updated):>12}"
                f"{_n(tally.unchanged):>13}{_n(tally.removed):>12}"
            )
        out += ["", _("Opgeschoond en overgeslagen:")]
        out += [f"- {line}" for line in self._cleaning_lines()]
        out.append("")
        out.append(
            _("Niets gewijzigd: de database was al gelijk aan het register.")
            if not self.changed
            else _("Klaar: de wijzigingen staan in de database en in de auditlog.")
        )
        return out

    def _cleaning_lines(self) -> list[str]:
        lines = [
            _(
                "%(chars)s onzichtbare tekens (zero-width, zachte afbreekstreep) verwijderd uit %(fields)s "
                "velden%(where)s."
            )
            % {
                "chars": _n(self.invisible_chars),
                "fields": _n(len(self.invisible_fields)),
                "where": f" ({_some(self.invisible_fields, 4)})" if self.invisible_fields else "",
            },
            _("%(count)s losse aanhalingstekens verwijderd uit rechtsvormen.") % {"count": _n(self.legal_form_quotes)},
        ]
        for label, group in self.duplicate_bodies:
            lines.append(
                _("%(count)s actuele regelingen voor één %(label)s: %(names)s. Alle opgenomen als samenwerking.")
                % {"count": len(group), "label": label, "names": "; ".join(f"{name} ({rid})" for rid, name in group)}
            )
        if not self.duplicate_bodies:
            lines.append(_("Geen orgaan met meer dan één actuele regeling."))
        lines.append(
            _(
                "%(rows)s deelnemersregels van %(count)s opgeheven gemeenten (%(names)s): opgenomen als gemeente die "
                "niet meer bestaat."
            )
            % {
                "rows": _n(self.former_municipality_rows),
                "count": len(self.former_municipalities),
                "names": _some(self.former_municipalities, 10),
            }
        )
        kinds = dict(OrganisationKind.choices)
        parts = [
            _("%(kind)s %(rows)s regels (%(orgs)s organisaties)")
            % {"kind": kinds.get(kind, kind), "rows": _n(rows), "orgs": _n(orgs)}
            for kind, (rows, orgs) in sorted(self.participants_by_kind.items())
            if kind != OrganisationKind.MUNICIPALITY
        ]
        lines.append(_("Niet-gemeentelijke deelnemers: %(parts)s.") % {"parts": "; ".join(parts)})
        lines.append(
            _(
                "%(count)s deelnemers zonder TOOI-code (buitenlandse overheden en andere organisaties, zoals "
                "%(names)s) opgenomen als soort 'overig'."
            )
            % {"count": _n(len(self.without_tooi)), "names": _some(self.without_tooi, 3)}
        )
        if self.former_other:
            lines.append(
                _("Opgeheven organisaties zonder TOOI-code herkend: %(names)s.") % {"names": _some(self.former_other)}
            )
        if self.filled_roo_ids:
            lines.append(
                _("%(count)s gemeenten zonder ROO-id in %(file)s: ROO-id uit %(other)s overgenomen (%(names)s).")
                % {
                    "count": len(self.filled_roo_ids),
                    "file": MUNICIPALITIES,
                    "other": PARTICIPANTS,
                    "names": _some(self.filled_roo_ids, 4),
                }
            )
        if self.body_names_differ:
            lines.append(
                _(
                    "%(count)s GR-organen heten in %(file)s anders dan in de regeling; de naam uit de regeling is "
                    "aangehouden (%(examples)s)."
                )
                % {
                    "count": len(self.body_names_differ),
                    "file": BODIES,
                    "examples": "; ".join(
                        f"{rid}: {theirs} → {ours}" for rid, theirs, ours in self.body_names_differ[:3]
                    ),
                }
            )
        if self.bodies_from_regeling:
            lines.append(
                _("%(count)s GR-organen staan niet in %(file)s: aangemaakt uit de gegevens van hun regeling.")
                % {"count": len(self.bodies_from_regeling), "file": BODIES}
            )
        if self.ended_bodies:
            lines.append(
                _(
                    "%(count)s GR-organen zijn volgens ROO opgeheven terwijl hun regeling nog actueel is (%(names)s): "
                    "opgenomen als organisatie die niet meer bestaat."
                )
                % {"count": len(self.ended_bodies), "names": _some(self.ended_bodies, 3)}
            )
        if self.websites_completed or self.websites_dropped:
            lines.append(
                _(
                    "Websites: %(completed)s aangevuld met https://, %(dropped)s weggelaten (langer dan %(max)s "
                    "tekens, zoals zoekresultaten)."
                )
                % {"completed": self.websites_completed, "dropped": self.websites_dropped, "max": URL_MAX}
            )
        if self.merged_participant_rows:
            lines.append(
                _("%(count)s dubbele deelnemersregels samengevoegd.") % {"count": self.merged_participant_rows}
            )
        if self.cvdr_ids_added or self.cvdr_rows_skipped:
            lines.append(
                _("%(file)s: %(added)s CVDR-ids aangevuld, %(skipped)s regels horen bij geen actuele regeling.")
                % {"file": CVDR_TARGETS, "added": self.cvdr_ids_added, "skipped": self.cvdr_rows_skipped}
            )
        lines.append(
            _(
                "Overgeslagen: %(regelingen)s niet-actuele regelingen (eerdere versies) met %(rows)s deelnemersregels, "
                "en %(bodies)s GR-organen die bij geen actuele regeling horen."
            )
            % {
                "regelingen": _n(self.skipped_regelingen),
                "rows": _n(self.skipped_participant_rows),
                "bodies": _n(self.unused_bodies),
            }
        )
        if self.partners_not_in_register or self.collaborations_not_current:
            lines.append(
                _(
                    "Ongemoeid gelaten: %(collaborations)s samenwerkingen die niet meer actueel in het register "
                    "staan en %(partners)s partners die niet (meer) in het register staan."
                )
                % {"collaborations": self.collaborations_not_current, "partners": self.partners_not_in_register}
            )
        return lines


# --- reading and checking ------------------------------------------------------------------


def read_csv(data_dir: Path, name: str) -> list[tuple[int, Row]]:
    """The rows of one file with the line number each starts on; stops on a missing column or a broken row."""
    path = data_dir / name
    if not path.is_file():
        raise _stop(name, None, _("het bestand ontbreekt in %(dir)s") % {"dir": data_dir})
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _stop(name, raw[: error.start].count(b"\n") + 1, _("dit is geen UTF-8-tekst")) from error
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, Row]] = []
    try:
        header = [column.strip() for column in next(reader, [])]
        if not header:
            raise _stop(name, None, _("het bestand is leeg"))
        for column in COLUMNS[name]:
            if column not in header:
                raise _stop(name, 1, _("de kolom ‘%(column)s’ ontbreekt") % {"column": column})
        line = reader.line_num
        for values in reader:
            start, line = line + 1, reader.line_num
            if not values:
                continue
            if len(values) != len(header):
                raise _stop(
                    name,
                    start,
                    _("deze regel heeft %(found)d velden in plaats van %(expected)d")
                    % {"found": len(values), "expected": len(header)},
                )
            rows.append((start, dict(zip(header, values, strict=True))))
    except csv.Error as error:
        raise _stop(name, reader.line_num, _("de regel is geen geldige CSV (%(error)s)") % {"error": error}) from error
    return rows


def _date(name: str, line: int, row: Row, column: str) -> datetime.date | None:
    value = row[column].strip()
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise _stop(
            name,
            line,
            _("‘%(value)s’ in kolom ‘%(column)s’ is geen datum (verwacht JJJJ-MM-DD)")
            % {"value": value, "column": column},
        ) from None


def _roo_id(name: str, line: int, row: Row, column: str, *, required: bool = True) -> str:
    value = row[column].strip()
    if not value and not required:
        return ""
    if not value:
        raise _stop(name, line, _("kolom ‘%(column)s’ is leeg") % {"column": column})
    if not ROO_ID.match(value):
        raise _stop(
            name, line, _("‘%(value)s’ in kolom ‘%(column)s’ is geen ROO-id") % {"value": value, "column": column}
        )
    return value


def _int(name: str, line: int, row: Row, column: str) -> int | None:
    value = row[column].strip().replace(".", "")
    if not value:
        return None
    if not value.isdigit():
        raise _stop(
            name, line, _("‘%(value)s’ in kolom ‘%(column)s’ is geen getal") % {"value": value, "column": column}
        )
    return int(value)


@dataclass
class Regeling:
    line: int
    row: Row
    current: bool
    start_date: datetime.date | None
    end_date: datetime.date | None
    body_roo_id: str
    legal_form: str


@dataclass
class Participation:
    line: int
    row: Row
    regeling_roo_id: str
    roo_id: str
    joined_on: datetime.date | None


@dataclass
class Files:
    municipalities: list[tuple[int, Row]]
    regelingen: dict[str, Regeling]
    participants: list[Participation]
    bodies: dict[str, Row]
    cvdr_targets: list[tuple[int, Row]]


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


def read_files(data_dir: Path, progress: Progress) -> Files:
    """Read and check all five files completely; nothing is written before this succeeds."""
    loaded: dict[str, list[tuple[int, Row]]] = {}
    for name in COLUMNS:
        loaded[name] = read_csv(data_dir, name)
        progress(name)

    seen_gm: set[str] = set()
    for line, row in loaded[MUNICIPALITIES]:
        code = row["gm_code"].strip().upper()
        if not GM_CODE.match(code):
            raise _stop(MUNICIPALITIES, line, _("‘%(value)s’ is geen GM-code (zoals GM0363)") % {"value": code})
        if code in seen_gm:
            raise _stop(MUNICIPALITIES, line, _("de GM-code %(code)s staat er twee keer in") % {"code": code})
        seen_gm.add(code)
        if not row["naam"].strip():
            raise _stop(MUNICIPALITIES, line, _("kolom ‘naam’ is leeg"))
        if not PROVINCE_CODE.match(row["provincie_code"].strip().upper()):
            raise _stop(
                MUNICIPALITIES,
                line,
                _("‘%(value)s’ is geen provinciecode (zoals PV26)") % {"value": row["provincie_code"]},
            )
        _roo_id(MUNICIPALITIES, line, row, "roo_id", required=False)
        _int(MUNICIPALITIES, line, row, "aantal_inwoners_roo")

    regelingen: dict[str, Regeling] = {}
    for line, row in loaded[REGELINGEN]:
        roo_id = _roo_id(REGELINGEN, line, row, "roo_id")
        if roo_id in regelingen:
            raise _stop(REGELINGEN, line, _("de regeling %(id)s staat er twee keer in") % {"id": roo_id})
        actueel = row["actueel"].strip().lower()
        if actueel not in {"ja", "nee"}:
            raise _stop(REGELINGEN, line, _("kolom ‘actueel’ is ‘%(value)s’; verwacht ja of nee") % {"value": actueel})
        start = _date(REGELINGEN, line, row, "datum_inwerkingtreding")
        end = _date(REGELINGEN, line, row, "datum_uitwerkingtreding")
        body = _roo_id(REGELINGEN, line, row, "samenwerkingsorgaan_roo_id", required=False)
        form = INVISIBLE.sub("", QUOTES.sub("", row["samenwerkingsvorm"])).strip().lower()
        legal_form = LEGAL_FORMS.get(" ".join(form.split()), "")
        if actueel == "ja":
            if not INVISIBLE.sub("", row["naam"]).strip():
                raise _stop(REGELINGEN, line, _("kolom ‘naam’ is leeg"))
            if not legal_form:
                raise _stop(
                    REGELINGEN,
                    line,
                    _("onbekende samenwerkingsvorm ‘%(value)s’ (verwacht: %(known)s)")
                    % {"value": row["samenwerkingsvorm"], "known": ", ".join(LEGAL_FORMS)},
                )
        regelingen[roo_id] = Regeling(line, row, actueel == "ja", start, end, body, legal_form)

    participants: list[Participation] = []
    for line, row in loaded[PARTICIPANTS]:
        regeling = _roo_id(PARTICIPANTS, line, row, "regeling_roo_id")
        if regeling not in regelingen:
            raise _stop(
                PARTICIPANTS,
                line,
                _("de regeling %(id)s staat niet in %(file)s") % {"id": regeling, "file": REGELINGEN},
            )
        roo_id = _roo_id(PARTICIPANTS, line, row, "deelnemer_roo_id")
        if not INVISIBLE.sub("", row["deelnemer_naam"]).strip():
            raise _stop(PARTICIPANTS, line, _("kolom ‘deelnemer_naam’ is leeg"))
        participants.append(
            Participation(line, row, regeling, roo_id, _date(PARTICIPANTS, line, row, "toetredings_datum"))
        )

    bodies: dict[str, Row] = {}
    for line, row in loaded[BODIES]:
        roo_id = _roo_id(BODIES, line, row, "roo_id")
        if roo_id in bodies:
            raise _stop(BODIES, line, _("het orgaan %(id)s staat er twee keer in") % {"id": roo_id})
        _date(BODIES, line, row, "valid_until")
        _date(BODIES, line, row, "retrieved")
        bodies[roo_id] = row

    for line, row in loaded[CVDR_TARGETS]:
        _roo_id(CVDR_TARGETS, line, row, "roo_id")
    progress("controleren")
    return Files(loaded[MUNICIPALITIES], regelingen, participants, bodies, loaded[CVDR_TARGETS])


# --- what the database should hold ----------------------------------------------------------


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

    def organisation(self, **fields: Any) -> str:
        """Add an organisation or fill the empty fields of the same one (same code or ROO id); return its key."""
        values = {name: fields.get(name, "") for name in ORGANISATION_FIELDS}
        values["code"] = values["code"] or None
        values["roo_id"] = values["roo_id"] or None
        values["population"] = values["population"] or None
        values["exists"] = fields.get("exists", True)
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
                key = wanted.organisation(
                    name=plain,
                    kind=kind,
                    code=code,
                    cbs_code=code[2:] if code else "",
                    roo_id=part.roo_id,
                    exists=False,
                )
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
    report.participants_by_kind = {kind: (rows_by_kind[kind], len(orgs_by_kind[kind])) for kind in rows_by_kind}
    report.former_municipalities = sorted(former_municipalities)
    report.without_tooi = sorted(without_tooi.values())
    report.former_other = sorted(former_other.values())
    report.filled_roo_ids = sorted(wanted.organisations[code]["name"] for code in report.filled_roo_ids)


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


# --- writing -------------------------------------------------------------------------------


def _differs(obj: Any, values: dict[str, Any]) -> list[str]:
    return [name for name, value in values.items() if getattr(obj, name) != value]


def _sync_organisations(wanted: Wanted, tally: Tally) -> dict[str, Organisation]:
    existing = list(Organisation.objects.all())
    by_code = {o.code: o for o in existing if o.code}
    by_roo = {o.roo_id: o for o in existing if o.roo_id}
    result: dict[str, Organisation] = {}
    create: list[Organisation] = []
    update: list[Organisation] = []
    fields: set[str] = set()
    for key, values in wanted.organisations.items():
        obj = (by_code.get(values["code"]) if values["code"] else None) or (
            by_roo.get(values["roo_id"]) if values["roo_id"] else None
        )
        if obj is None:
            obj = Organisation(**values)
            create.append(obj)
        elif changed := _differs(obj, values):
            for name in changed:
                setattr(obj, name, values[name])
            fields.update(changed)
            update.append(obj)
        else:
            tally.unchanged += 1
        result[key] = obj
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
) -> dict[str, Collaboration]:
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
    return result


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


def _sync_partners(
    wanted: Wanted,
    organisations: dict[str, Organisation],
    collaborations: dict[str, Collaboration],
    tally: Tally,
    report: ImportReport,
) -> None:
    ids = [c.pk for c in collaborations.values()]
    existing: dict[tuple[Any, Any], Partner] = {}
    for start in range(0, len(ids), 500):
        for partner in Partner.objects.filter(collaboration_id__in=ids[start : start + 500]).only(
            "id", "collaboration_id", "organisation_id", *PARTNER_FIELDS
        ):
            existing[(partner.collaboration_id, partner.organisation_id)] = partner
    create: list[Partner] = []
    update: list[Partner] = []
    fields: set[str] = set()
    seen: set[tuple[Any, Any]] = set()
    for (rid, key), values in wanted.partners.items():
        pair = (collaborations[rid].pk, organisations[key].pk)
        seen.add(pair)
        obj = existing.get(pair)
        if obj is None:
            create.append(Partner(collaboration=collaborations[rid], organisation=organisations[key], **values))
        elif changed := _differs(obj, values):
            for name in changed:
                setattr(obj, name, values[name])
            fields.update(changed)
            update.append(obj)
        else:
            tally.unchanged += 1
    Partner.objects.bulk_create(create, batch_size=500)
    if update:
        Partner.objects.bulk_update(update, sorted(fields), batch_size=200)
    tally.created, tally.updated = len(create), len(update)
    report.partners_not_in_register = len(set(existing) - seen)


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
        collaborations = _sync_collaborations(wanted, organisations, report.tallies["collaborations"], report)
        _sync_policy_field_links(wanted, collaborations, policy_fields, report.tallies["policy_field_links"])
        step("samenwerkingen")
        _sync_partners(wanted, organisations, collaborations, report.tallies["partners"], report)
        step("partners")
        report.seconds = time.perf_counter() - started
        if report.changed:
            record(None, "register.imported", None, after=report.as_dict())
        step("auditlog")
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
