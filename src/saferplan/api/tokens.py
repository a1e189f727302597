"""Creating, finding and revoking personal API tokens (the only code that writes them)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from saferplan.api.models import ApiToken

PREFIX = "sp_"
# A token's last use is written at most this often, not on every request.
LAST_USED_RESOLUTION = timedelta(minutes=5)
MAX_LIVE_TOKENS = 20


class TokenError(Exception):
    """A token that cannot be created as asked; the message says why."""


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def create_token(
    user, name: str, scope: str = ApiToken.Scope.READ, lifetime: timedelta | None = None
) -> tuple[ApiToken, str]:
    """A new token for ``user`` and its secret value, which is never stored or shown again."""
    name = name.strip()
    if not name:
        raise TokenError("Enter a name for the token")
    if scope not in ApiToken.Scope.values:
        raise TokenError("Choose what the token may do")
    with transaction.atomic():
        live = ApiToken.objects.filter(user=user, revoked_at__isnull=True).count()
        if live >= MAX_LIVE_TOKENS:
            raise TokenError(f"You already have {live} tokens: revoke one you no longer use")
        raw = PREFIX + secrets.token_urlsafe(32)
        token = ApiToken.objects.create(
            user=user,
            name=name[:100],
            scope=scope,
            prefix=raw[: len(PREFIX) + 6],
            key_hash=hash_key(raw),
            expires_at=timezone.now() + lifetime if lifetime else None,
        )
    return token, raw


def find_token(raw: str) -> ApiToken | None:
    """The live token ``raw`` stands for, or None (unknown, revoked, expired, owner inactive)."""
    if not raw.startswith(PREFIX) or len(raw) > 100:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_key(raw), revoked_at__isnull=True)
        .first()
    )
    now = timezone.now()
    if token is None or not token.user.is_active:
        return None
    if token.expires_at is not None and token.expires_at <= now:
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def revoke_token(token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
