"""Inviting people into a partnership and accepting an invitation."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from saferplan.accounts.models import Invitation, PartnershipRole, Profile

_SALT = "saferplan.accounts.invitation"
LIFETIME = timedelta(days=14)


class InvitationError(Exception):
    pass


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def invite(*, partnership, email: str, role: str, agency, invited_by) -> tuple[Invitation, str]:
    """Record an invitation and e-mail its link; returns the signed token."""
    raw = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        partnership=partnership,
        email=email.strip().lower(),
        role=role,
        agency=agency,
        token_hash=_hash(raw),
        invited_by=invited_by,
        expires_at=timezone.now() + LIFETIME,
    )
    token = signing.dumps(raw, salt=_SALT)
    url = f"{settings.SAFERPLAN_BASE_URL.rstrip('/')}/account/invitation/{token}/"
    send_mail(
        f"You are invited to {partnership.name} on SaferPlan",
        render_to_string("accounts/email/invitation.txt", {"invitation": invitation, "url": url}),
        settings.DEFAULT_FROM_EMAIL,
        [invitation.email],
    )
    return invitation, token


def find_invitation(token: str) -> Invitation:
    try:
        raw = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        raise InvitationError("This invitation link is not valid.") from None
    invitation = (
        Invitation.objects.select_related("partnership", "agency")
        .filter(token_hash=_hash(str(raw)))
        .first()
    )
    if invitation is None:
        raise InvitationError("This invitation link is not valid.")
    if invitation.accepted_at is not None:
        raise InvitationError("This invitation has already been used. Sign in instead.")
    if invitation.expires_at <= timezone.now():
        raise InvitationError("This invitation has expired. Ask your manager for a new one.")
    return invitation


def accept(invitation: Invitation, *, first_name: str, last_name: str, password: str):
    """Create (or reuse) the account for the invited address and give it the role."""
    User = get_user_model()
    with transaction.atomic():
        # Lock the invitation so two submissions of the same link cannot both use it.
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at is not None:
            raise InvitationError("This invitation has already been used. Sign in instead.")
        user = (
            User.objects.filter(email__iexact=invitation.email).first()
            or User.objects.filter(username__iexact=invitation.email).first()
        )
        if user is None:
            user = User(
                username=invitation.email,
                email=invitation.email,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
            )
            validate_password(password, user)
            user.set_password(password)
            user.save()
        profile, _ = Profile.objects.get_or_create(user=user)
        if invitation.agency_id and not profile.agency_id:
            profile.agency_id = invitation.agency_id
            profile.save()
        PartnershipRole.objects.update_or_create(
            user=user, partnership=invitation.partnership, defaults={"role": invitation.role}
        )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    return user
