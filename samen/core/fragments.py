"""Rendered fragments of pages, kept in the cache until anything changes.

A page is never cached whole: it carries a CSP nonce, a CSRF token, the menu of the person and
their messages. What is kept is a *fragment* — the HTML of a page's content, such as the heatmap of
the portfolio — whose output depends only on stored facts and on what its key names:

- the fragment's name and the parts the view gives: everything that decides the output besides the
  stored facts — the viewer's rights (``permissions.rights_key``), the collaboration, the query;
- the active language, and the local hour: stored health is valid until the hour turns, and "today"
  moves with it (an afspraak becomes overdue);
- the change stamp, which moves with every change: ``samen.audit.services.record`` (that every service
  function calls in its transaction) and ``samen.health.store`` (which stores computed health, for the
  pages and for the worker) call ``changed()``.

The stamp is a counter in the database (one row), so every web worker and every server sees the same
one; it moves when the transaction that changed something commits, never before (a fragment rendered
from the old facts cannot be kept under the new stamp). Until then the connection that made the change
reads its own, not yet committed, stamp. A fragment is rendered without the request: the CSRF token
and the CSP nonce are empty inside it, so they can never be kept for someone else.
"""

import functools
import hashlib
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from samen.core.models import ChangeStamp

# Keys name the hour, so an older fragment is never read again; the cache may drop it after this long.
TIMEOUT_S = 3600
_PENDING = "samen_changes_pending"  # on the database connection: (token, count) of uncommitted changes


def changed() -> None:
    """Something that pages show has changed: every fragment rendered before is stale once this commits.

    A service that records several audit events calls this several times in one transaction; the stamp
    moves once when it commits (the first callback moves it, the others find it moved). Every call
    registers its callback, so a change made after a savepoint that was rolled back still moves it.
    """
    connection = transaction.get_connection()
    token = None
    if connection.in_atomic_block:
        token, count = getattr(connection, _PENDING, None) or (uuid.uuid4().hex, 0)
        setattr(connection, _PENDING, (token, count + 1))
    transaction.on_commit(functools.partial(_move, token), robust=True)


def _move(token: str | None) -> None:
    connection = transaction.get_connection()
    pending = getattr(connection, _PENDING, None)
    if token is not None and (pending is None or pending[0] != token):
        return  # an earlier callback of this transaction has moved the stamp
    moved = ChangeStamp.objects.filter(pk=ChangeStamp.ONE).update(n=F("n") + 1)
    if not moved:  # its row is made by a migration; a test database may have been emptied
        _row, created = ChangeStamp.objects.get_or_create(pk=ChangeStamp.ONE, defaults={"n": 1})
        if not created:
            ChangeStamp.objects.filter(pk=ChangeStamp.ONE).update(n=F("n") + 1)
    setattr(connection, _PENDING, None)


def stamp() -> str:
    """The change stamp as this connection sees it (one query)."""
    found = ChangeStamp.objects.filter(pk=ChangeStamp.ONE).values_list("n", flat=True).first() or 0
    pending = getattr(transaction.get_connection(), _PENDING, None)
    return f"{found}" if pending is None else f"{found}-{pending[0]}-{pending[1]}"


def key(name: str, parts: Iterable[Any]) -> str:
    """The cache key of fragment ``name`` for ``parts``, in the active language, this hour and at the current stamp."""
    digest = hashlib.blake2b(digest_size=20)
    for part in (translation.get_language() or "", timezone.localtime().strftime("%Y%m%d%H"), stamp(), *parts):
        digest.update(str(part).encode("utf-8"))
        digest.update(b"\x1f")
    return f"fragment:{name}:{digest.hexdigest()}"


def fragment(name: str, parts: Iterable[Any], render: Callable[[], str]) -> SafeString:
    """The fragment's HTML from the cache, or ``render()``-ed and kept.

    ``parts`` must name everything besides the stored facts that decides what ``render`` writes; for
    anything that depends on the viewer, their rights (never just "signed in").
    """
    found_key = key(name, parts)
    html: str | None = cache.get(found_key)
    if html is None:
        html = str(render())
        cache.set(found_key, html, TIMEOUT_S)
    return mark_safe(html)  # noqa: S308 - rendered by our own templates, which escape
