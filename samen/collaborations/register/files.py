"""Reading and checking the five register files: nothing is written before every row passed."""

import csv
import datetime
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from samen.collaborations.models import LegalForm

MUNICIPALITIES = "gemeenten_2025.csv"
REGELINGEN = "roo/gr_regelingen.csv"
PARTICIPANTS = "roo/gr_deelnemers.csv"
BODIES = "roo/gr_samenwerkingsorganen.csv"
CVDR_TARGETS = "roo/cvdr_targets_actuele_grs.csv"
MERGERS = "gemeentelijke_herindelingen.csv"


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
    MERGERS: _words("gm_code naam opgegaan_in_gm_code opgegaan_in_naam datum bron"),
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
class Merger:
    """A municipality that ceased to exist on ``on`` and went up in ``successor_code`` (CBS indelingswijzigingen)."""

    code: str
    name: str
    successor_code: str
    successor_name: str
    on: datetime.date


@dataclass
class Files:
    municipalities: list[tuple[int, Row]]
    regelingen: dict[str, Regeling]
    participants: list[Participation]
    bodies: dict[str, Row]
    cvdr_targets: list[tuple[int, Row]]
    mergers: dict[str, Merger]


def read_files(data_dir: Path, progress: Progress) -> Files:
    """Read and check all five files completely; nothing is written before this succeeds."""
    loaded: dict[str, list[tuple[int, Row]]] = {}
    for name in COLUMNS:
        loaded[name] = read_csv(data_dir, name)
        progress(name)

    seen_gm = _check_municipalities(loaded[MUNICIPALITIES])
    regelingen = _read_regelingen(loaded[REGELINGEN])
    participants = _read_participants(loaded[PARTICIPANTS], regelingen)
    bodies = _read_bodies(loaded[BODIES])
    for line, row in loaded[CVDR_TARGETS]:
        _roo_id(CVDR_TARGETS, line, row, "roo_id")
    mergers = _read_mergers(loaded[MERGERS], seen_gm)
    progress("controleren")
    return Files(loaded[MUNICIPALITIES], regelingen, participants, bodies, loaded[CVDR_TARGETS], mergers)


def _check_municipalities(rows: list[tuple[int, Row]]) -> set[str]:
    """The GM-codes of the municipalities file, each checked."""
    seen_gm: set[str] = set()
    for line, row in rows:
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
    return seen_gm


def _read_regelingen(rows: list[tuple[int, Row]]) -> dict[str, Regeling]:
    """The regelingen by ROO-id; a current one needs a name and a known legal form."""
    regelingen: dict[str, Regeling] = {}
    for line, row in rows:
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
    return regelingen


def _read_participants(rows: list[tuple[int, Row]], regelingen: dict[str, Regeling]) -> list[Participation]:
    """The participations, each in a known regeling."""
    participants: list[Participation] = []
    for line, row in rows:
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
    return participants


def _read_bodies(rows: list[tuple[int, Row]]) -> dict[str, Row]:
    """The governing bodies by ROO-id."""
    bodies: dict[str, Row] = {}
    for line, row in rows:
        roo_id = _roo_id(BODIES, line, row, "roo_id")
        if roo_id in bodies:
            raise _stop(BODIES, line, _("het orgaan %(id)s staat er twee keer in") % {"id": roo_id})
        _date(BODIES, line, row, "valid_until")
        _date(BODIES, line, row, "retrieved")
        bodies[roo_id] = row
    return bodies


def _read_mergers(rows: list[tuple[int, Row]], current_gm: set[str]) -> dict[str, Merger]:
    """The merger table: a former municipality (not current) and its successor (current), with the date."""
    mergers: dict[str, Merger] = {}
    for line, row in rows:
        code, successor = row["gm_code"].strip().upper(), row["opgegaan_in_gm_code"].strip().upper()
        for value in (code, successor):
            if not GM_CODE.match(value):
                raise _stop(MERGERS, line, _("‘%(value)s’ is geen GM-code (zoals GM0363)") % {"value": value})
        if code in current_gm:
            raise _stop(
                MERGERS,
                line,
                _("%(code)s staat in %(file)s als bestaande gemeente") % {"code": code, "file": MUNICIPALITIES},
            )
        if successor not in current_gm:
            raise _stop(
                MERGERS,
                line,
                _("opvolger %(code)s staat niet in %(file)s") % {"code": successor, "file": MUNICIPALITIES},
            )
        if code in mergers:
            raise _stop(MERGERS, line, _("de GM-code %(code)s staat er twee keer in") % {"code": code})
        on = _date(MERGERS, line, row, "datum")
        if on is None:
            raise _stop(MERGERS, line, _("kolom ‘datum’ is leeg"))
        mergers[code] = Merger(code, row["naam"].strip(), successor, row["opgegaan_in_naam"].strip(), on)
    return mergers
