"""Fixtures of the fuzz tests: the hypothesis profile, and snapshots of everything stored."""

from __future__ import annotations

import pytest

import fuzz.profiles  # noqa: F401  (registers and loads the hypothesis profile)
from fuzz.state import database_state


@pytest.fixture
def snapshot():
    """``snapshot()``: the database's rows now, to compare after a refused import."""
    return database_state
