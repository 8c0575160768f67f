"""Every threshold of ambitions, pledges and the honesty round, in one place.

The matrix and the analysis read these; change a rule here and every page,
export and test follows.
"""

from decimal import Decimal

SCALE_MIN = 1
SCALE_MAX = 5

# An urgency gap: one partner says "hardly urgent" while another says "very urgent".
URGENCY_HIGH = 4
URGENCY_LOW = 2

# One fte is 36 hours a week in Dutch municipalities (CAO Gemeenten): 36 × 52 / 12 = 156 hours a month.
HOURS_PER_FTE_MONTH = Decimal(156)

# Pledged versus needed: from this share of the need a pledge counts as enough / as a worry.
PLEDGE_ENOUGH = Decimal("1.0")
PLEDGE_WORRY = Decimal("0.5")

# Held by everyone, yet one weighs it at least this much more than another: a difference worth discussing.
WEIGHT_GAP = 3

# A difference goes on the conversation agenda when someone weighs the motive at least this much.
AGENDA_MIN_WEIGHT = 3

# Pairwise compatibility (0–100): overlap of weighted interests minus penalties.
TENSION_PENALTY = 0.2  # per tension, scaled by weight × weight / 25
COLLISION_PENALTY = 0.3  # per red line hitting the other's interest, scaled by that interest's weight / 5
COMPATIBLE_GOOD = 60
COMPATIBLE_WORRY = 35

# Explanations quoted in findings are cut to this many characters.
QUOTE_LENGTH = 140

# A finding quotes at most this many declarations (heaviest first), then says how many more there are.
EVIDENCE_MAX = 4

# The analysis page explains this many least compatible pairs; the pairs page lists them all.
PAIRS_SHOWN = 15
