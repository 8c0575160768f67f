"""What other apps may ask about partners without reading the partner model's fields themselves."""

import datetime

from django.db.models import Q


def current_partner(prefix: str, today: datetime.date) -> Q:
    """Rows of partners that have not left (``prefix`` leads to the partner, for example ``"partner__"``)."""
    return Q(**{f"{prefix}left_on__isnull": True}) | Q(**{f"{prefix}left_on__gt": today})
