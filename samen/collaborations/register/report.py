"""What the import did, cleaned and skipped: printed, logged and audited."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from samen.collaborations.models import OrganisationKind
from samen.collaborations.register.files import (
    BODIES,
    CVDR_TARGETS,
    MERGERS,
    MUNICIPALITIES,
    PARTICIPANTS,
    URL_MAX,
)
from samen.core import formatting


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.removed)


def _some(names: Iterable[str], limit: int = 6) -> str:
    names = sorted(set(names))
    shown = ", ".join(names[:limit])
    return shown + (
        _(" en %(count)s meer") % {"count": formatting.number(len(names) - limit)} if len(names) > limit else ""
    )


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
    successor_partners: int = 0
    former_without_successor: list[str] = field(default_factory=list)
    partners_joined: list[str] = field(default_factory=list)
    partners_left: list[str] = field(default_factory=list)
    partner_changes_refused: list[str] = field(default_factory=list)
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
            "successor_partners": self.successor_partners,
            "partners_joined": len(self.partners_joined),
            "partners_left": len(self.partners_left),
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
                "seconds": formatting.number(self.seconds, 1),
                "municipalities": formatting.number(self.municipalities),
                "regelingen": formatting.number(self.current_regelingen),
                "rows": formatting.number(self.participant_rows),
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
                f"{labels.get(key, key):<26}{formatting.number(tally.created):>10}"
                f"{formatting.number(tally.updated):>12}{formatting.number(tally.unchanged):>13}"
                f"{formatting.number(tally.removed):>12}"
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
                "chars": formatting.number(self.invisible_chars),
                "fields": formatting.number(len(self.invisible_fields)),
                "where": f" ({_some(self.invisible_fields, 4)})" if self.invisible_fields else "",
            },
            _("%(count)s losse aanhalingstekens verwijderd uit rechtsvormen.")
            % {"count": formatting.number(self.legal_form_quotes)},
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
                "niet meer bestaat, uitgetreden op de dag van de herindeling (%(file)s); %(successors)s keer is de "
                "opvolger daarmee deelnemer geworden."
            )
            % {
                "rows": formatting.number(self.former_municipality_rows),
                "count": len(self.former_municipalities),
                "names": _some(self.former_municipalities, 10),
                "file": MERGERS,
                "successors": formatting.number(self.successor_partners),
            }
        )
        if self.former_without_successor:
            lines.append(
                _(
                    "Opgeheven gemeenten die niet in %(file)s staan, en dus nog als deelnemer tellen: %(names)s. "
                    "Voeg hun herindeling toe (bron: CBS) en lees opnieuw in."
                )
                % {"file": MERGERS, "names": _some(self.former_without_successor)}
            )
        if self.partners_joined or self.partners_left:
            lines.append(
                _("Partners toegetreden: %(joined)s; uitgetreden: %(left)s (elk in de auditlog van de samenwerking).")
                % {
                    "joined": _some(self.partners_joined, 4) or "0",
                    "left": _some(self.partners_left, 4) or "0",
                }
            )
        for refused in self.partner_changes_refused:
            lines.append(_("Niet verwerkt: %(change)s") % {"change": refused})
        kinds = dict(OrganisationKind.choices)
        parts = [
            _("%(kind)s %(rows)s regels (%(orgs)s organisaties)")
            % {"kind": kinds.get(kind, kind), "rows": formatting.number(rows), "orgs": formatting.number(orgs)}
            for kind, (rows, orgs) in sorted(self.participants_by_kind.items())
            if kind != OrganisationKind.MUNICIPALITY
        ]
        lines.append(_("Niet-gemeentelijke deelnemers: %(parts)s.") % {"parts": "; ".join(parts)})
        lines.append(
            _(
                "%(count)s deelnemers zonder TOOI-code (buitenlandse overheden en andere organisaties, zoals "
                "%(names)s) opgenomen als soort 'overig'."
            )
            % {"count": formatting.number(len(self.without_tooi)), "names": _some(self.without_tooi, 3)}
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
                "regelingen": formatting.number(self.skipped_regelingen),
                "rows": formatting.number(self.skipped_participant_rows),
                "bodies": formatting.number(self.unused_bodies),
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
