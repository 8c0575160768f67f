"""The national register of gemeenschappelijke regelingen (ROO) as organisations, collaborations and partners.

``import_register`` reads the CSV files in ``data/`` (see data/README.md), checks every row before it
touches the database, and then writes in one transaction only what differs from what is already
there. A second run therefore changes nothing and says so. Organisations are keyed by their code
(GM0363, PV26, WS0655, SO0588) and otherwise by their ROO id; collaborations by the ROO id of the
regeling; partners by (collaboration, organisation).

The register has quirks the import cleans and reports rather than hides: invisible characters, stray
quotes in legal forms, several current regelingen for one body, participants that no longer exist,
foreign participants without a TOOI code, and GR bodies whose name differs between two ROO files.

Modules: ``files`` reads and checks, ``build`` says what the database should hold, ``sync`` and
``partners`` write it (partner changes of regelingen Samen already holds go through
``partner_joins`` / ``partner_leaves``), ``report`` tells what happened. Merged municipalities come
from ``data/gemeentelijke_herindelingen.csv``: they leave on the merger date and their successor joins.
"""

from samen.collaborations.register.files import (
    BODIES,
    COLUMNS,
    CVDR_TARGETS,
    MERGERS,
    MUNICIPALITIES,
    PARTICIPANTS,
    REGELINGEN,
    STEPS,
    RegisterError,
)
from samen.collaborations.register.report import ImportReport
from samen.collaborations.register.sync import import_register

__all__ = [
    "BODIES",
    "COLUMNS",
    "CVDR_TARGETS",
    "MERGERS",
    "MUNICIPALITIES",
    "PARTICIPANTS",
    "REGELINGEN",
    "STEPS",
    "ImportReport",
    "RegisterError",
    "import_register",
]
