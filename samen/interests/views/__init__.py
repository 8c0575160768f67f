"""Pages of Ben eerlijk. Views parse input, call one service and render."""

from samen.interests.views.agenda import agenda_markdown, agenda_page, agenda_pdf, agenda_print
from samen.interests.views.ambitions import (
    ambition_create,
    ambition_detail,
    ambition_edit,
    ambition_remove,
    ambitions,
    matrix_csv,
    pledge_edit,
)
from samen.interests.views.rounds import (
    analysis,
    catalogue,
    decision,
    declaration,
    declaration_reopen,
    declaration_share,
    pairs,
    round_close,
    round_detail,
    round_open,
    rounds,
)

__all__ = [
    "agenda_markdown",
    "agenda_page",
    "agenda_pdf",
    "agenda_print",
    "ambition_create",
    "ambition_detail",
    "ambition_edit",
    "ambition_remove",
    "ambitions",
    "analysis",
    "catalogue",
    "decision",
    "declaration",
    "declaration_reopen",
    "declaration_share",
    "matrix_csv",
    "pairs",
    "pledge_edit",
    "round_close",
    "round_detail",
    "round_open",
    "rounds",
]
