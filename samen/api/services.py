"""Creating, checking and revoking personal API tokens. Each change writes its audit event."""

import datetime
import secrets
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samen import permissions
from samen.api.models import ApiToken, TokenLifetime, TokenScope, hash_api_token
from samen.audit.services import record
from samen.core.services import require

if TYPE_CHECKING:
    from samen.accounts.models import Person

TOKEN_PREFIX = "samen_"  # noqa: S105 - a recognisable prefix, not a secret
# Writing "last used" on every request would turn each read into a write; once a minute is enough.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


def create_token(*, by: "Person", name: str, scope: str, lifetime: int = TokenLifetime.YEAR) -> tuple[ApiToken, str]:
    """A new personal token. Returns the token row and the token itself, which is never stored."""
    require(permissions.can_use_api(by), _("Alleen een actief account kan API-tokens aanmaken."))
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Geef het token een omschrijving, zodat u het later herkent.")})
    if len(name) > 100:
        raise ValidationError({"name": _("Gebruik voor de omschrijving hoogstens 100 tekens.")})
    if scope not in TokenScope.values:
        raise ValidationError({"scope": _("Kies of het token alleen mag lezen of ook mag schrijven.")})
    if int(lifetime) not in TokenLifetime.values:
        raise ValidationError({"lifetime": _("Kies hoe lang het token werkt: 30 dagen, 90 dagen of 1 jaar.")})
    expires_at = timezone.now() + datetime.timedelta(days=int(lifetime))
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            person=by,
            name=name,
            scope=scope,
            token_hash=hash_api_token(raw),
            prefix=raw[: len(TOKEN_PREFIX) + 4],
            expires_at=expires_at,
        )
        record(
            by,
            "api_token.created",
            token,
            after={"name": name, "scope": scope, "prefix": token.prefix, "expires_at": expires_at},
        )
    return token, raw


def revoke_token(*, token: ApiToken, by: "Person") -> ApiToken:
    require(permissions.can_revoke_api_token(by, token), _("U kunt alleen uw eigen tokens intrekken."))
    with transaction.atomic():
        changed = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
        if changed:
            record(by, "api_token.revoked", token, before={"name": token.name, "scope": token.scope})
    token.refresh_from_db()
    return token


def token_for(raw: str) -> ApiToken | None:
    """The token behind ``raw`` with its person, or None; revoked tokens are returned too (the caller decides)."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    return (
        ApiToken.objects.select_related("person", "person__organisation").filter(token_hash=hash_api_token(raw)).first()
    )


def mark_used(token: ApiToken) -> None:
    """Remember roughly when a token was last used, so its owner can spot tokens nobody uses any more."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
