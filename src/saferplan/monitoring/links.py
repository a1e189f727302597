"""Secure links: a lead officer without an account submits their agency's returns.

A link is signed (it cannot be forged or altered), expires, covers one
agency's actions in one period, can be revoked, and every use is logged.
Only a hash of its random token is stored.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.core import signing
from django.utils import timezone

from saferplan.monitoring.models import ReportingPeriod, SecureLink, SecureLinkUse
from saferplan.partnerships.models import Agency

_SALT = "saferplan.monitoring.secure-link"
DEFAULT_LIFETIME = timedelta(days=30)


class LinkRefused(Exception):
    """The link is malformed, forged, expired or revoked; the message says which."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_link(
    period: ReportingPeriod,
    agency: Agency,
    email: str,
    *,
    user=None,
    lifetime: timedelta = DEFAULT_LIFETIME,
) -> tuple[SecureLink, str]:
    """A new link and the signed token to put in its URL (shown once, never stored)."""
    raw = secrets.token_urlsafe(32)
    link = SecureLink.objects.create(
        period=period,
        agency=agency,
        email=email,
        token_hash=_hash(raw),
        created_by=user,
        expires_at=timezone.now() + lifetime,
    )
    return link, signing.dumps(raw, salt=_SALT)


def open_link(signed_token: str, *, what: str, ip: str | None = None) -> SecureLink:
    """The link a signed token stands for, after checking it; logs the use."""
    try:
        raw = signing.loads(signed_token, salt=_SALT)
    except signing.BadSignature:
        raise LinkRefused("This link is not valid. Ask your partnership for a new one.") from None
    link = (
        SecureLink.objects.select_related("period__plan__partnership", "agency")
        .filter(token_hash=_hash(str(raw)))
        .first()
    )
    if link is None or link.revoked_at is not None:
        raise LinkRefused("This link has been withdrawn. Ask your partnership for a new one.")
    if link.expires_at <= timezone.now():
        raise LinkRefused("This link has expired. Ask your partnership for a new one.")
    SecureLinkUse.objects.create(link=link, what=what[:200], ip_address=ip)
    return link


def revoke_link(link: SecureLink) -> None:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
