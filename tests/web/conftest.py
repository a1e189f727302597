"""Fixtures for the web pages: a realistic plan and the people who look at it."""

from __future__ import annotations

import pytest

from factories import sample_plan
from saferplan.plans.models import Plan


@pytest.fixture
def plan(db) -> Plan:
    return sample_plan()


@pytest.fixture
def staff(django_user_model):
    """An administrator: may import into any partnership, and create new ones."""
    return django_user_model.objects.create_superuser(
        "stella", "stella@example.org", "not-a-real-password"
    )


@pytest.fixture
def staff_client(verified_client, staff):
    return verified_client(staff)
