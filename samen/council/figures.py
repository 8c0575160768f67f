"""Key financial figures per regeling and year: entered in a form or imported from CSV/XLSX.

The import layout (docs/council-figures.md) is long: one row per figure, so a sheet with many years
and partners stays readable. The import checks every row first and writes nothing if one is wrong.
"""

import csv
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samen import permissions
from samen.audit.services import record
from samen.collaborations.models import Collaboration, Partner
from samen.core.numbers import parse_dutch_decimal
from samen.core.services import require
from samen.council.models import Basis, Contribution, KeyFigures
from samen.settings import DATA_DIR

if TYPE_CHECKING:
    from samen.accounts.models import Person

COLUMNS = ["jaar", "bron", "kengetal", "deelnemer", "waarde", "iv3"]
FIGURE_FIELDS = {
    "eigen_vermogen_begin": "equity_start",
    "eigen_vermogen_eind": "equity_end",
    "vreemd_vermogen_begin": "debt_start",
    "vreemd_vermogen_eind": "debt_end",
    "resultaat": "result",
    "reserves": "reserves",
    "risicos": "risks",
}
PARTNER_FIELDS = {"bijdrage": "amount", "aandeel": "share", "stemmen": "votes"}
AMOUNT_FIELDS = ("equity_start", "equity_end", "debt_start", "debt_end", "result", "reserves")
MAX_ROWS = 5000
MAX_AMOUNT = Decimal("1e12")


@cache
def iv3_codes() -> frozenset[str]:
    """Balance sheet and kengetal codes of the Iv3 information model for GRs (data/iv3/)."""
    with open(DATA_DIR / "iv3" / "iv3_codelijsten_GR_2025.csv", encoding="utf-8") as handle:
        return frozenset(
            row["code"]
            for row in csv.DictReader(handle)
            if row["codelijst"] in {"balanscode", "kengetallen", "taakveld"}
        )


@dataclass
class YearFigures:
    values: dict[str, Any] = field(default_factory=dict)
    partners: dict[Any, dict[str, Any]] = field(default_factory=dict)


def _amount(value: Any) -> Decimal:
    number = parse_dutch_decimal(value).quantize(Decimal("0.01"))
    if abs(number) >= MAX_AMOUNT:
        raise ValueError(value)
    return number


def save_key_figures(
    *,
    collaboration: Collaboration,
    by: "Person",
    year: int,
    basis: str,
    values: dict[str, Any],
    partners: dict[Partner, dict[str, Any]] | None = None,
) -> KeyFigures:
    """Write one year's figures (an empty value is missing, not zero) and the partners' contributions."""
    require(permissions.can_keep_cycle(by, collaboration), str(permissions.KEEP_FIGURES_REFUSED))
    if basis not in Basis.values:
        raise ValidationError({"basis": _("Kies begroting of jaarrekening.")})
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Kies een jaar tussen 2000 en 2100.")})
    unknown = set(values) - set(AMOUNT_FIELDS) - {"risks"}
    if unknown:
        raise ValidationError(_("Onbekende kengetallen: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    partners = partners or {}
    for partner in partners:
        if partner.collaboration_id != collaboration.pk:
            raise ValidationError({"partners": _("Deze deelnemer hoort niet bij deze samenwerking.")})
    with transaction.atomic():
        figures, created = KeyFigures.objects.get_or_create(
            collaboration=collaboration, year=year, basis=basis, defaults={"updated_by": by}
        )
        before = {name: getattr(figures, name) for name in values}
        for name, value in values.items():
            setattr(figures, name, value if name != "risks" else (value or "").strip())
        figures.updated_by = by
        figures.updated_at = timezone.now()
        figures.save()
        for partner, part in partners.items():
            Contribution.objects.update_or_create(figures=figures, partner=partner, defaults=part)
        record(
            by,
            "council.figures_saved",
            figures,
            before={} if created else before,
            after={**values, "partners": {str(p.pk): part for p, part in partners.items()}},
        )
    return figures


def _find_partner(text: str, partners: list[Partner]) -> Partner | None:
    wanted = text.strip().lower().removeprefix("gemeente ").strip()
    for partner in partners:
        organisation = partner.organisation
        names = {str(organisation.name).lower(), str(organisation.code or "").lower()}
        names.add(str(organisation.name).lower().removeprefix("gemeente "))
        if wanted in names:
            return partner
    return None


def read_rows(content: bytes, file_name: str) -> list[dict[str, str]]:
    """The rows of a CSV (comma or semicolon) or XLSX file, with lower-case headers."""
    try:
        if file_name.lower().endswith(".xlsx"):
            data = tablib.Dataset().load(content, format="xlsx")
        else:
            text = content.decode("utf-8-sig")
            delimiter = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
            data = tablib.Dataset().load(text, format="csv", delimiter=delimiter)
    except (UnicodeDecodeError, ValueError, KeyError, tablib.InvalidDimensions, tablib.UnsupportedFormat) as exc:
        raise ValidationError(_("Dit bestand kan Samen niet lezen. Gebruik CSV (UTF-8) of XLSX.")) from exc
    except Exception as exc:  # openpyxl raises its own errors for damaged files
        raise ValidationError(_("Dit bestand kan Samen niet lezen. Gebruik CSV (UTF-8) of XLSX.")) from exc
    headers = [str(h or "").strip().lower() for h in (data.headers or [])]
    missing = [c for c in COLUMNS if c not in headers and c != "iv3"]
    if missing:
        raise ValidationError(
            _("Kolommen ontbreken: %(missing)s. Verwacht: %(columns)s.")
            % {"missing": ", ".join(missing), "columns": ", ".join(COLUMNS)}
        )
    if len(data) > MAX_ROWS:
        raise ValidationError(_("Hoogstens %(max)s regels per bestand.") % {"max": MAX_ROWS})
    return [{h: str(v if v is not None else "").strip() for h, v in zip(headers, row, strict=False)} for row in data]


def import_key_figures(*, collaboration: Collaboration, by: "Person", content: bytes, file_name: str) -> int:
    """Import a sheet in the documented layout; every row is checked first and nothing is written if one fails."""
    require(permissions.can_keep_cycle(by, collaboration), str(permissions.KEEP_FIGURES_REFUSED))
    rows = read_rows(content, file_name)
    partners = list(collaboration.current_partners())
    wanted: dict[tuple[int, str], YearFigures] = {}
    problems: list[str] = []
    for line, row in enumerate(rows, start=2):
        try:
            year = int(row["jaar"])
            if not 2000 <= year <= 2100:
                raise ValueError
        except ValueError:
            problems.append(
                _("Regel %(line)s: het jaar ‘%(value)s’ is geen jaartal.") % {"line": line, "value": row["jaar"]}
            )
            continue
        basis = row["bron"].lower()
        if basis not in Basis.values:
            problems.append(_("Regel %(line)s: bron moet begroting of jaarrekening zijn.") % {"line": line})
            continue
        figure = row["kengetal"].lower()
        code = row.get("iv3", "")
        if code and code not in iv3_codes():
            problems.append(_("Regel %(line)s: ‘%(code)s’ is geen Iv3-code.") % {"line": line, "code": code})
            continue
        target = wanted.setdefault((year, basis), YearFigures())
        value = row["waarde"]
        try:
            if figure in FIGURE_FIELDS:
                name = FIGURE_FIELDS[figure]
                target.values[name] = value if name == "risks" else (_amount(value) if value else None)
            elif figure in PARTNER_FIELDS:
                partner = _find_partner(row["deelnemer"], partners)
                if partner is None:
                    problems.append(
                        _("Regel %(line)s: ‘%(name)s’ is geen deelnemer van deze samenwerking.")
                        % {"line": line, "name": row["deelnemer"]}
                    )
                    continue
                name = PARTNER_FIELDS[figure]
                number: Any = None
                if value:
                    number = int(value) if name == "votes" else _amount(value)
                    if name == "share" and not 0 <= number <= 100:
                        raise ValueError(value)
                target.partners.setdefault(partner, {})[name] = number
            else:
                problems.append(
                    _("Regel %(line)s: onbekend kengetal ‘%(name)s’. Toegestaan: %(names)s.")
                    % {"line": line, "name": figure, "names": ", ".join([*FIGURE_FIELDS, *PARTNER_FIELDS])}
                )
        except (ValueError, ArithmeticError):
            problems.append(_("Regel %(line)s: ‘%(value)s’ is geen geldig getal.") % {"line": line, "value": value})
    if problems:
        raise ValidationError(problems[:20])
    if not wanted:
        raise ValidationError(_("Het bestand bevat geen kengetallen."))
    with transaction.atomic():
        for (year, basis), figures in sorted(wanted.items()):
            save_key_figures(
                collaboration=collaboration,
                by=by,
                year=year,
                basis=basis,
                values=figures.values,
                partners=figures.partners,
            )
        record(by, "council.figures_imported", collaboration, after={"file": file_name[:100], "rows": len(rows)})
    return len(rows)
