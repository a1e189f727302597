"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ``../shared``; in CI its absence fails the test, elsewhere it skips."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must run with ../shared beside the repository")
        pytest.skip(f"{path} not present")
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return shared_path("seeds")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: pages keep fragments under versions of the
    data, and two tests' databases can share a version (two empty ones do)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _own_crime_store(settings, tmp_path):
    """Each test has its own crime store (a DuckDB file that one process writes at a
    time): never the checkout's var/crime.duckdb, never another worker's."""
    settings.SAFERPLAN_CRIME_DB = tmp_path / "crime.duckdb"


# The personas (manager, lead officer, viewer, scrutiny reader, outsider) and
# ``verified_client`` serve every folder's permission tests.
from personas import (  # noqa: E402, F401
    confirmed_device,
    council,
    lead_officer,
    make_user,
    manager,
    mediation,
    other_officer,
    other_partnership,
    outsider,
    partnership,
    password,
    personas,
    police,
    scrutiny,
    verified_client,
    viewer,
)
