"""``Authorization: Bearer sp_...`` for the API, with the token's owner as the user.

Tokens are created on the web after a two-factor sign-in, so a request with a
valid token counts as having passed the second factor.  Session sign-in also
works (the browsable API and the docs page); the two-factor middleware
guards those sessions as it guards every page.
"""

from __future__ import annotations

from rest_framework import authentication, exceptions

from saferplan.api.tokens import find_token


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keywords = ("bearer", "token")

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower().decode(errors="replace") not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Give one token after 'Bearer'")
        try:
            raw = header[1].decode()
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed("The token is not valid") from None
        token = find_token(raw)
        if token is None:
            raise exceptions.AuthenticationFailed("The token is not valid, or has been revoked")
        return token.user, token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'
