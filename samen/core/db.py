"""Small query helpers every area's facts use: ids as text, and the latest moment per partner."""

import datetime
from collections.abc import Iterable
from typing import Any
from uuid import UUID

from django.db import connection
from django.db.models import CharField, ExpressionWrapper, F, Max, QuerySet, Value
from django.db.models.functions import Cast, Replace


def hex_id(field_name: str) -> Any:
    """An id column as 32 hex digits: grouped rows come back without building a UUID for every row.

    SQLite stores a UUID as exactly that text already; PostgreSQL's uuid type is cast and its dashes removed.
    """
    if connection.vendor == "sqlite":
        return ExpressionWrapper(F(field_name), output_field=CharField())
    return Replace(Cast(field_name, output_field=CharField()), Value("-"), Value(""))


def by_hex(ids: Iterable[UUID]) -> dict[str, UUID]:
    """The ids by their text form, to read ``hex_id`` columns back."""
    return {i.hex: i for i in ids}


def activity(queryset: QuerySet[Any], partner_field: str, time_field: str) -> QuerySet[Any, dict[str, Any]]:
    """The latest ``time_field`` per partner of ``queryset``, as rows of ``p`` and ``last``."""
    rows: QuerySet[Any, dict[str, Any]] = queryset.order_by().values(p=F(partner_field)).annotate(last=Max(time_field))
    return rows.values("p", "last")


def latest_per_partner(querysets: Iterable[QuerySet[Any, dict[str, Any]]]) -> dict[UUID, datetime.datetime]:
    """The latest moment per partner over several ``activity`` querysets (one query for all)."""
    querysets = list(querysets)
    if not querysets:
        return {}
    first, *rest = querysets
    combined = first.union(*rest, all=True) if rest else first
    found: dict[UUID, datetime.datetime] = {}
    for row in combined.order_by():
        partner_id, last = row["p"], row["last"]
        if partner_id is not None and last is not None and (partner_id not in found or last > found[partner_id]):
            found[partner_id] = last
    return found


def rows(queryset: Any) -> list[dict[str, Any]]:
    """The rows of a ``values()`` queryset whose columns are named at run time (one per moment)."""
    return list(queryset)
