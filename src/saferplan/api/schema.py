"""How drf-spectacular describes the API: token authentication and the error answers."""

from __future__ import annotations

from drf_spectacular import openapi
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "saferplan.api.authentication.ApiTokenAuthentication"
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal token from Your account → API tokens: "
            "`Authorization: Bearer sp_...`",
        }


_ERRORS = {
    "400": "The request is not valid: each problem is named, by field where it has one.",
    "401": "The token is missing, unknown, expired or revoked.",
    "403": "You may see this, but not do this (or the token is read-only).",
    "404": "No such object, or not one you may see; also a page number past the end.",
    "429": "Too many requests: wait for the number of seconds in Retry-After.",
}


class AutoSchema(openapi.AutoSchema):
    """Documents the error answers every operation may give, each a JSON object."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, description in _ERRORS.items():
            if code not in responses:
                error = OpenApiResponse(OpenApiTypes.OBJECT, description=description)
                responses[code] = self._get_response_for_code(error, code, direction=direction)
        return responses
