"""Every state change of ambitions, pledges and the honesty round, one function per action.

Each checks its rule in ``samen.permissions``, raises ``ValidationError`` with a Dutch message
(keyed by form field where there is one) before anything is written, writes in one transaction
and records its audit event.
"""

from samen.interests.services.ambitions import create_ambition, pledge, remove_ambition, update_ambition
from samen.interests.services.catalogue import add_motive, add_tension
from samen.interests.services.common import ANY
from samen.interests.services.declarations import (
    InterestInput,
    RedLineInput,
    record_go_decision,
    reopen_declaration,
    save_declaration,
    share_declaration,
)
from samen.interests.services.rounds import close_round, open_round

__all__ = [
    "ANY",
    "InterestInput",
    "RedLineInput",
    "add_motive",
    "add_tension",
    "close_round",
    "create_ambition",
    "open_round",
    "pledge",
    "record_go_decision",
    "remove_ambition",
    "reopen_declaration",
    "save_declaration",
    "share_declaration",
    "update_ambition",
]
