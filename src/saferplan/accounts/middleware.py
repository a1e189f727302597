"""Managers must sign in with a second factor (TOTP) before they can do anything else."""

from __future__ import annotations

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from saferplan.accounts.models import Role
from saferplan.accounts.permissions import roles_of

# Paths a manager may reach before the second factor: signing in and out,
# setting up or entering the code, and static files.
_OPEN_PREFIXES = ("/account/", "/static/", "/media/")


def needs_second_factor(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    is_manager = user.is_superuser or Role.MANAGER in roles_of(user).values()
    return is_manager and not user.is_verified()


class RequireManagerTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if needs_second_factor(request.user) and not request.path.startswith(_OPEN_PREFIXES):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('accounts:two_factor')}?{query}")
        return self.get_response(request)
