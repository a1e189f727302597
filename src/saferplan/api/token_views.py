"""Your account → API tokens: create a personal token (shown once) and revoke it.

``/account/`` is open to managers who have not yet entered their second factor
(so that they can reach the two-factor page); these views check it themselves:
a token is only ever created from a session that passed two-factor sign-in,
which is why the API accepts a token without asking for a code again.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from saferplan.accounts.middleware import needs_second_factor
from saferplan.api.models import ApiToken
from saferplan.api.tokens import TokenError, create_token, revoke_token


def _to_two_factor(request: HttpRequest) -> HttpResponse:
    query = urlencode({"next": reverse("api_tokens:list")})
    return redirect(f"{reverse('accounts:two_factor')}?{query}")


def _crumbs() -> list[tuple[str, str]]:
    return [("Home", reverse("core:home")), ("Your account", reverse("accounts:profile"))]


@never_cache
@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    """The user's tokens, and the form to create one (the new token is shown once)."""
    if needs_second_factor(request.user):
        return _to_two_factor(request)
    errors, created, name, scope = [], None, "", ApiToken.Scope.READ
    if request.method == "POST":
        name = request.POST.get("name", "")[:200]
        scope = request.POST.get("scope", "")
        try:
            token, raw = create_token(request.user, name, scope)
        except TokenError as error:
            anchor = "id_name" if "name" in str(error) else "id_scope_0"
            errors.append((anchor, str(error)))
        else:
            created = {"token": token, "raw": raw}
            name, scope = "", ApiToken.Scope.READ
    context = {
        "tokens": list(ApiToken.objects.filter(user=request.user, revoked_at__isnull=True)),
        "created": created,
        "errors": errors,
        "name": name,
        "scope": scope,
        "scopes": ApiToken.Scope.choices,
        "breadcrumbs": _crumbs(),
    }
    status = 400 if errors else 200
    return render(request, "api/tokens.html", context, status=status)


@never_cache
@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    if needs_second_factor(request.user):
        return _to_two_factor(request)
    token = ApiToken.objects.filter(user=request.user, pk=pk, revoked_at__isnull=True).first()
    if token is None:
        raise Http404("No such token")
    revoke_token(token)
    messages.success(request, f"Token ‘{token.name}’ is revoked: it no longer works")
    return redirect("api_tokens:list")
