"""The OpenAPI schema, its docs page, and schemathesis fuzzing every endpoint against it.

The suite runs a short, bounded profile (a few examples per operation);
``make fuzz`` runs many more through ``SAFERPLAN_FUZZ_EXAMPLES``.  Requests are
made as a manager with a write token, so that submissions reach the services.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi import checks as openapi_checks

from fuzz.profiles import examples, fuzzing
from saferplan.api.tokens import create_token

# A few examples an operation in the suite; SAFERPLAN_FUZZ_EXAMPLES under ``make fuzz``
# (the "fuzz" profile of tests/fuzz/profiles.py, which also stops derandomizing).
EXAMPLES = examples(6) if fuzzing() else int(os.environ.get("SAFERPLAN_FUZZ_EXAMPLES", "6"))
CHECKS = [
    schemathesis.checks.not_a_server_error,
    openapi_checks.status_code_conformance,
    openapi_checks.content_type_conformance,
    openapi_checks.response_schema_conformance,
    openapi_checks.response_headers_conformance,
]


def test_the_schema_is_served_as_openapi_3(client, db):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    for path in ("/api/plans/", "/api/returns/", "/api/indicator-values/", "/api/periods/"):
        assert path in schema["paths"]
    assert "personalToken" in schema["components"]["securitySchemes"]


def test_the_docs_page_is_served_from_this_site(client, db):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/api/schema/" in page or "/api/docs/" in page
    assert "cdn" not in page.lower()


def _operations():
    from drf_spectacular.generators import SchemaGenerator

    from saferplan.wsgi import application

    loaded = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(public=True))
    loaded.app = application
    return [result.ok() for result in loaded.get_all_operations()]


# schemathesis's own pytest plugin (``schema.parametrize``) does not run under pytest 9,
# so each operation is a parametrized test that runs its own hypothesis search.
OPERATIONS = _operations()


@pytest.fixture
def keep_connection():
    """Calls straight into the WSGI app would close the test's database connection at the
    end of each request (Django's test client disconnects this handler the same way)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.usefixtures("keep_connection")
@pytest.mark.parametrize("operation", OPERATIONS, ids=[op.label for op in OPERATIONS])
def test_every_endpoint_answers_without_5xx_and_as_its_schema_says(
    operation, world, manager, settings
):
    settings.SAFERPLAN_API_USER_RATE = "100000/minute"
    settings.SAFERPLAN_API_ANON_RATE = "100000/minute"
    headers = {"Authorization": f"Bearer {create_token(manager, 'fuzz', 'write')[1]}"}

    @given(case=operation.as_strategy())
    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=not fuzzing(),
        suppress_health_check=list(HealthCheck),
    )
    def call(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    call()
