"""API rate limits, read from settings on every request so that tests and operators can
change them (DRF's own throttles read theirs once, at import)."""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class AnonymousApiThrottle(AnonRateThrottle):
    def get_rate(self) -> str | None:
        return getattr(settings, "SAFERPLAN_API_ANON_RATE", "120/minute")


class UserApiThrottle(UserRateThrottle):
    def get_rate(self) -> str | None:
        return getattr(settings, "SAFERPLAN_API_USER_RATE", "1200/minute")
